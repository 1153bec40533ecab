import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLA_CLOCKS, type SlaClock } from '../../src/api/enums.js';
import { slaState } from '../../src/api/sla-state.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { dayStart } from '../../src/server/domain/day-start.js';
import { deskSnapshot } from '../../src/server/domain/desk-board.js';
import type { ConversationsTable, Database } from '../../src/server/store/tables.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T = Date.UTC(2026, 10, 24, 10, 0);
const iso = (t: number) => new Date(t).toISOString();

type Row = Pick<ConversationsTable, 'status' | 'response_held_by' | `${SlaClock}_due_at` | `${SlaClock}_started_at`>;

/**
 * Every running clock judged one by one with slaState, the function every countdown uses (the
 * board passes no business-time warningAt): what the board's counts, made by the database over the
 * partial indexes, must equal.
 */
function judged(rows: Row[], now: number, since: number) {
  const out = Object.fromEntries(SLA_CLOCKS.map((c) => [c, { atRisk: 0, breached: 0, breachedSince: 0 }])) as Record<SlaClock, { atRisk: number; breached: number; breachedSince: number }>;
  for (const r of rows) {
    for (const clock of SLA_CLOCKS) {
      const running = clock === 'resolution' ? r.status === 'open' || r.status === 'pending' : r.status === 'open' && r.response_held_by === null;
      const due = r[`${clock}_due_at`];
      const started = r[`${clock}_started_at`];
      if (!running || due === null) continue;
      const state = slaState({ dueAt: iso(Number(due)), clockStartedAt: started === null ? null : iso(Number(started)) }, now);
      if (state === 'warning') out[clock].atRisk++;
      if (state === 'breached') {
        out[clock].breached++;
        if (Number(due) >= since) out[clock].breachedSince++;
      }
    }
  }
  return out;
}

describe('the board’s running clocks, counted by the database as slaState judges them', () => {
  let server: TestServer;
  let lead: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, clockStart: T });
    lead = await server.login('lead@example.com');
    const db = server.store.db;
    const customer = (await db.selectFrom('customers').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const supervisor = (await lead.me.get()).agent.id;
    const incident = await db
      .insertInto('incidents')
      .values({ title: 'outage', description: 'x', status: 'active', texts: '{}', affects: '{}', started_at: T - HOUR, expected_end_at: null, created_by: supervisor, created_at: T - HOUR, updated_at: T - HOUR, resolved_by: null, resolved_at: null, pause_clocks: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const clocks = (o: Partial<Row> & { status?: string }): Insertable<Database['conversations']> => ({
      customer_id: customer, subject: 'edge', status: 'open', priority: 'normal', priority_rank: 2, channel: 'chat', category: 'other', tags: '[]', assignee_id: null, team: null,
      first_response_due_at: null, first_response_started_at: null, next_response_due_at: null, next_response_started_at: null, resolution_due_at: null, resolution_started_at: null,
      due_at: 0, message_count: 1, last_message_preview: 'edge', last_message_at: T - HOUR, created_at: T - HOUR, updated_at: T - HOUR, ...o,
    });
    await db
      .insertInto('conversations')
      .values([
        // From before clocks kept their start: past due, never at risk.
        clocks({ first_response_due_at: T - 5 * MIN }),
        // Started after its due time: past due is breached all the same; not yet due, never at risk.
        clocks({ first_response_started_at: T - 5 * MIN, first_response_due_at: T - 10 * MIN, next_response_started_at: T + 40 * MIN, next_response_due_at: T + 30 * MIN }),
        // A window of nothing: never at risk; due now: breached.
        clocks({ resolution_started_at: T + HOUR, resolution_due_at: T + HOUR, first_response_started_at: T - 30 * MIN, first_response_due_at: T }),
        // 20 of 100 minutes left (at risk), and 20 minutes and a millisecond (not yet).
        clocks({ next_response_started_at: T - 80 * MIN, next_response_due_at: T + 20 * MIN }),
        clocks({ next_response_started_at: T - 80 * MIN, next_response_due_at: T + 20 * MIN + 1 }),
        // Held by an incident: its response clocks stand still, its resolution runs (10 of 70 minutes left).
        clocks({ response_held_by: incident.id, first_response_started_at: T - HOUR, first_response_due_at: T - 10 * MIN, resolution_started_at: T - HOUR, resolution_due_at: T + 10 * MIN }),
        // Pending: the first response stands still; the resolution, past due a minute ago, and one since yesterday.
        clocks({ status: 'pending', first_response_started_at: T - 2 * HOUR, first_response_due_at: T - HOUR, resolution_started_at: T - 2 * HOUR, resolution_due_at: T - MIN }),
        clocks({ status: 'pending', resolution_started_at: T - 40 * HOUR, resolution_due_at: T - 30 * HOUR }),
        // Snoozed and resolved: nothing runs.
        clocks({ status: 'snoozed', first_response_started_at: T - HOUR, first_response_due_at: T - MIN }),
        clocks({ status: 'resolved', resolution_started_at: T - HOUR, resolution_due_at: T + MIN }),
        // Started in the future: a window of 10 minutes, 20 left.
        clocks({ next_response_started_at: T + 10 * MIN, next_response_due_at: T + 20 * MIN }),
      ])
      .execute();
  });
  afterAll(() => server.close());

  it.each([0, 7 * MIN, 61 * MIN + 1, 26 * HOUR])('at %i ms past the start: at risk and breached per clock, and breached since midnight', async (later) => {
    server.clock.now = T + later;
    const now = server.clock.now;
    const since = dayStart(now, 'UTC');
    const rows = await server.store.db.selectFrom('conversations').selectAll().execute();
    const expected = judged(rows, now, since);
    // A session of the moment: a day later the first one has expired.
    const board = await (await server.login('lead@example.com')).desk.get();
    for (const clock of SLA_CLOCKS) expect(board.sla[clock], clock).toEqual({ atRisk: expected[clock].atRisk, breached: expected[clock].breached });
    // Today's misses are the clocks stopped late since midnight and the running ones breached since.
    const late = await server.store.db.selectFrom('response_times').select(['clock', 'responded_at', 'due_at']).where('responded_at', '>=', since).execute();
    const lateResolutions = await server.store.db.selectFrom('desk_resolutions').select(['resolved_at', 'due_at']).where('resolved_at', '>=', since).execute();
    for (const clock of SLA_CLOCKS) {
      const stoppedLate =
        clock === 'resolution'
          ? lateResolutions.filter((r) => r.due_at !== null && Number(r.resolved_at) > Number(r.due_at)).length
          : late.filter((r) => r.clock === clock && Number(r.responded_at) > Number(r.due_at)).length;
      expect(board.today.sla[clock].missed, clock).toBe(stoppedLate + expected[clock].breachedSince);
    }
    if (later === 0) {
      // Not vacuous: the edges above are in the counts.
      expect(expected.next_response.atRisk).toBeGreaterThanOrEqual(1);
      expect(expected.first_response.breached).toBeGreaterThanOrEqual(3);
      expect(expected.resolution.atRisk).toBeGreaterThanOrEqual(1);
    }
  });
});

