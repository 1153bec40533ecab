import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/store/tables.js';

const SLOT = 900_000;
const n = (v: unknown) => Number(v ?? 0);

export interface DeskCounters {
  queue: Record<string, number>;
  slots: Record<string, Record<string, number>>;
  responses: Record<string, Record<string, number>>;
}

/** Migration 020's counter tables as they stand, keyed for comparison. */
export async function storedCounters(db: Kysely<Database>): Promise<DeskCounters> {
  const queue = await db.selectFrom('desk_queue_counts').selectAll().execute();
  const slots = await db.selectFrom('desk_slot_counts').selectAll().execute();
  const responses = await db.selectFrom('desk_response_counts').selectAll().execute();
  return {
    queue: Object.fromEntries(queue.map((r) => [[n(r.has_team) === 1 ? `team ${r.team}` : 'no team', r.priority, r.channel, r.category].join('|'), n(r.waiting)])),
    slots: Object.fromEntries(
      slots.map((r) => [
        String(n(r.slot)),
        {
          incoming: n(r.incoming), resolved: n(r.resolved), resolved_timed: n(r.resolved_timed), resolved_late: n(r.resolved_late),
          reopened: n(r.reopened), surveys_answered: n(r.surveys_answered), rating_sum: n(r.rating_sum), satisfied: n(r.satisfied),
        },
      ]),
    ),
    responses: Object.fromEntries(responses.map((r) => [`${n(r.slot)}|${r.clock}`, { responded: n(r.responded), late: n(r.late) }])),
  };
}

/**
 * The same counts worked out here from the rows themselves, without the migration's SQL: the waiting
 * queue per group, and per 15-minute UTC slot (⌊epoch ms ÷ 900,000⌋) what was created, resolved,
 * answered and responded. A group or slot with nothing in it has no entry.
 */
export async function countedFromRows(db: Kysely<Database>): Promise<DeskCounters> {
  const counters: DeskCounters = { queue: {}, slots: {}, responses: {} };
  const slotOf = (t: unknown) => String(Math.floor(n(t) / SLOT));
  const add = (slot: string, column: string, by: number) => {
    const row = (counters.slots[slot] ??= { incoming: 0, resolved: 0, resolved_timed: 0, resolved_late: 0, reopened: 0, surveys_answered: 0, rating_sum: 0, satisfied: 0 });
    row[column]! += by;
  };
  for (const c of await db.selectFrom('conversations').select(['status', 'assignee_id', 'team', 'priority', 'channel', 'category', 'created_at']).execute()) {
    add(slotOf(c.created_at), 'incoming', 1);
    if (c.status !== 'open' || c.assignee_id !== null) continue;
    const key = [c.team === null ? 'no team' : `team ${c.team}`, c.priority, c.channel, c.category].join('|');
    counters.queue[key] = (counters.queue[key] ?? 0) + 1;
  }
  for (const r of await db.selectFrom('desk_resolutions').select(['resolved_at', 'due_at', 'reopened_at']).execute()) {
    const slot = slotOf(r.resolved_at);
    add(slot, 'resolved', 1);
    if (r.due_at !== null) add(slot, 'resolved_timed', 1);
    if (r.due_at !== null && n(r.resolved_at) > n(r.due_at)) add(slot, 'resolved_late', 1);
    if (r.reopened_at !== null) add(slot, 'reopened', 1);
  }
  for (const s of await db.selectFrom('surveys').select(['answered_at', 'rating']).execute()) {
    if (s.answered_at === null) continue;
    const slot = slotOf(s.answered_at);
    add(slot, 'surveys_answered', 1);
    add(slot, 'rating_sum', n(s.rating));
    if (s.rating !== null && s.rating >= 4) add(slot, 'satisfied', 1);
  }
  for (const r of await db.selectFrom('response_times').select(['clock', 'responded_at', 'due_at']).execute()) {
    const row = (counters.responses[`${slotOf(r.responded_at)}|${r.clock}`] ??= { responded: 0, late: 0 });
    row['responded']!++;
    if (n(r.responded_at) > n(r.due_at)) row['late']!++;
  }
  return counters;
}
