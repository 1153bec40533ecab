import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { seedReportDesk, type SeededDesk } from '../helpers/report-seed.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { countRows } from '../helpers/workflow.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (s: string) => Date.parse(s);

/**
 * Every figure of the reports against a plain SQL query over the raw tables and against answers known
 * by hand, on a seeded week of March 2020: local days in two zones (one crossing a DST change), empty
 * days, a team, the roles, and bad input.
 */
describe(`reports (${ENGINE})`, () => {
  let server: TestServer;
  let lead: SupportClient;
  let agent: SupportClient;
  let admin: SupportClient;
  let desk: SeededDesk;
  const week = { from: '2020-03-02', to: '2020-03-08' };
  const jakarta = { ...week, tz: 'Asia/Jakarta' };
  // Jakarta is UTC+7 all year.
  const J = { start: at('2020-03-01T17:00:00Z'), end: at('2020-03-08T17:00:00Z') };

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    desk = await seedReportDesk(server.store.db);
    lead = await server.login('lead@example.com');
    agent = await server.login('agent@example.com');
    admin = await server.login('admin@example.com');
  });
  afterAll(() => server.close());

  const db = () => server.store.db;
  const count = async (query: ReturnType<typeof sql<{ n: number | string }>>) => Number((await query.execute(db())).rows[0]!.n);
  /** Nearest rank, by SQL: the value at rank ⌈p·n⌉ of the ascending list, in whole seconds. */
  const sqlPercentile = async (from: string, where: ReturnType<typeof sql>, column: string, p: number) => {
    const n = Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(from)} where ${where}`.execute(db())).rows[0]!.n);
    const k = Math.max(1, Math.ceil((p / 100) * n)) - 1;
    const row = (await sql<{ v: number | string }>`select ${sql.ref(column)} as v from ${sql.table(from)} where ${where} order by ${sql.ref(column)} limit 1 offset ${k}`.execute(db())).rows[0];
    // The reports give durations in whole seconds.
    return row ? Math.floor(Number(row.v) / 1000) * 1000 : null;
  };

  it('volume per local day in Asia/Jakarta: empty days listed, equal to SQL per day', async () => {
    const report = await lead.reports.get('volume', jakarta);
    expect(report.series.map((s) => [s.bucket, s.created, s.resolved])).toEqual([
      ['2020-03-02', 1, 1],
      ['2020-03-03', 1, 0],
      ['2020-03-04', 1, 1],
      ['2020-03-05', 0, 0],
      ['2020-03-06', 0, 0],
      ['2020-03-07', 0, 0],
      ['2020-03-08', 1, 0],
    ]);
    for (const [i, s] of report.series.entries()) {
      const start = J.start + i * 24 * HOUR;
      expect(s.start).toBe(new Date(start).toISOString());
      expect(s.created).toBe(await count(sql`select count(*) as n from conversations where created_at >= ${start} and created_at < ${start + 24 * HOUR}`));
      expect(s.resolved).toBe(await count(sql`select count(*) as n from conversations where resolved_at >= ${start} and resolved_at < ${start + 24 * HOUR}`));
    }
    expect(report.totals).toEqual({
      created: await count(sql`select count(*) as n from conversations where created_at >= ${J.start} and created_at < ${J.end}`),
      resolved: await count(sql`select count(*) as n from conversations where resolved_at >= ${J.start} and resolved_at < ${J.end}`),
    });
    expect(report.totals).toEqual({ created: 4, resolved: 2 });
    // Heatmap: Monday 08h, Tuesday 01h, Wednesday 16h, Sunday 23h (local).
    const cells = report.heatmap.cells;
    expect([cells[0]![8], cells[1]![1], cells[2]![16], cells[6]![23]]).toEqual([1, 1, 1, 1]);
    expect(cells.flat().reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('volume in America/New_York across the DST change: other days, a 23-hour Sunday', async () => {
    const report = await lead.reports.get('volume', { ...week, tz: 'America/New_York' });
    expect(report.range).toMatchObject({ start: '2020-03-02T05:00:00.000Z', end: '2020-03-09T04:00:00.000Z' });
    expect(report.series.map((s) => s.created)).toEqual([1, 0, 1, 0, 0, 0, 2]);
    expect(report.totals.created).toBe(await count(sql`select count(*) as n from conversations where created_at >= ${at('2020-03-02T05:00:00Z')} and created_at < ${at('2020-03-09T04:00:00Z')}`));
    const hourly = await lead.reports.get('volume', { ...week, tz: 'America/New_York', by: 'hour' });
    expect(hourly.series).toHaveLength(7 * 24 - 1);
    expect(hourly.series.filter((s) => s.created > 0).map((s) => s.bucket)).toEqual(['2020-03-02T13:00', '2020-03-04T04:00', '2020-03-08T12:00', '2020-03-08T13:00']);
    const cells = report.heatmap.cells;
    expect([cells[0]![13], cells[2]![4], cells[6]![12], cells[6]![13]]).toEqual([1, 1, 1, 1]);
  });

  it('by week and by team', async () => {
    const weekly = await lead.reports.get('volume', { ...jakarta, by: 'week' });
    expect(weekly.series.map((s) => [s.bucket, s.created])).toEqual([['2020-03-02', 4]]);
    const payments = await lead.reports.get('volume', { ...jakarta, team: 'payments' });
    expect(payments.series.map((s) => s.created)).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect(payments.totals.created).toBe(await count(sql`select count(*) as n from conversations where team = 'payments' and created_at >= ${J.start} and created_at < ${J.end}`));
  });

  it('SLA attainment and percentiles per clock equal SQL', async () => {
    const report = await lead.reports.get('sla', jakarta);
    const clock = (c: string) => report.clocks.find((x) => x.clock === c)!;
    expect(clock('first_response')).toEqual({ clock: 'first_response', stopped: 3, met: 2, attainment: 66.7, p50Ms: 10 * MIN, p90Ms: 90 * MIN, p95Ms: 90 * MIN });
    expect(clock('next_response')).toEqual({ clock: 'next_response', stopped: 1, met: 1, attainment: 100, p50Ms: 30 * MIN, p90Ms: 30 * MIN, p95Ms: 30 * MIN });
    expect(clock('resolution')).toEqual({ clock: 'resolution', stopped: 2, met: 1, attainment: 50, p50Ms: 2 * HOUR, p90Ms: 30 * HOUR, p95Ms: 30 * HOUR });
    for (const c of ['first_response', 'next_response'] as const) {
      const where = sql`clock = ${c} and responded_at >= ${J.start} and responded_at < ${J.end}`;
      expect(clock(c).stopped).toBe(await count(sql`select count(*) as n from response_times where ${where}`));
      expect(clock(c).met).toBe(await count(sql`select count(*) as n from response_times where ${where} and started_at + duration_ms < due_at`));
      for (const p of [50, 90, 95] as const) expect(clock(c)[`p${p}Ms`]).toBe(await sqlPercentile('response_times', where, 'duration_ms', p));
    }
    const resolutions = sql`resolution_due_at is not null and created_at >= ${J.start} and created_at < ${J.end}`;
    expect(clock('resolution').met).toBe(await count(sql`select count(*) as n from surveys where ${resolutions} and created_at <= resolution_due_at`));
    expect(clock('resolution').p90Ms).toBe(await sqlPercentile('surveys', resolutions, 'resolution_ms', 90));
    // Per bucket: empty days have nothing stopped and no attainment.
    const day5 = report.series.filter((s) => s.bucket === '2020-03-05');
    expect(day5.every((s) => s.stopped === 0 && s.attainment === null)).toBe(true);
  });

  it('per agent: handled, replies, median response, CSAT, reopen rate, quality, equal to SQL', async () => {
    const report = await lead.reports.get('agents', jakarta);
    const ayu = report.agents.find((a) => a.agent.id === desk.agent)!;
    const budi = report.agents.find((a) => a.agent.id === desk.other)!;
    expect(ayu).toMatchObject({ handled: 2, replies: 3, medianResponseMs: 30 * MIN, ratings: 2, csat: 3.5, reopened: 1, reopenRate: 50, reviews: 1, qualityScore: 4 });
    expect(ayu.quality.map((q) => [q.criterion, q.average])).toEqual([['accuracy', 4], ['attitude', 5], ['resolution', 3], ['policy', 4]]);
    expect(budi).toMatchObject({ handled: 0, replies: 1, medianResponseMs: 5 * MIN, ratings: 0, csat: null, reopenRate: null, reviews: 0, qualityScore: null });
    for (const a of [ayu, budi]) {
      const id = a.agent.id;
      expect(a.handled).toBe(await count(sql`select count(*) as n from surveys where agent_id = ${id} and created_at >= ${J.start} and created_at < ${J.end}`));
      expect(a.replies).toBe(await count(sql`select count(*) as n from messages where author_type = 'agent' and kind = 'reply' and author_id = ${id} and created_at >= ${J.start} and created_at < ${J.end}`));
      expect(a.medianResponseMs).toBe(await sqlPercentile('response_times', sql`agent_id = ${id} and responded_at >= ${J.start} and responded_at < ${J.end}`, 'duration_ms', 50));
      const csat = (await sql<{ avg: number | string | null }>`select avg(rating * 1.0) as avg from surveys where agent_id = ${id} and created_at >= ${J.start} and created_at < ${J.end}`.execute(db())).rows[0]!.avg;
      expect(a.csat).toBe(csat === null ? null : Math.round(Number(csat) * 100) / 100);
      const quality = (await sql<{ avg: number | string | null }>`select avg(s.score * 1.0) as avg from quality_scores s join quality_reviews r on r.id = s.review_id where r.agent_id = ${id} and r.status = 'done' and r.reviewed_at >= ${J.start} and r.reviewed_at < ${J.end}`.execute(db())).rows[0]!.avg;
      expect(a.qualityScore).toBe(quality === null ? null : Math.round(Number(quality) * 100) / 100);
    }
  });

  it('CSAT totals, distribution and follow-ups equal SQL', async () => {
    const report = await lead.reports.get('csat', jakarta);
    expect(report.totals).toEqual({ sent: 2, answered: 2, responseRate: 100, average: 3.5, satisfied: 50, distribution: [0, 1, 0, 0, 1] });
    expect(report.followUps).toEqual({ opened: 1, closed: 0 });
    expect(report.totals.sent).toBe(await count(sql`select count(*) as n from surveys where created_at >= ${J.start} and created_at < ${J.end}`));
    expect(report.totals.answered).toBe(await count(sql`select count(*) as n from surveys where rating is not null and created_at >= ${J.start} and created_at < ${J.end}`));
    expect(report.followUps.opened).toBe(await count(sql`select count(*) as n from follow_ups where created_at >= ${J.start} and created_at < ${J.end}`));
    expect(report.series.map((s) => s.answered)).toEqual([1, 0, 1, 0, 0, 0, 0]);
  });

  it('complaints: opened, answered within deadline, second reviews and outcomes equal SQL', async () => {
    const report = await lead.reports.get('complaints', jakarta);
    expect(report.totals).toEqual({ opened: 3, answered: 2, answeredInTime: 1, inTime: 50, secondReviews: 1, upheld: 1, overturned: 0, awaitingReview: 0 });
    const inRange = sql`created_at >= ${J.start} and created_at < ${J.end}`;
    expect(report.totals.opened).toBe(await count(sql`select count(*) as n from complaints where ${inRange}`));
    expect(report.totals.answeredInTime).toBe(await count(sql`select count(*) as n from complaints where ${inRange} and answered_at <= reply_by_at`));
    expect(report.totals.upheld).toBe(await count(sql`select count(*) as n from complaints where ${inRange} and review_decision = 'upheld'`));
  });

  it('refunds: count and amount per currency, approval wait, equal to SQL; a team is its members’ refunds', async () => {
    const report = await lead.reports.get('refunds', jakarta);
    expect(report.currencies).toEqual([
      { currency: 'IDR', count: 3, amount: 375_000, succeeded: 2, succeededAmount: 300_000, pending: 1, rejected: 0 },
      { currency: 'USD', count: 1, amount: 1_999, succeeded: 0, succeededAmount: 0, pending: 0, rejected: 1 },
    ]);
    expect(report.approval).toEqual({ asked: 3, decided: 2, waiting: 1, medianWaitMs: HOUR, p90WaitMs: 3 * HOUR, maxWaitMs: 3 * HOUR, oldestWaitingSince: '2020-03-08T12:00:00.000Z' });
    for (const c of report.currencies) {
      const row = (await sql<{ n: number | string; total: number | string }>`select count(*) as n, sum(amount) as total from refunds where currency = ${c.currency} and created_at >= ${J.start} and created_at < ${J.end}`.execute(db())).rows[0]!;
      expect([c.count, c.amount]).toEqual([Number(row.n), Number(row.total)]);
    }
    const payments = await lead.reports.get('refunds', { ...jakarta, team: 'payments' });
    expect(payments.currencies.map((c) => [c.currency, c.count])).toEqual([['IDR', 2], ['USD', 1]]);
  });

  it('refuses an inverted range, one over a year, an unknown zone or team, and changes nothing', async () => {
    const audits = await countRows(db(), 'audit_log');
    const inverted = await apiFailure(lead.reports.get('volume', { from: '2020-03-08', to: '2020-03-02' }));
    expect([inverted.status, inverted.code]).toEqual([400, 'report_range_inverted']);
    const long = await apiFailure(lead.reports.get('sla', { from: '2019-01-01', to: '2020-03-02' }));
    expect([long.status, long.code]).toEqual([400, 'report_range_too_long']);
    const zone = await apiFailure(lead.reports.get('csat', { ...week, tz: 'Mars/Olympus' }));
    expect([zone.status, zone.code]).toEqual([400, 'unknown_time_zone']);
    const team = await apiFailure(lead.reports.get('agents', { ...week, team: 'nope' }));
    expect([team.status, team.code]).toEqual([422, 'unknown_team']);
    const day = await apiFailure(lead.reports.get('refunds', { from: '2020-02-30', to: '2020-03-02' }));
    expect(day.status).toBe(400);
    const grain = await apiFailure(lead.request('GET', 'v1/reports/volume', { query: { by: 'month' } }));
    expect(grain.status).toBe(400);
    expect(await countRows(db(), 'audit_log')).toBe(audits);
  });

  it('supervisors and admins read every report; an agent reads their own stats only', async () => {
    for (const kind of ['sla', 'volume', 'csat', 'complaints', 'refunds'] as const) {
      expect((await apiFailure(agent.reports.get(kind, jakarta))).status).toBe(403);
      await admin.reports.get(kind, jakarta);
    }
    const own = await agent.reports.get('agents', jakarta);
    expect(own.agents.map((a) => a.agent.id)).toEqual([desk.agent]);
    expect(own.agents[0]).toMatchObject({ handled: 2, csat: 3.5 });
    expect((await apiFailure(agent.reports.get('agents', { ...jakarta, agentId: desk.other }))).status).toBe(403);
    expect((await apiFailure(agent.reports.get('agents', { ...jakarta, team: 'payments' }))).status).toBe(403);
  });
});
