import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHostileMessage, FORBIDDEN_IN_OUTPUT, HOSTILE_PAYLOADS, rawUnsafeInJson } from '../helpers/hostile.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support queue and support conversation', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let hostileId: number;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-cli-', server.url, { default: 'agent@example.com' }));
    hostileId = 7;
    await addHostileMessage(server.store.db, hostileId, server.clock.now);
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('queue --json prints {data, nextCursor} and nothing else', async () => {
    const result = await runCli(['queue', '--json', '--limit', '5'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const page = JSON.parse(result.stdout) as { data: { id: number; sla: { dueAt: string | null } }[]; nextCursor: string | null };
    expect(page.data).toHaveLength(5);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(Object.keys(page.data[0]!)).toEqual(expect.arrayContaining(['id', 'subject', 'status', 'priority', 'channel', 'category', 'customer', 'assignee', 'sla']));
  });

  it('queue --limit follows cursors past one page, and --cursor continues', async () => {
    const all = JSON.parse((await runCli(['queue', '--json', '--limit', '250', '--status', 'open,pending,snoozed,resolved,closed'], { env })).stdout) as { data: { id: number }[]; nextCursor: string };
    expect(all.data).toHaveLength(250);
    expect(new Set(all.data.map((c) => c.id)).size).toBe(250);
    const rest = JSON.parse((await runCli(['queue', '--json', '--limit', '100', '--status', 'open,pending,snoozed,resolved,closed', '--cursor', all.nextCursor], { env })).stdout) as { data: { id: number }[] };
    expect(rest.data.length).toBe(320 - 250);
    expect(rest.data.some((c) => all.data.some((d) => d.id === c.id))).toBe(false);
  });

  it('queue filters map to the API', async () => {
    const urgent = JSON.parse((await runCli(['queue', '--json', '--priority', 'urgent', '--unassigned', '--limit', '200'], { env })).stdout) as { data: { priority: string; assignee: unknown }[] };
    expect(urgent.data.length).toBeGreaterThan(0);
    expect(urgent.data.every((c) => c.priority === 'urgent' && c.assignee === null)).toBe(true);
    const bad = await runCli(['queue', '--priority', 'asap'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must be one of: urgent, high, normal, low');
    const both = await runCli(['queue', '--mine', '--unassigned'], { env });
    expect([both.code, both.stderr]).toEqual([2, 'error: use only one of --mine, --unassigned and --assignee\n']);
    const status = await runCli(['queue', '--status', 'done'], { env });
    expect(status.code).toBe(2);
  });

  it('queue without a terminal prints tab-separated rows for scripts', async () => {
    const result = await runCli(['queue', '--limit', '3'], { env });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.split('\t').length === 8)).toBe(true);
  });

  it('conversation show --json prints the API object exactly, hostile text included', async () => {
    const result = await runCli(['conversation', 'show', String(hostileId), '--json'], { env });
    expect(result.code).toBe(0);
    const detail = JSON.parse(result.stdout) as { messages: { body: string }[]; conversation: { subject: string } };
    expect(detail.messages.at(-1)!.body).toContain(HOSTILE_PAYLOADS.osc52Clipboard);
    expect(detail.conversation.subject).toContain(HOSTILE_PAYLOADS.colour);
    // Exact in value, yet no raw control, format or bidi byte in what reaches a terminal.
    expect(rawUnsafeInJson(result.stdout)).toEqual([]);
    expect(detail.messages.at(-1)!.body).toContain(HOSTILE_PAYLOADS.tagsHidden);
  });

  it('conversation show and queue never let customer text reach the terminal as control sequences', async () => {
    const show = await runCli(['conv', 'show', String(hostileId)], { env });
    expect(show.code).toBe(0);
    const queue = await runCli(['queue', '--limit', '400', '--status', 'open,pending,snoozed,resolved,closed'], { env });
    for (const output of [show.stdout, queue.stdout]) {
      for (const forbidden of FORBIDDEN_IN_OUTPUT) expect(output.includes(forbidden), JSON.stringify(forbidden)).toBe(false);
    }
    expect(show.stdout).toContain('\\x1b]52;c;');
    expect(show.stdout).toContain('\\u202egnp.exe');
    expect(queue.stdout).toContain('Refund \\x1b[31mRED');
  });

  it('conversation show prints the customer, wallets and messages, notes marked', async () => {
    await runCli(['conversation', 'note', '12', '-m', 'checked the ledger'], { env });
    const result = await runCli(['conversation', 'show', '12'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^#12 /);
    expect(result.stdout).toContain('Customer');
    expect(result.stdout).toMatch(/Wallet\s+wal_\w+ [\d,.]+ (IDR|CNY) active/);
    expect(result.stdout).toContain('internal note');
    expect(result.stdout).toContain('checked the ledger');
  });

  it('conversation reply sends once per --client-message-id', async () => {
    const args = ['conversation', 'reply', '15', '-m', 'Halo, sudah kami proses 🙏', '--client-message-id', 'script-run-0001', '--json'];
    const first = await runCli(args, { env });
    const second = await runCli(args, { env });
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const a = JSON.parse(first.stdout) as { message: { id: number; body: string } };
    const b = JSON.parse(second.stdout) as { message: { id: number } };
    expect(a.message.body).toBe('Halo, sudah kami proses 🙏');
    expect(b.message.id).toBe(a.message.id);
    const stored = await server.store.db.selectFrom('messages').select('id').where('client_message_id', '=', 'script-run-0001').execute();
    expect(stored).toHaveLength(1);
  });

  it('conversation reply reads the text from stdin or a file', async () => {
    // An open conversation nobody has, whatever the demo seed holds: anyone may reply to it.
    const open = await server.store.db.selectFrom('conversations').select('id').where('status', '=', 'open').where('assignee_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const id = String(open.id);
    const piped = await runCli(['conversation', 'reply', id, '-m', '-'], { env, input: 'from stdin\n' });
    expect(piped.code, piped.stderr).toBe(0);
    const file = join(home, 'reply.txt');
    writeFileSync(file, '多行\n回复');
    const fromFile = await runCli(['conversation', 'reply', id, '-F', file, '--json'], { env });
    expect((JSON.parse(fromFile.stdout) as { message: { body: string } }).message.body).toBe('多行\n回复');
  });

  it('refuses bad input with a clear error and sends nothing', async () => {
    const before = await server.store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const noText = await runCli(['conversation', 'reply', '16'], { env });
    expect([noText.code, noText.stderr]).toEqual([2, 'error: say what to send with -m "text" (or -m - to read stdin, or --body-file FILE)\n']);
    const badId = await runCli(['conversation', 'reply', 'abc', '-m', 'x'], { env });
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('is not a conversation id');
    const blank = await runCli(['conversation', 'reply', '16', '-m', '   '], { env });
    expect(blank.code).toBe(2);
    const missingFile = await runCli(['conversation', 'reply', '16', '-F', join(home, 'nope.txt')], { env });
    expect([missingFile.code, missingFile.stderr]).toEqual([2, `error: cannot read --body-file ${join(home, 'nope.txt')}: no such file\n`]);
    const missing = await runCli(['conversation', 'reply', '999999', '-m', 'hello'], { env });
    expect([missing.code, missing.stderr]).toEqual([1, 'error: conversation 999999 does not exist\n']);
    const after = await server.store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
