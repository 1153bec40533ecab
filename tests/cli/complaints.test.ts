import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { FORBIDDEN_IN_OUTPUT, HOSTILE_PAYLOADS, rawUnsafeInJson } from '../helpers/hostile.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support complaint', () => {
  let server: TestServer;
  let client: SupportClient;
  let home: string;
  let env: Record<string, string>;
  const used = new Set<number>();

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login();
    ({ home, env } = await cliHome('support-cli-', server.url, { default: 'agent@example.com', lead: 'lead@example.com', admin: 'admin@example.com' }));
    // `support login --profile` makes that profile current: the agent's is the one used without --profile.
    expect((await runCli(['config', 'use', 'default'], { env })).code).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function freshConversation(): Promise<number> {
    const rows = await server.store.db
      .selectFrom('conversations')
      .select('id')
      .where('id', 'not in', server.store.db.selectFrom('complaints').select('conversation_id'))
      .orderBy('id')
      .execute();
    const id = rows.map((r) => r.id).find((r) => !used.has(r))!;
    used.add(id);
    return id;
  }

  async function createdJson(conversationId: number, args: string[] = []): Promise<Complaint> {
    const result = await runCli(['complaint', 'create', String(conversationId), '--json', ...args], { env });
    expect([result.code, result.stderr]).toEqual([0, '']);
    return JSON.parse(result.stdout) as Complaint;
  }

  it('create --json prints the complaint exactly as the API stores it, and nothing else', async () => {
    const id = await freshConversation();
    const complaint = await createdJson(id, ['--summary', 'Agent hung up 😡']);
    expect(complaint).toEqual(await client.complaints.get(complaint.number));
    expect(complaint).toMatchObject({ conversationId: id, status: 'open', summary: 'Agent hung up 😡' });
    expect(complaint.number).toMatch(/^C-\d{8}-\d{6}$/);
  });

  it('create for people: the complaint on stdout, a confirmation with the deadline on stderr', async () => {
    const id = await freshConversation();
    const result = await runCli(['complaint', 'create', String(id)], { env });
    expect(result.code).toBe(0);
    const number = /^(C-\d{8}-\d{6}) /.exec(result.stdout)![1]!;
    expect(result.stderr).toMatch(new RegExp(`^✓ Complaint ${number} opened on conversation #${id}; reply by \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(in 6d23h\\)\\n$`));
    expect(result.stdout.split('\n')[1]).toMatch(new RegExp(`^open · ◷ reply by .* · conversation #${id}$`));
  });

  it('refuses a second open complaint on a conversation: exit 1, one line saying which one exists', async () => {
    const id = await freshConversation();
    const first = await createdJson(id);
    const again = await runCli(['complaint', 'create', String(id)], { env });
    expect(again).toEqual({ code: 1, stdout: '', stderr: `error: conversation ${id} already has complaint ${first.number} (open); close it before opening another\n` });
    expect((await client.complaints.list({ conversationId: id })).data).toHaveLength(1);
  });

  it('show --json and list --json print the API objects exactly', async () => {
    const complaint = await createdJson(await freshConversation());
    const show = await runCli(['complaint', 'show', complaint.number.toLowerCase(), '--json'], { env });
    expect([show.code, show.stderr]).toEqual([0, '']);
    expect(JSON.parse(show.stdout)).toEqual(await client.complaints.get(complaint.number));

    const list = await runCli(['complaint', 'list', '--all', '--conversation', String(complaint.conversationId), '--json'], { env });
    expect([list.code, list.stderr]).toEqual([0, '']);
    expect(JSON.parse(list.stdout)).toEqual({ data: [await client.complaints.get(complaint.number)], nextCursor: null });

    const waiting = await runCli(['complaint', 'list', '--status', 'open,second_review', '--limit', '500', '--json'], { env });
    const page = JSON.parse(waiting.stdout) as { data: Complaint[]; nextCursor: string | null };
    expect(page).toEqual({ data: (await client.complaints.list({ status: 'open,second_review', limit: 200 })).data, nextCursor: null });
  });

  it('list shows what still needs work by default; --all adds the closed ones', async () => {
    const complaint = await createdJson(await freshConversation());
    await client.complaints.close(complaint.number, 'Withdrawn by the customer.');
    const numbers = async (args: string[]) =>
      (JSON.parse((await runCli(['complaint', 'list', '--limit', '1000', '--json', ...args], { env })).stdout) as { data: Complaint[] }).data.map((c) => c.number);
    const open = await numbers([]);
    expect(open).toEqual((await client.complaints.list({ status: 'open,answered,second_review', limit: 200 })).data.map((c) => c.number));
    expect(open).not.toContain(complaint.number);
    const all = await numbers(['--all']);
    expect(all).toContain(complaint.number);
    expect(all.length).toBe(Number((await server.store.db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
    const both = await runCli(['complaint', 'list', '--all', '--status', 'open'], { env });
    expect(both).toEqual({ code: 2, stdout: '', stderr: 'error: use either --status or --all, not both\n' });
  });

  it('list without a terminal prints tab-separated rows: number, status, reply-by, conversation, customer, summary', async () => {
    const result = await runCli(['complaint', 'list', '--status', 'second_review'], { env });
    expect([result.code, result.stderr]).toEqual([0, '']);
    const rows = result.stdout.trimEnd().split('\n');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^C-\d{8}-\d{6}\tsecond_review\t[◷✗] \d{4}-\d\d-\d\d \d\d:\d\d\t#\d+\t[^\t]+\t[^\t]+$/);
    const none = await runCli(['complaint', 'list', '--overdue'], { env });
    expect([none.code, none.stdout, none.stderr]).toEqual([0, '', 'no complaints match\n']);
  });

  it('answer, review --request, review --decision (a supervisor who did not answer), close: the whole life cycle', async () => {
    const complaint = await createdJson(await freshConversation());
    const answered = await runCli(['complaint', 'answer', complaint.number, '-m', '-', '--json'], { env, input: 'We refunded the fee.\n' });
    expect([answered.code, answered.stderr]).toEqual([0, '']);
    expect(JSON.parse(answered.stdout)).toMatchObject({ status: 'answered', answer: { text: 'We refunded the fee.' } });

    const requested = await runCli(['complaint', 'review', complaint.number, '--request', '-m', 'Customer disputes the outcome'], { env });
    expect(requested.code).toBe(0);
    expect(requested.stderr).toBe(`✓ Complaint ${complaint.number} sent to a supervisor for second review\n`);
    expect(requested.stdout).toContain('waiting for a supervisor’s decision');

    const byAgent = await runCli(['complaint', 'review', complaint.number, '--decision', 'upheld', '-m', 'x'], { env });
    expect(byAgent).toEqual({ code: 4, stdout: '', stderr: 'error: your role (agent) cannot do this; it needs one of the roles supervisor, admin\n' });
    const closeAround = await runCli(['complaint', 'close', complaint.number, '-m', 'skip the review'], { env });
    expect(closeAround.code).toBe(1);
    expect(closeAround.stderr).toBe(
      `error: complaint ${complaint.number} is in second review; only a complaint that is open or answered can be closed; a supervisor decides it first (support complaint review --decision)\n`,
    );

    const decided = await runCli(['--profile', 'lead', 'complaint', 'review', complaint.number, '--decision', 'overturned', '-m', 'Refund in full', '--json'], { env });
    expect([decided.code, decided.stderr]).toEqual([0, '']);
    expect(JSON.parse(decided.stdout)).toMatchObject({ status: 'answered', secondReview: { decision: 'overturned', note: 'Refund in full', reviewedBy: { name: 'Wei Chen' } } });

    const closed = await runCli(['complaint', 'close', complaint.number], { env });
    expect([closed.code, closed.stderr]).toEqual([0, `✓ Complaint ${complaint.number} closed\n`]);
    expect(closed.stdout).toContain('Review: overturned');
    expect((await client.complaints.get(complaint.number)).status).toBe('closed');
  });

  it('refuses the supervisor who answered (four eyes) with exit 4, and changes nothing', async () => {
    const complaint = await createdJson(await freshConversation());
    expect((await runCli(['--profile', 'lead', 'complaint', 'answer', complaint.number, '-m', 'Answered by the lead'], { env })).code).toBe(0);
    expect((await runCli(['complaint', 'review', complaint.number, '--request', '-m', 'Disputed'], { env })).code).toBe(0);
    const before = await client.complaints.get(complaint.number);
    const own = await runCli(['--profile', 'lead', 'complaint', 'review', complaint.number, '--decision', 'upheld', '-m', 'Mine was right'], { env });
    expect(own).toEqual({ code: 4, stdout: '', stderr: `error: you answered complaint ${complaint.number}; another supervisor must review it (four eyes)\n` });
    expect(await client.complaints.get(complaint.number)).toEqual(before);
    expect((await runCli(['--profile', 'admin', 'complaint', 'review', complaint.number, '--decision', 'upheld', '-m', 'It stands'], { env })).code).toBe(0);
  });

  it('refuses bad arguments with exit 2 before asking the server', async () => {
    const number = (await createdJson(await freshConversation())).number;
    const cases: [string[], string][] = [
      [['complaint', 'show', 'C-1'], 'error: command-argument value \'C-1\' is invalid for argument \'number\'. "C-1" is not a complaint number (such as C-20261123-000042).\n'],
      [['complaint', 'review', number, '-m', 'x'], 'error: use exactly one of --request (record the dispute) and --decision upheld|overturned (rule on it)\n'],
      [['complaint', 'review', number, '--request', '--decision', 'upheld', '-m', 'x'], 'error: use exactly one of --request (record the dispute) and --decision upheld|overturned (rule on it)\n'],
      [['complaint', 'review', number, '--request'], 'error: say what the customer disputes with -m "text" (or -m - to read stdin)\n'],
      [['complaint', 'answer', number], 'error: say the outcome with -m "text" (or -m - to read stdin)\n'],
      [['complaint', 'answer', number, '-m', '  '], 'error: -m is empty\n'],
      [['complaint', 'create', '12', '--summary', ' '], 'error: --summary is empty\n'],
      [['complaint', 'list', '--status', 'pending'], "error: option '--status <list>' argument 'pending' is invalid. use one or more of open, answered, second_review, closed, separated by commas.\n"],
    ];
    for (const [args, stderr] of cases) expect(await runCli(args, { env }), args.join(' ')).toEqual({ code: 2, stdout: '', stderr });
    const decision = await runCli(['complaint', 'review', number, '--decision', 'maybe', '-m', 'x'], { env });
    expect(decision.code).toBe(2);
    expect(decision.stderr).toContain('must be one of: upheld, overturned.');
    expect((await client.complaints.get(number)).status).toBe('open');
  });

  it('refuses what the status does not allow with exit 1, and an unknown complaint with exit 1', async () => {
    const open = await createdJson(await freshConversation());
    const early = await runCli(['complaint', 'review', open.number, '--request', '-m', 'x'], { env });
    expect(early).toEqual({ code: 1, stdout: '', stderr: `error: complaint ${open.number} is open; only a complaint that is answered can be sent to second review\n` });
    const bare = await runCli(['complaint', 'close', open.number], { env });
    expect(bare.code).toBe(1);
    expect(bare.stderr).toBe(
      `error: complaint ${open.number} was never answered; closing it needs a note saying why (e.g. the customer withdrew it)\n  note: is required to close a complaint that was never answered\n`,
    );
    expect((await client.complaints.get(open.number)).status).toBe('open');
    const missing = await runCli(['complaint', 'show', 'C-20000101-000001'], { env });
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'error: complaint C-20000101-000001 does not exist\n' });
  });

  it('never lets a summary or answer reach the terminal as control sequences; --json keeps them exact', async () => {
    const summary = `Refund ${HOSTILE_PAYLOADS.colour} ${HOSTILE_PAYLOADS.titleChange} ${HOSTILE_PAYLOADS.bidiOverride}`;
    const complaint = await createdJson(await freshConversation(), ['--summary', summary]);
    await runCli(['complaint', 'answer', complaint.number, '-m', `ok ${HOSTILE_PAYLOADS.osc8Link}`], { env });
    const show = await runCli(['complaint', 'show', complaint.number], { env });
    const list = await runCli(['complaint', 'list', '--conversation', String(complaint.conversationId)], { env });
    for (const output of [show.stdout, list.stdout]) {
      for (const forbidden of FORBIDDEN_IN_OUTPUT) expect(output.includes(forbidden), JSON.stringify(forbidden)).toBe(false);
      expect(output).toContain('Refund \\x1b[31mRED');
    }
    const json = await runCli(['complaint', 'show', complaint.number, '--json'], { env });
    expect((JSON.parse(json.stdout) as Complaint).summary).toBe(summary);
    expect(rawUnsafeInJson(json.stdout)).toEqual([]);
  });

  it('conversation show names the conversation’s complaint', async () => {
    const complaint = await createdJson(await freshConversation());
    const show = await runCli(['conversation', 'show', String(complaint.conversationId)], { env });
    expect(show.stdout).toContain(`Complaint ${complaint.number} open (support complaint show ${complaint.number})`);
    const json = await runCli(['conversation', 'show', String(complaint.conversationId), '--json'], { env });
    expect((JSON.parse(json.stdout) as { complaint: unknown }).complaint).toEqual({ number: complaint.number, status: 'open', replyBy: complaint.replyBy, overdue: false });
  });
});