/**
 * A day that does not start on a 15-minute slot: Monrovia kept its local mean time (GMT−0:44:30)
 * until 1972, so 1 June 1970 began at 00:44:30 UTC. The slot counters cannot split the slot of 00:30
 * there; the board counts that day from the rows.
 */
describe('today from the rows when midnight is not on a slot', () => {
  const NOW = Date.UTC(1970, 5, 1, 12);
  const MIDNIGHT = Date.UTC(1970, 5, 1, 0, 44, 30);
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clockStart: NOW });
  });
  afterAll(() => server.close());

  it('counts only what came after local midnight, as SQL over the rows does', async () => {
    expect(dayStart(NOW, 'Africa/Monrovia')).toBe(MIDNIGHT);
    const db = server.store.db;
    await db.insertInto('customers').values({ id: 'cus_1970', name: 'C', email: null, phone: null, language: 'en', kyc_level: 'full', two_factor_enabled: 0, created_at: 0 }).execute();
    const { id } = await db
      .insertInto('conversations')
      .values({
        customer_id: 'cus_1970', subject: 's', status: 'resolved', priority: 'normal', priority_rank: 2, channel: 'chat', category: 'other', tags: '[]', assignee_id: null, team: null,
        due_at: 0, message_count: 1, last_message_preview: 's', last_message_at: MIDNIGHT - HOUR, created_at: MIDNIGHT - HOUR, updated_at: MIDNIGHT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const at = (h: number, m: number) => Date.UTC(1970, 5, 1, h, m);
    // Each twice: in the slot of 00:30, before midnight (00:40, 00:41, 00:42) and after it (00:50, 00:46, 00:55).
    await db.insertInto('response_times').values([at(0, 40), at(0, 50)].map((t, i) => ({ conversation_id: id, clock: 'first_response', started_at: t - 3 * MIN, due_at: t + MIN, responded_at: t, duration_ms: (i + 3) * MIN, agent_id: null, message_id: i + 1 }))).execute();
    await db.insertInto('desk_resolutions').values([at(0, 42), at(0, 55)].map((t) => ({ conversation_id: id, resolved_at: t, due_at: t - MIN, reopened_at: null }))).execute();
    await db.insertInto('surveys').values([at(0, 41), at(0, 46)].map((t, i) => ({
      conversation_id: id, customer_id: 'cus_1970', agent_id: null, team: null, token: `srv_1970_${i}`, language: 'en', created_at: t - MIN, expires_at: t + HOUR,
      rating: 5 - i * 3, comment: null, answered_at: t, reopened_at: null, resolution_ms: 1, resolution_due_at: null,
    }))).execute();
    const board = await deskSnapshot(db, server.store.engine, NOW, 'Africa/Monrovia');
    expect(board.today.since).toBe(iso(MIDNIGHT));
    expect(board.today.firstResponse).toEqual({ count: 1, medianMs: 4 * MIN, p90Ms: 4 * MIN });
    expect(board.today.sla.first_response).toEqual({ met: 1, missed: 0, attainedPercent: 100 });
    expect([board.today.resolved, board.today.sla.resolution.missed]).toEqual([1, 1]);
    expect(board.today.csat).toEqual({ answered: 1, average: 2, satisfiedPercent: 0 });
    // The same day in UTC starts on a slot: all of them.
    const utc = await deskSnapshot(db, server.store.engine, NOW, 'UTC');
    expect([utc.today.firstResponse.count, utc.today.resolved, utc.today.csat.answered]).toEqual([2, 2, 2]);
  });
});
