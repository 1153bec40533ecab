import type { Kysely } from 'kysely';
import { Value } from 'typebox/value';
import { DESK_SETTING_KEYS, DeskSettingValues, type DeskSettingKey } from '../../api/schemas/desk-settings.js';
import type { DeskSettingValues as Values } from '../../api/types.js';
import type { Database } from './tables.js';

const isKey = (key: string): key is DeskSettingKey => (DESK_SETTING_KEYS as readonly string[]).includes(key);

/**
 * The settings the desk has set (migration 019), each under its primary key. A row whose value no
 * longer fits its setting (written by hand, or by a version that allowed more) counts as not set, so
 * the server's default applies rather than a value the domain cannot use.
 */
export async function storedDeskSettings(db: Kysely<Database>): Promise<Partial<Values>> {
  const rows = await db.selectFrom('desk_settings').select(['key', 'value']).execute();
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    if (!isKey(row.key)) continue;
    let value: unknown;
    try {
      value = JSON.parse(row.value);
    } catch {
      continue;
    }
    if (Value.Check(DeskSettingValues.properties[row.key], value)) stored[row.key] = value;
  }
  return stored as Partial<Values>;
}

/** Sets one setting (null: forgets it, so the server's default applies again). */
export async function writeDeskSetting(trx: Kysely<Database>, key: DeskSettingKey, value: unknown, now: number, by: string): Promise<void> {
  if (value === null) {
    await trx.deleteFrom('desk_settings').where('key', '=', key).execute();
    return;
  }
  const json = JSON.stringify(value);
  await trx
    .insertInto('desk_settings')
    .values({ key, value: json, updated_at: now, updated_by: by })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now, updated_by: by }))
    .execute();
}
