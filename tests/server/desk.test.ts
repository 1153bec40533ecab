import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskSections } from '../../src/api/text/desk-board.js';
import type { DeskSnapshot } from '../../src/api/types.js';
import { SupportClient } from '../../src/client/support-client.js';
import type { ConversationsTable } from '../../src/server/store/tables.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince } from '../helpers/workflow.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 17:30 UTC: already 00:30 the next day in Jakarta (UTC+7), whose "today" began at 17:00 UTC. */
const T = Date.UTC(2026, 10, 23, 17, 30);
const UTC_MIDNIGHT = Date.UTC(2026, 10, 23);
const JAKARTA_MIDNIGHT = Date.UTC(2026, 10, 23, 17, 0);
const at = (h: number, m = 0) => Date.UTC(2026, 10, 23, h, m);

/**
 * The board's figures over a desk built row by row with known answers (each worked out in the
 * comments), and checked again against plain SQL over the same rows.
 */
describe('GET /v1/desk', () => {
  let server: TestServer;
  let lead: SupportClient;
  let agent: SupportClient;
  let ids: Record<string, string>;
  const conv: Record<string, number> = {};

  beforeAll(async () => {
    server = await startTestServer({ demo: true, clockStart: T });
    [lead, agent] = await Promise.all([server.login('lead@example.com'), server.login('agent@example.com')]);
    ids = Object.fromEntries((await lead.agents.listAll()).map((a) => [a.email.split('@')[0]!, a.id]));
    const db = server.store.db;
    // The demo's conversations and what hangs on them go: the rows below are the whole desk.
    for (const table of ['presence', 'response_times', 'sla_breaches', 'messages', 'complaints', 'desk_resolutions', 'surveys', 'refunds'] as const) {
      await db.deleteFrom(table).execute();
    }
    await db.deleteFrom('conversations').execute();
    const customer = (await db.selectFrom('customers').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const base = (name: string, o: Partial<Omit<ConversationsTable, 'id'>>) => ({
      customer_id: customer, subject: name, status: 'open', priority: 'normal', priority_rank: 2, channel: 'chat', category: 'other', tags: '[]',
      assignee_id: null, team: null, first_response_due_at: null, first_response_started_at: null, next_response_due_at: null, next_response_started_at: null,
      resolution_due_at: null, resolution_started_at: null, due_at: 0, first_responded_at: null, resolved_at: null, snoozed_until: null,
      message_count: 1, last_message_preview: name, last_message_at: o.created_at ?? T, updated_at: o.created_at ?? T, created_at: T, ...o,
    });
    const specs: [string, Partial<Omit<ConversationsTable, 'id'>>][] = [
      // Waiting: A (window 100 min, 10 left: at risk), B (50 of 100 left: ok), C (past due since 17:10: breached today).
      ['A', { team: 'payments', priority: 'urgent', category: 'payment_failed', created_at: T - 90 * MIN, first_response_started_at: T - 90 * MIN, first_response_due_at: T + 10 * MIN, resolution_started_at: T - 90 * MIN, resolution_due_at: T + 22 * HOUR }],
      ['B', { team: 'payments', channel: 'email', category: 'refund', created_at: T - 50 * MIN, first_response_started_at: T - 50 * MIN, first_response_due_at: T + 50 * MIN, resolution_started_at: T - 50 * MIN, resolution_due_at: T + 23 * HOUR }],
      ['C', { category: 'refund', created_at: T - 120 * MIN, first_response_started_at: T - 120 * MIN, first_response_due_at: T - 20 * MIN, resolution_started_at: T - 120 * MIN, resolution_due_at: T + 22 * HOUR }],
      // Ayu's: D exactly on the 20 % boundary (20 of 100 left: at risk), E due right now (breached).
      ['D', { assignee_id: 'agent', created_at: T - 80 * MIN, first_response_started_at: T - 80 * MIN, first_response_due_at: T + 20 * MIN, resolution_started_at: T - 80 * MIN, resolution_due_at: T + 22 * HOUR }],
      ['E', { assignee_id: 'agent', created_at: T - 60 * MIN, first_response_started_at: T - 60 * MIN, first_response_due_at: T, resolution_started_at: T - 60 * MIN, resolution_due_at: T + 23 * HOUR }],
      // Pending: response clocks stand still (F's past-due first response does not count); resolution runs (G: breached at 16:30 UTC).
      ['F', { status: 'pending', created_at: T - 5 * HOUR, first_response_started_at: T - 5 * HOUR, first_response_due_at: T - 4 * HOUR, resolution_started_at: T - 5 * HOUR, resolution_due_at: T + 19 * HOUR }],
      ['G', { status: 'pending', assignee_id: 'agent', created_at: T - 25 * HOUR, resolution_started_at: T - 25 * HOUR, resolution_due_at: T - HOUR }],
      // Budi's: H's next response 1 of 10 minutes left (at risk); its resolution was breached yesterday.
      ['H', { assignee_id: 'budi', created_at: T - 44 * HOUR, next_response_started_at: T - 9 * MIN, next_response_due_at: T + MIN, resolution_started_at: T - 44 * HOUR, resolution_due_at: T - 20 * HOUR }],
      // Resolved ones, for the resolutions below.
      ['R1', { status: 'resolved', created_at: at(8), resolved_at: null }],
      ['R2', { status: 'resolved', created_at: at(16), resolved_at: at(17, 5) }],
      ['R3', { status: 'resolved', created_at: at(17, 1), resolved_at: at(17, 15) }],
    ];
    for (const [name, o] of specs) {
      const row = base(name, { ...o, assignee_id: o.assignee_id ? ids[o.assignee_id]! : null });
      conv[name] = Number((await db.insertInto('conversations').values(row).returning('id').executeTakeFirstOrThrow()).id);
    }
    // First responses: 1, 2, 3, 4 and 10 minutes today (UTC); the 10-minute one late. Jakarta's today holds the 3 and 4 only.
    const response = (clock: string, respondedAt: number, minutes: number, late: boolean) => ({
      conversation_id: conv['A']!, clock, started_at: respondedAt - minutes * MIN, due_at: late ? respondedAt - MIN : respondedAt + MIN,
      responded_at: respondedAt, duration_ms: minutes * MIN, agent_id: ids['agent']!, message_id: 1,
    });
    await db.insertInto('response_times').values([
      response('first_response', at(1), 1, false),
      response('first_response', at(10), 2, false),
      response('first_response', at(17, 10), 3, false),
      response('first_response', at(17, 20), 4, false),
      response('first_response', at(16, 59), 10, true),
      response('first_response', Date.UTC(2026, 10, 22, 23), 7, true),
      response('next_response', at(12), 5, false),
    ]).execute();
    // Resolutions today (UTC): 09:00 on time and reopened at 11:00; 17:05 late; 17:15 with no clock. One yesterday.
    await db.insertInto('desk_resolutions').values([
      { conversation_id: conv['R1']!, resolved_at: at(9), due_at: at(10), reopened_at: at(11) },
      { conversation_id: conv['R2']!, resolved_at: at(17, 5), due_at: at(17), reopened_at: null },
      { conversation_id: conv['R3']!, resolved_at: at(17, 15), due_at: null, reopened_at: null },
      { conversation_id: conv['R1']!, resolved_at: Date.UTC(2026, 10, 22, 20), due_at: null, reopened_at: null },
    ]).execute();
    // Replies in the last hour: Ayu 2 (a note and a reply 61 minutes ago do not count), Budi 1.
    const message = (author: string | null, kind: string, createdAt: number, authorType = 'agent') => ({
      conversation_id: conv['D']!, client_message_id: null, kind, author_type: authorType, author_id: author, author_name: 'x', body: 'x', created_at: createdAt,
    });
    await db.insertInto('messages').values([
      message(ids['agent']!, 'reply', T - 30 * MIN), message(ids['agent']!, 'reply', T - 29 * MIN), message(ids['agent']!, 'note', T - 10 * MIN),
      message(ids['agent']!, 'reply', T - 61 * MIN), message(ids['budi']!, 'reply', T - 5 * MIN), message(customer, 'reply', T - MIN, 'customer'),
    ]).execute();
    // Presence: Ayu is in D; Budi's typing in H expired a second ago.
    await db.insertInto('presence').values([
      { conversation_id: conv['D']!, agent_id: ids['agent']!, state: 'viewing', since: T - MIN, expires_at: T + 20_000 },
      { conversation_id: conv['H']!, agent_id: ids['budi']!, state: 'typing', since: T - 40_000, expires_at: T - 1000 },
    ]).execute();
    await db.updateTable('agents').set({ availability_since: T - 2 * HOUR }).where('id', '=', ids['agent']!).execute();
    // Complaints: open due in 2 hours and in second review overdue by 1 are near; 3 days away and answered are not.
    const complaint = (name: string, status: string, replyBy: number) => ({
      number: `C-20261123-00000${name}`, conversation_id: conv[name]!, customer_id: customer, status, summary: 's', reply_by_at: replyBy, created_by: ids['agent']!, created_at: T - HOUR, updated_at: T - HOUR,
    });
    await db.insertInto('complaints').values([complaint('A', 'open', T + 2 * HOUR), complaint('B', 'second_review', T - HOUR), complaint('C', 'open', T + 72 * HOUR), complaint('D', 'answered', T + HOUR)]).execute();
    // Refunds waiting: IDR 50,000 + 25,000 (the oldest 3 hours old), USD 12.34; a succeeded one does not count.
    const txn = await db.selectFrom('transactions').innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
      .select(['transactions.id', 'transactions.account_id', 'wallet_accounts.customer_id']).orderBy('transactions.id').executeTakeFirstOrThrow();
    const refund = (id: string, status: string, amount: number, currency: string, createdAt: number) => ({
      id, transaction_id: txn.id, account_id: txn.account_id, customer_id: txn.customer_id, amount, currency, reason: 'duplicate_charge', note: null, status,
      approval_reason: null, requested_by: ids['agent']!, requested_by_role: 'agent', authorized_by: null, authorized_at: null, decided_by: null, decided_at: null,
      decision_note: null, refund_transaction_id: null, created_at: createdAt, updated_at: createdAt,
    });
    await db.insertInto('refunds').values([
      refund('rfd_DESK0001', 'pending_approval', 50_000, 'IDR', T - 3 * HOUR), refund('rfd_DESK0002', 'pending_approval', 25_000, 'IDR', T - HOUR),
      refund('rfd_DESK0003', 'pending_approval', 1234, 'USD', T - 2 * HOUR), refund('rfd_DESK0004', 'succeeded', 99_000, 'IDR', T - HOUR),
    ]).execute();
  });
  afterAll(() => server.close());

  it('shows agents: availability and since when, load against capacity, where they are, replies in the last hour', async () => {
    const board = await lead.desk.get();
    const ayu = board.agents.find((a) => a.id === ids['agent'])!;
    expect(ayu).toMatchObject({ name: 'Ayu Lestari', load: 2, capacity: 8, current: { conversationId: conv['D'], state: 'viewing' }, repliesLastHour: 2, availabilitySince: new Date(T - 2 * HOUR).toISOString() });
    expect(board.agents.find((a) => a.id === ids['budi'])).toMatchObject({ load: 1, current: null, repliesLastHour: 1 });
    // Against SQL: open conversations per assignee, replies per author in the hour.
    const loads = await sql<{ assignee_id: string; n: number }>`select assignee_id, count(*) as n from conversations where status = 'open' and assignee_id is not null group by assignee_id`.execute(server.store.db);
    for (const row of loads.rows) expect(board.agents.find((a) => a.id === row.assignee_id)!.load).toBe(Number(row.n));
    const replies = await sql<{ author_id: string; n: number }>`select author_id, count(*) as n from messages where author_type = 'agent' and kind = 'reply' and created_at >= ${T - HOUR} group by author_id`.execute(server.store.db);
    expect(Object.fromEntries(board.agents.filter((a) => a.repliesLastHour > 0).map((a) => [a.id, a.repliesLastHour]))).toEqual(Object.fromEntries(replies.rows.map((r) => [r.author_id, Number(r.n)])));
  });

  it('counts the waiting queue by team, priority, channel and category, with the oldest', async () => {
    const { queue } = await lead.desk.get();
    expect(queue.waiting).toBe(3);
    expect(queue.byTeam).toEqual([{ key: 'payments', count: 2 }, { key: '(no team)', count: 1 }]);
    expect(queue.byPriority).toEqual([{ key: 'normal', count: 2 }, { key: 'urgent', count: 1 }]);
    expect(queue.byChannel).toEqual([{ key: 'chat', count: 2 }, { key: 'email', count: 1 }]);
    expect(queue.byCategory).toEqual([{ key: 'refund', count: 2 }, { key: 'payment_failed', count: 1 }]);
    expect(queue.oldestWaiting).toEqual({ conversationId: conv['C'], since: new Date(T - 120 * MIN).toISOString() });
    for (const column of ['priority', 'channel', 'category'] as const) {
      const rows = await sql<{ k: string; n: number }>`select ${sql.ref(column)} as k, count(*) as n from conversations where status = 'open' and assignee_id is null group by ${sql.ref(column)}`.execute(server.store.db);
      const field = ({ priority: 'byPriority', channel: 'byChannel', category: 'byCategory' } as const)[column];
      expect(Object.fromEntries(queue[field].map((c) => [c.key, c.count]))).toEqual(Object.fromEntries(rows.rows.map((r) => [r.k, Number(r.n)])));
    }
  });

  it('counts running clocks at risk (last 20 % of the window, the boundary included) and breached', async () => {
    const { sla } = await lead.desk.get();
    expect(sla).toEqual({ first_response: { atRisk: 2, breached: 2 }, next_response: { atRisk: 1, breached: 0 }, resolution: { atRisk: 0, breached: 2 } });
  });

  it('today in UTC: SLA attained per clock, first response median and p90, resolutions and reopen rate', async () => {
    const { today } = await lead.desk.get();
    expect(today.since).toBe(new Date(UTC_MIDNIGHT).toISOString());
    // First response: 4 on time; late: the 10-minute one, C (due 17:10) and E (due now) still running.
    expect(today.sla).toEqual({
      first_response: { met: 4, missed: 3, attainedPercent: 57.1 },
      next_response: { met: 1, missed: 0, attainedPercent: 100 },
      // 09:00 on time; 17:05 late, and G's running clock breached at 16:30.
      resolution: { met: 1, missed: 2, attainedPercent: 33.3 },
    });
    expect(today.firstResponse).toEqual({ count: 5, medianMs: 3 * MIN, p90Ms: 10 * MIN });
    expect([today.resolved, today.reopened, today.reopenRatePercent]).toEqual([3, 1, 33.3]);
    // Against SQL: the median by nearest rank is the ceil(n/2)-th duration.
    const durations = await sql<{ d: number }>`select duration_ms as d from response_times where clock = 'first_response' and responded_at >= ${UTC_MIDNIGHT} order by duration_ms`.execute(server.store.db);
    expect(today.firstResponse.medianMs).toBe(Number(durations.rows[Math.ceil(durations.rows.length / 2) - 1]!.d));
  });

  it('today in another time zone starts at its midnight (Jakarta: 17:00 UTC)', async () => {
    const { today } = await lead.desk.get({ tz: 'Asia/Jakarta' });
    expect(today.since).toBe(new Date(JAKARTA_MIDNIGHT).toISOString());
    expect(today.firstResponse).toEqual({ count: 2, medianMs: 3 * MIN, p90Ms: 4 * MIN });
    expect(today.sla.first_response).toEqual({ met: 2, missed: 2, attainedPercent: 50 });
    expect(today.sla.resolution).toEqual({ met: 0, missed: 1, attainedPercent: 0 });
    expect([today.resolved, today.reopened, today.reopenRatePercent]).toEqual([2, 0, 0]);
  });

  it('an empty day has no percentages, not zeros', async () => {
    server.clock.advance(7 * 24 * HOUR);
    try {
      const later = await server.login('lead@example.com');
      const { today, volume } = await later.desk.get();
      expect(today.sla.first_response).toEqual({ met: 0, missed: 0, attainedPercent: null });
      expect(today.firstResponse).toEqual({ count: 0, medianMs: null, p90Ms: null });
      expect([today.resolved, today.reopenRatePercent]).toEqual([0, null]);
      expect(volume.incoming.every((n) => n === 0)).toBe(true);
    } finally {
      server.clock.advance(-7 * 24 * HOUR);
    }
  });

  it('draws 12 hours of 15-minute buckets of incoming and resolved conversations', async () => {
    const { volume } = await lead.desk.get();
    const from = T - 47 * 15 * MIN;
    expect(volume.from).toBe(new Date(from).toISOString());
    expect([volume.incoming.length, volume.resolved.length, volume.bucketMinutes]).toEqual([48, 48, 15]);
    const bucket = (t: number) => Math.floor((t - from) / (15 * MIN));
    expect(volume.resolved[bucket(at(9))]).toBe(1);
    expect(volume.resolved[bucket(at(17, 5))]).toBe(1);
    expect(volume.resolved[bucket(at(17, 15))]).toBe(1);
    expect(volume.resolved.reduce((a, b) => a + b, 0)).toBe(3);
    const created = await sql<{ t: number }>`select created_at as t from conversations where created_at >= ${from}`.execute(server.store.db);
    const expected = Array.from({ length: 48 }, () => 0);
    for (const r of created.rows) expected[bucket(Number(r.t))]!++;
    expect(volume.incoming).toEqual(expected);
    expect(volume.incoming[bucket(T - 90 * MIN)]).toBeGreaterThanOrEqual(1);
  });

  it('lists complaints near their deadline and refunds waiting for approval', async () => {
    const { complaints, refunds } = await lead.desk.get();
    expect(complaints.nearDeadline).toBe(2);
    expect(complaints.first.map((c) => [c.conversationId, c.status])).toEqual([[conv['B'], 'second_review'], [conv['A'], 'open']]);
    expect(refunds).toEqual({
      waiting: 3,
      oldest: new Date(T - 3 * HOUR).toISOString(),
      totals: [{ currency: 'IDR', count: 2, amount: 75_000 }, { currency: 'USD', count: 1, amount: 1234 }],
    });
  });

  it('counts a resolve and a reopen made through the API', async () => {
    const before = (await lead.desk.get()).today;
    await lead.conversations.resolve(conv['A']!);
    const resolved = (await lead.desk.get()).today;
    expect([resolved.resolved, resolved.reopened]).toEqual([before.resolved + 1, before.reopened]);
    await lead.conversations.reopen(conv['A']!);
    const reopened = (await lead.desk.get()).today;
    expect([reopened.resolved, reopened.reopened]).toEqual([before.resolved + 1, before.reopened + 1]);
  });

  it('refuses agents (403) and a bad time zone (400), changing nothing', async () => {
    const mark = await auditMark(server.store.db);
    const denied = await apiFailure(agent.desk.get());
    expect([denied.status, denied.code]).toEqual([403, 'forbidden']);
    const badZone = await apiFailure(lead.desk.get({ tz: 'Mars/Olympus' }));
    expect([badZone.status, badZone.code]).toEqual([400, 'validation_failed']);
    expect(badZone.message).toContain('Mars/Olympus');
    const malformed = await apiFailure(lead.desk.get({ tz: '../etc' }));
    expect(malformed.status).toBe(400);
    const deniedMove = await apiFailure(agent.agents.setAvailability(ids['budi']!, 'offline'));
    expect([deniedMove.status, deniedMove.code]).toEqual([403, 'forbidden']);
    expect((await lead.agents.get(ids['budi']!)).availability).toBe('online');
    const audit = await auditSince(server.store.db, mark);
    expect(audit.filter(([outcome]) => outcome === 'succeeded')).toEqual([]);
  });

  it('a supervisor sets an agent away: audited, announced, shown with the time', async () => {
    const mark = await auditMark(server.store.db);
    const moved = await lead.agents.setAvailability(ids['budi']!, 'away');
    expect(moved.availability).toBe('away');
    const board: DeskSnapshot = await lead.desk.get();
    expect(board.agents.find((a) => a.id === ids['budi'])).toMatchObject({ availability: 'away', availabilitySince: new Date(T).toISOString() });
    expect(await auditSince(server.store.db, mark)).toEqual([['succeeded', 'agent.update', ids['lead'], undefined]]);
    const event = await server.store.db.selectFrom('events').select(['type', 'payload']).where('type', '=', 'agent.availability').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toEqual({ agent: { id: ids['budi'], name: 'Budi Hartono' }, availability: 'away', by: { id: ids['lead'], name: 'Wei Chen' } });
    // The same availability again: no change of time in state, no event (this was a 500 once: an UPDATE with nothing to set).
    server.clock.advance(MIN);
    await lead.agents.setAvailability(ids['budi']!, 'away');
    expect((await lead.desk.get()).agents.find((a) => a.id === ids['budi'])!.availabilitySince).toBe(new Date(T).toISOString());
    server.clock.advance(-MIN);
    const unknown = await apiFailure(lead.agents.setAvailability('agt_NOSUCH01', 'away'));
    expect(unknown.status).toBe(404);
    const bad = await apiFailure(lead.agents.setAvailability(ids['budi']!, 'asleep' as 'away'));
    expect(bad.status).toBe(400);
  });
  it('today’s CSAT: the surveys answered since midnight, their mean and the share rated 4-5, as SQL counts them', async () => {
    expect((await lead.desk.get()).today.csat).toEqual({ answered: 0, average: null, satisfiedPercent: null });
    const admin = await server.login('admin@example.com');
    const customer = new SupportClient({ baseUrl: server.url });
    for (const [name, rating] of [['B', 5], ['C', 2], ['D', 4]] as const) {
      await lead.conversations.resolve(conv[name]!);
      const survey = (await lead.surveys.list({ conversationId: conv[name]! })).data[0]!;
      await customer.surveys.answer(survey.id, (await admin.surveys.link(survey.id)).token, { rating });
    }
    const { csat } = (await lead.desk.get()).today;
    expect(csat).toEqual({ answered: 3, average: 3.67, satisfiedPercent: 66.7 });
    const row = (await sql<{ n: number; mean: number; happy: number }>`select count(*) as n, avg(rating) as mean, sum(case when rating >= 4 then 1 else 0 end) as happy from surveys where answered_at >= ${UTC_MIDNIGHT}`.execute(server.store.db)).rows[0]!;
    expect([csat.answered, csat.average, csat.satisfiedPercent]).toEqual([Number(row.n), Math.round(Number(row.mean) * 100) / 100, Math.round((Number(row.happy) / Number(row.n)) * 1000) / 10]);
  });

  it('active incidents, newest first, with their linked and open linked counts, as SQL counts them; a resolved one is left out', async () => {
    const declare = (title: string) => lead.incidents.create({ title, description: 'desk board', startedAt: new Date(T - HOUR).toISOString(), expectedEndAt: new Date(T + 2 * HOUR).toISOString() });
    const outage = await declare('Acquirer timeouts');
    const quiet = await declare('Nothing linked yet');
    const over = await declare('Already over');
    // A is open, F pending (both reached by a broadcast), B resolved by the CSAT test above (linked, not open).
    await lead.incidents.link(outage.id, [conv['A']!, conv['F']!, conv['B']!]);
    await lead.incidents.link(over.id, [conv['E']!]);
    await lead.incidents.resolve(over.id);

    const board = await lead.desk.get();
    expect(board.incidents).toEqual([
      { id: quiet.id, title: 'Nothing linked yet', startedAt: new Date(T - HOUR).toISOString(), expectedEndAt: new Date(T + 2 * HOUR).toISOString(), linkedCount: 0, openLinkedCount: 0 },
      { id: outage.id, title: 'Acquirer timeouts', startedAt: new Date(T - HOUR).toISOString(), expectedEndAt: new Date(T + 2 * HOUR).toISOString(), linkedCount: 3, openLinkedCount: 2 },
    ]);
    const rows = (
      await sql<{ id: number; linked: number; open: number }>`
        select i.id, count(l.conversation_id) as linked, coalesce(sum(case when c.status in ('open', 'pending', 'snoozed') then 1 else 0 end), 0) as open
        from incidents i left join incident_links l on l.incident_id = i.id left join conversations c on c.id = l.conversation_id
        where i.status = 'active' group by i.id order by i.id desc`.execute(server.store.db)
    ).rows;
    expect(board.incidents.map((i) => [i.id, i.linkedCount, i.openLinkedCount])).toEqual(rows.map((r) => [Number(r.id), Number(r.linked), Number(r.open)]));

    const text = deskSections(board, T, 100).find((section) => section.title.startsWith('Active incidents'))!;
    expect(text.title).toBe('Active incidents: 2');
    expect(text.lines).toEqual([
      `⚠ ${quiet.id} Nothing linked yet · since 1h00m · ETA 2026-11-23 19:30 UTC · 0 linked, 0 open`,
      `⚠ ${outage.id} Acquirer timeouts · since 1h00m · ETA 2026-11-23 19:30 UTC · 3 linked, 2 open`,
    ]);
    await lead.incidents.resolve(outage.id);
    await lead.incidents.resolve(quiet.id);
    expect((await lead.desk.get()).incidents).toEqual([]);
  });
});
