import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Calendar } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//EN', 'BEGIN:VEVENT', 'UID:nyepi', 'DTSTART;VALUE=DATE:20260319', 'SUMMARY:Nyepi \u001b]52;c;aGk=\u0007', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

describe('support calendar', () => {
  let server: TestServer;
  let client: SupportClient;
  let home: string;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login('admin@example.com');
    ({ home, env } = await cliHome('support-cal-', server.url, { default: 'agent@example.com', admin: 'admin@example.com' }));
    expect((await runCli(['config', 'use', 'admin'], { env })).code).toBe(0);
    dir = mkdtempSync(join(tmpdir(), 'support-ics-'));
    writeFileSync(join(dir, 'holidays.ics'), ICS);
    writeFileSync(join(dir, 'broken.ics'), 'BEGIN:VCALENDAR\nVERSION:2.0\nDTSTART 2026\nEND:VCALENDAR\n');
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (args: string[]) => runCli(args, { env });

  it('creates a calendar with split shifts and imported holidays; --json prints exactly what the API stores', async () => {
    const result = await cli([
      'calendar', 'create', 'jakarta', '--zone', 'Asia/Jakarta',
      '--hours', 'mon-fri 08:00-12:00,13:00-17:00', '--hours', 'sat 09:00-12:00',
      '--import', join(dir, 'holidays.ics'), '--team', 'payments', '--jurisdiction', 'ojk', '--json',
    ]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const created = JSON.parse(result.stdout) as Calendar;
    expect(created).toEqual(await client.calendars.get('jakarta'));
    expect(created.hours).toHaveLength(11);

    const added = await cli(['calendar', 'holiday', 'add', 'jakarta', '2026-03-18..2026-03-24', '--name', 'Idul Fitri', '--json']);
    expect(added.code).toBe(0);
    expect((JSON.parse(added.stdout) as Calendar).holidays.map((h) => h.from)).toEqual(['2026-03-18', '2026-03-19']);
  });

  it('shows a month with its working days marked, and the holiday names escaped', async () => {
    const shown = await cli(['calendar', 'show', 'jakarta', '--month', '2026-03']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('jakarta: 2026-03 (Asia/Jakarta), 20 working days');
    // Sunday the 1st is closed; Monday the 16th works; the 18th to 24th are the holiday week.
    expect(shown.stdout.split('\n')[2]).toBe(`${' '.repeat(30)}( 1)`);
    expect(shown.stdout.split('\n')).toContain(' 16   17  (18)*(19)*(20)*(21)*(22)*');
    expect(shown.stdout).toContain('* 2026-03-18..2026-03-24 Idul Fitri');
    const plain = await cli(['calendar', 'show', 'jakarta']);
    expect(plain.stdout).toContain('2026-03-19  Nyepi \\x1b]52;c;aGk=\\x07');
    expect(plain.stdout).not.toContain('\u001b');
    const json = JSON.parse((await cli(['calendar', 'show', 'jakarta', '--month', '2026-03', '--json'])).stdout) as { days: { date: string; working: boolean; holiday: string | null }[] };
    expect(json.days.find((d) => d.date === '2026-03-18')).toEqual({ date: '2026-03-18', weekday: 'wed', working: false, holiday: 'Idul Fitri' });
  });

  it('answers the instant a deadline or clock would get, from the same function', async () => {
    const days = JSON.parse((await cli(['calendar', 'add', 'jakarta', '--from', '2026-03-16T09:00', '--working-days', '5', '--json'])).stdout) as { at: string };
    // Tue 17, (holiday week), Wed 25, Thu 26, Fri 27, Sat 28: close of business on Saturday, 12:00 in Jakarta.
    expect(days).toEqual({ calendar: 'jakarta', from: '2026-03-16T02:00:00.000Z', workingDays: 5, at: '2026-03-28T05:00:00.000Z' });
    const hours = await cli(['calendar', 'add', 'jakarta', '--from', '2026-03-17T16:00', '--business-hours', '2']);
    expect(hours.stdout).toBe('2026-03-25 09:00 Asia/Jakarta (2026-03-25T02:00:00.000Z): 2 business hours after 2026-03-17 16:00 on jakarta\n');
  });

  it('refuses bad input with the field or line, and changes nothing', async () => {
    const before = await client.calendars.get('jakarta');
    const cases: [string[], number, RegExp][] = [
      [['calendar', 'create', 'x', '--zone', 'Asia/Jakrta', '--hours', 'mon-fri 08:00-17:00'], 1, /zone: "Asia\/Jakrta" is not an IANA time zone/],
      [['calendar', 'create', 'x', '--zone', 'Asia/Jakarta', '--hours', 'mon 08:00-12:00', '--hours', 'mon 11:00-13:00'], 1, /hours\.1: mon 11:00-13:00 overlaps mon 08:00-12:00/],
      [['calendar', 'create', 'x', '--zone', 'Asia/Jakarta', '--hours', 'weekdays 9-5'], 2, /--hours "weekdays 9-5" is not business hours/],
      [['calendar', 'holiday', 'add', 'jakarta', '2026-03-24..2026-03-18', '--name', 'Idul Fitri'], 1, /holidays\.0\.to: the holiday ends \(2026-03-18\) before it starts/],
      [['calendar', 'holiday', 'add', 'jakarta', '--import', join(dir, 'broken.ics')], 1, /ics line 3: invalid line/],
      [['calendar', 'delete', 'jakarta'], 2, /needs confirmation: pass --yes/],
    ];
    for (const [args, code, message] of cases) {
      const result = await cli(args);
      expect([result.code, result.stdout]).toEqual([code, '']);
      expect(result.stderr).toMatch(message);
    }
    expect(await client.calendars.get('jakarta')).toEqual(before);
    expect((await client.calendars.list()).data.map((c) => c.name)).toEqual(['jakarta']);
  });

  it('gives complaints the rule of the team calendar, shown as working days left, and extends where the rule allows', async () => {
    server.clock.now = Date.parse('2026-03-16T09:00+07:00');
    // An Indonesian customer: the calendar's rule is one for their country.
    const customerId = (await server.store.db.selectFrom('customers').select('id').where('phone', 'like', '+62%').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const { conversation } = await client.conversations.open({ customerId, channel: 'chat', category: 'other', priority: 'normal', subject: 'fee charged twice', body: 'why twice?', team: 'payments' });
    const created = await cli(['complaint', 'create', String(conversation.id), '--medium', 'spoken', '--json']);
    expect([created.code, created.stderr]).toEqual([0, '']);
    const complaint = JSON.parse(created.stdout) as { number: string; regulation: { rule: string; workingDaysLeft: number } };
    // Tue 17, (Idul Fitri and Nyepi), Wed 25, Thu 26, Fri 27, Sat 28: 5 working days.
    expect(complaint.regulation).toMatchObject({ rule: 'OJK (Indonesia), spoken: 5 working days', workingDaysLeft: 5, choice: { by: 'calendar', country: 'ID' } });
    const list = await cli(['complaint', 'list']);
    expect(list.stdout).toMatch(new RegExp(`${complaint.number}\\s+open\\s+◷ 2026-03-28 \\d{2}:\\d{2} \\(5 wd left\\)`));
    const shown = await cli(['complaint', 'show', complaint.number]);
    expect(shown.stdout).toContain('Rule     OJK (Indonesia), spoken: 5 working days · 5 wd left');
    expect(shown.stdout).toContain("Why      calendar jakarta's rule, a rule for the customer's country (ID)");
    const extend = await cli(['complaint', 'extend', complaint.number, '--notice', 'more time']);
    expect([extend.code, extend.stdout, extend.stderr.trim()]).toEqual([1, '', expect.stringContaining('the OJK (Indonesia) rule allows no extension')]);
    // A rule that is not one is refused before any request, and nothing is opened.
    const before = (await client.complaints.list({ conversationId: conversation.id })).data.length;
    const unknownRule = await cli(['complaint', 'create', String(conversation.id), '--jurisdiction', 'fca']);
    expect([unknownRule.code, unknownRule.stdout]).toEqual([2, '']);
    expect(unknownRule.stderr).toMatch(/--jurisdiction.*ojk/);
    expect((await client.complaints.list({ conversationId: conversation.id })).data).toHaveLength(before);
    await client.complaints.close(complaint.number, 'withdrawn by the customer');
  });

  it('sends the extension notice to the customer in the conversation, and says so; a closed conversation gets none, and it says that', async () => {
    server.clock.now = Date.parse('2026-03-16T09:00+07:00');
    const customerId = (await server.store.db.selectFrom('customers').select('id').limit(1).executeTakeFirstOrThrow()).id;
    const open = async (subject: string) => (await client.conversations.open({ customerId, channel: 'chat', category: 'other', priority: 'normal', subject, body: 'hello', team: 'payments' })).conversation;
    const first = await open('portal complaint');
    const complaint = await client.complaints.create({ conversationId: first.id, jurisdiction: 'ojk-portal' });
    expect((await cli(['complaint', 'show', complaint.number])).stdout).toContain('Why      asked for when the complaint was opened');
    const extend = await cli(['complaint', 'extend', complaint.number, '--notice', 'We need the merchant’s records; our answer comes by 20 April.']);
    expect(extend.code).toBe(0);
    const messages = (await client.conversations.messages(first.id)).data;
    const sent = messages.find((m) => m.body === 'We need the merchant’s records; our answer comes by 20 April.')!;
    expect(sent).toMatchObject({ kind: 'reply', author: { type: 'agent' } });
    expect(extend.stderr).toContain(`notice sent to the customer in conversation #${first.id} (message ${sent.id})`);
    expect(extend.stdout).toContain(`Notice   sent to the customer in conversation #${first.id} (message ${sent.id})`);
    const json = JSON.parse((await cli(['complaint', 'show', complaint.number, '--json'])).stdout) as { regulation: { extension: { messageId: number; unsent: string | null } } };
    expect(json.regulation.extension).toMatchObject({ messageId: sent.id, unsent: null });

    const second = await open('portal complaint, conversation closed');
    const closedComplaint = await client.complaints.create({ conversationId: second.id, jurisdiction: 'ojk-portal' });
    await client.conversations.resolve(second.id);
    await client.conversations.close(second.id);
    const unsent = await cli(['complaint', 'extend', closedComplaint.number, '--notice', 'More time, please.']);
    expect(unsent.code).toBe(0);
    expect(unsent.stderr).toContain(`notice recorded, not sent: conversation ${second.id} is closed and takes no more messages; tell the customer another way`);
    expect((await client.conversations.messages(second.id)).data.map((m) => m.body)).not.toContain('More time, please.');
  });

  it('lists and deletes', async () => {
    const list = await cli(['calendar', 'list']);
    expect(list.stdout).toMatch(/jakarta\s+Asia\/Jakarta\s+2\s+ojk\s+payments/);
    expect((await cli(['calendar', 'update', 'jakarta', '--team', '', '--json'])).code).toBe(0);
    const deleted = await cli(['calendar', 'delete', 'jakarta', '--yes', '--json']);
    expect([deleted.code, deleted.stdout]).toEqual([0, '{\n  "deleted": "jakarta"\n}\n']);
    expect((await client.calendars.list()).data).toEqual([]);
  });
});
