import type { Kysely } from 'kysely';
import type { AuthenticatedAgent } from '../context.js';
import { summaryOf } from '../store/conversation-rows.js';
import { forUpdate } from '../store/locking.js';
import type { Database } from '../store/tables.js';
import { isoOrNull } from '../store/time.js';
import { refOf } from './actor.js';
import { clockColumns, clocksForHold, clocksOf } from './sla.js';
import { timersOf } from './sla-setup.js';
import type { UnitOfWork } from './unit-of-work.js';

type Uow = UnitOfWork<AuthenticatedAgent>;

const CHUNK = 500;

/** Open, pending, snoozed and resolved conversations can run response clocks again; closed ones never. */
const HOLDABLE_STATUSES = ['open', 'pending', 'snoozed', 'resolved'];

/**
 * An incident with paused clocks holds the response clocks of its linked conversations while it is
 * active: linking, turning the setting on, unlinking, turning it off and resolving start and end the
 * hold. Each conversation row is locked (ascending ids, as every other multi-row path) and its clocks
 * moved as one status change would move them: paused now, or resumed with their due times shifted by
 * the time they were held. The caller holds the incident's lock, so link, unlink, update and resolve of
 * one incident never interleave.
 *
 * `heldBy`: the incident to hold for, or null to let go. Conversations already as asked are skipped.
 * Returns the conversations whose hold changed.
 */
export async function setResponseHold(uow: Uow, conversationIds: number[], heldBy: number | null): Promise<number[]> {
  const { trx, ctx, now, actor } = uow;
  const ids = [...new Set(conversationIds)].sort((a, b) => a - b);
  const changed: number[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    let query = trx.selectFrom('conversations').selectAll().where('id', 'in', ids.slice(i, i + CHUNK));
    query = heldBy === null ? query.where('response_held_by', 'is not', null) : query.where('status', 'in', HOLDABLE_STATUSES);
    const rows = await forUpdate(query.orderBy('id'), ctx.engine).execute();
    for (const row of rows) {
      if (row.response_held_by === heldBy) continue;
      // Each clock moves by the calendar version it started with (compiled calendars are cached).
      const clocks = clocksForHold(clocksOf(row), heldBy, now, await timersOf(trx, row));
      await trx.updateTable('conversations').set({ ...clockColumns(clocks), updated_at: now }).where('id', '=', row.id).execute();
      changed.push(row.id);
      const conversation = await summaryOf(trx, row.id, now);
      const changes = { responseHold: { from: row.response_held_by === null ? null : { incidentId: row.response_held_by, since: isoOrNull(row.response_paused_at) }, to: conversation.sla.responseHold ?? null } };
      await uow.emit({ type: 'conversation.updated', conversationId: row.id, payload: { conversation, changes, by: refOf(actor) } });
    }
  }
  return changed;
}

/** The conversations linked to an incident, lowest id first. */
export async function linkedConversations(trx: Kysely<Database>, incidentId: number): Promise<number[]> {
  return (await trx.selectFrom('incident_links').select('conversation_id').where('incident_id', '=', incidentId).orderBy('conversation_id').execute()).map((r) => r.conversation_id);
}
