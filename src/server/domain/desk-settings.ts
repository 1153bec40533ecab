import type { Kysely } from 'kysely';
import { DESK_SETTING_KEYS } from '../../api/schemas/desk-settings.js';
import type { DeskSettings, PatchDeskSettingsRequest } from '../../api/types.js';
import type { AuthenticatedAgent, ServerSettings } from '../context.js';
import { storedDeskSettings, writeDeskSetting } from '../store/desk-settings.js';
import { lockLimit } from '../store/limit-locks.js';
import type { Database } from '../store/tables.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * The desk's automation as it applies now: what the desk set wins, and the server's start flags
 * (`--auto-triage`, `--auto-answer`, …) fill in what it has not set.
 *
 * Read from the database each time, not cached in the process: several instances share one
 * PostgreSQL, and a cache invalidated by the live event would leave another instance answering with
 * the old settings until the event reached it. The read is a few rows under their primary key, in the
 * caller's transaction, beside the inserts of a new conversation.
 */
export async function deskSettings(db: Kysely<Database>, defaults: ServerSettings): Promise<DeskSettings> {
  const stored = await storedDeskSettings(db);
  const settings = {
    autoTriage: stored.autoTriage ?? defaults.autoTriage,
    autoAnswer: stored.autoAnswer ?? defaults.autoAnswer,
    autoAnswerThreshold: stored.autoAnswerThreshold ?? defaults.autoAnswerThreshold,
    autoAnswerCategories: [...(stored.autoAnswerCategories ?? defaults.autoAnswerCategories)],
  };
  const sources = Object.fromEntries(DESK_SETTING_KEYS.map((key) => [key, stored[key] === undefined ? 'server' : 'desk'])) as DeskSettings['sources'];
  return { settings, sources };
}

/**
 * An admin changes the desk's automation: each field given is set, null forgets it (the server's
 * default applies again). Audited with the settings before and after, and announced as the live event
 * desk.settings_updated. The next inbound conversation, on any instance, reads the new settings.
 */
export async function updateDeskSettings(uow: UnitOfWork<AuthenticatedAgent>, patch: PatchDeskSettingsRequest): Promise<DeskSettings> {
  const { trx, ctx, actor, now } = uow;
  // Two admins at once: the second waits, so its audit entry's "before" is what the first left.
  await lockLimit(trx, 'desk_settings', now);
  const before = await deskSettings(trx, ctx.settings);
  for (const key of DESK_SETTING_KEYS) {
    if (patch[key] !== undefined) await writeDeskSetting(trx, key, patch[key], now, actor.id);
  }
  const after = await deskSettings(trx, ctx.settings);
  await uow.audit({ before, after });
  await uow.emit({ type: 'desk.settings_updated', conversationId: null, payload: { settings: after, by: { id: actor.id, name: actor.name } } });
  return after;
}
