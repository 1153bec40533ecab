import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Suggestions } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { FORBIDDEN_IN_OUTPUT, HOSTILE_PAYLOADS } from '../helpers/hostile.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support assist suggest', () => {
  let server: TestServer;
  let agent: SupportClient;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    agent = await server.login();
    ({ home, env } = await cliHome('support-assist-', server.url, { default: 'agent@example.com' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('--json prints the API’s answer exactly; the table leads with triage and lists macros by shortcut', async () => {
    const text = 'akun saya dibobol, saldo hilang';
    const json = await runCli(['assist', 'suggest', '--text', text, '--json'], { env });
    expect([json.code, json.stderr]).toEqual([0, '']);
    expect(JSON.parse(json.stdout) as Suggestions).toEqual(await agent.assist.suggest({ text }));

    const table = await runCli(['assist', 'suggest', '--text', text, '--limit', '4'], { env });
    expect(table.code).toBe(0);
    const [triage, ...rows] = table.stdout.trimEnd().split('\n');
    expect(triage).toMatch(/^category account_security \(\d+ %\) · priority urgent \(\d+ %\) · Indonesian \(detected\)$/);
    expect(rows).toHaveLength(4);
    expect(table.stdout).toMatch(/\tmacro\tsec-(unknown|frozen|verify)\taccount_security\t/);
  });

  it('reads a conversation with -c, and a text from stdin with --text -', async () => {
    const [customer] = await server.store.db.selectFrom('customers').select(['id']).where('language', '=', 'zh').limit(1).execute();
    const admin = await server.login('admin@example.com');
    const { conversation } = await admin.conversations.open({ customerId: customer!.id, channel: 'chat', category: 'refund', subject: '退款', body: '退款申请一周了，钱什么时候到账' });
    const json = await runCli(['assist', 'suggest', '-c', String(conversation.id), '--json'], { env });
    const answer = JSON.parse(json.stdout) as Suggestions;
    expect([answer.conversationId, answer.language, answer.category.category]).toEqual([conversation.id, 'zh', 'refund']);
    expect(answer.suggestions.filter((s) => s.kind === 'macro').map((s) => s.shortcut)).toContain('refund-time');

    const piped = await runCli(['assist', 'suggest', '--text', '-', '--language', 'en', '--json'], { env, input: 'forgot my password\n' });
    expect((JSON.parse(piped.stdout) as Suggestions).suggestions[0]).toMatchObject({ shortcut: 'login-reset' });
  });

  it('shows a past reply’s hostile text escaped', async () => {
    const [customer] = await server.store.db.selectFrom('customers').select(['id']).limit(1).execute();
    const admin = await server.login('admin@example.com');
    const { conversation } = await admin.conversations.open({ customerId: customer!.id, channel: 'chat', category: 'other', subject: 'voucher', body: 'where is my mangosteen voucher' });
    await agent.conversations.send(conversation.id, { body: `mangosteen voucher ${Object.values(HOSTILE_PAYLOADS).join(' ')}` });
    await agent.conversations.resolve(conversation.id);
    server.ctx.bus.notify();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await server.ctx.assist.settled();
    const table = await runCli(['assist', 'suggest', '--text', 'mangosteen voucher missing'], { env });
    expect(table.stdout).toContain('mangosteen voucher');
    for (const bad of FORBIDDEN_IN_OUTPUT) expect(table.stdout).not.toContain(bad);
  });

  it('refuses bad input with a one-line error: usage (2) before any request, the server’s refusal (1)', async () => {
    const neither = await runCli(['assist', 'suggest'], { env });
    const both = await runCli(['assist', 'suggest', '-c', '1', '--text', 'hi'], { env });
    const blank = await runCli(['assist', 'suggest', '--text', '  '], { env });
    const language = await runCli(['assist', 'suggest', '--text', 'hi', '--language', 'fr'], { env });
    for (const r of [neither, both, blank, language]) expect([r.code, r.stdout, r.stderr.trim().split('\n')]).toEqual([2, '', [expect.any(String)]]);
    expect(neither.stderr).toMatch(/either -c\/--conversation <id> or --text/);
    expect(blank.stderr).toMatch(/--text is empty/);
    const unknown = await runCli(['assist', 'suggest', '-c', '999999'], { env });
    expect([unknown.code, unknown.stdout]).toEqual([1, '']);
    expect(unknown.stderr).toMatch(/conversation 999999/);
  });
});
