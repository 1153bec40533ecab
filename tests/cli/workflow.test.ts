import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/api/events.js';
import type { ConversationSummary, ResolveResponse } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { FORBIDDEN_IN_OUTPUT, HOSTILE_PAYLOADS } from '../helpers/hostile.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { openFresh, rowOf } from '../helpers/workflow.js';

describe('the workflow commands (built binary, real server)', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let admin: SupportClient;
  let agentId: string;

  const cli = (args: string[], input?: string) => runCli(args, { env, ...(input !== undefined ? { input } : {}) });
  const asAdmin = (args: string[], input?: string) => cli(['--profile', 'admin', ...args], input);

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { sweepIntervalMs: 0 } });
    home = mkdtempSync(join(tmpdir(), 'support-cli-'));
    env = { SUPPORT_CONFIG_DIR: join(home, 'config'), SUPPORT_DATA_DIR: join(home, 'data') };
    expect((await cli(['login', '--api', server.url, '--email', 'agent@example.com', '--password-stdin'], 'demo')).code).toBe(0);
    expect((await cli(['login', '--api', server.url, '--email', 'admin@example.com', '--password-stdin', '--profile', 'admin'], 'demo')).code).toBe(0);
    admin = await server.login('admin@example.com');
    agentId = (await (await server.login()).me.get()).agent.id;
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('claim takes the next conversation; --json prints it and nothing else', async () => {
    const human = await cli(['claim']);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/^✓ Claimed #\d+ open (urgent|high|normal|low) (chat|email|phone|social) · /);
    const json = await cli(['claim', '--json']);
    expect([json.code, json.stderr]).toEqual([0, '']);
    const { conversation } = JSON.parse(json.stdout) as { conversation: ConversationSummary };
    expect(conversation.assignee?.id).toBe(agentId);
    expect((await rowOf(server, conversation.id)).assignee_id).toBe(agentId);
  });

  it('claim says why it cannot (exit 1), and availability sets who may claim', async () => {
    expect((await cli(['availability', 'offline'])).stderr).toMatch(/^✓ Ayu Lestari is offline · \d+ of 8 open conversations/);
    const refused = await cli(['claim']);
    expect([refused.code, refused.stderr]).toEqual([1, 'error: you are offline, and offline agents cannot claim; set yourself online first (support availability online)\n']);
    expect((await cli(['availability'])).stdout).toMatch(/^Ayu Lestari is offline/);
    expect((await cli(['availability', 'online'])).code).toBe(0);
    const bad = await cli(['availability', 'busy']);
    expect(bad.code).toBe(2);
  });

  it('conversation pending, reopen, snooze and resolve move the conversation, and say so', async () => {
    const c = await openFresh(server, admin);
    const pending = await cli(['conversation', 'pending', String(c.id)]);
    expect([pending.code, pending.stderr]).toEqual([0, expect.stringMatching(new RegExp(`^✓ Pending: #${c.id} pending normal chat · `))]);
    const reopen = await cli(['conv', 'reopen', String(c.id), '--json']);
    expect((JSON.parse(reopen.stdout) as { conversation: ConversationSummary }).conversation.status).toBe('open');
    const snooze = await cli(['conv', 'snooze', String(c.id), '2h', '--json']);
    const snoozed = (JSON.parse(snooze.stdout) as { conversation: ConversationSummary }).conversation;
    expect(snoozed.status).toBe('snoozed');
    // Two hours from the moment the command ran (the CLI's clock; the test server's clock is the same wall time).
    expect(Math.abs(Date.parse(snoozed.snoozedUntil!) - Date.now() - 2 * 3_600_000)).toBeLessThan(60_000);
    const iso = await cli(['conv', 'snooze', String(c.id), new Date(Date.now() + 86_400_000).toISOString()]);
    expect(iso.code).toBe(0);
    const resolve = await cli(['conv', 'resolve', String(c.id), '--claim-next', '--json']);
    const result = JSON.parse(resolve.stdout) as ResolveResponse;
    expect(result.conversation.status).toBe('resolved');
    // The agent is online with room and the demo queue has open work: --claim-next hands them the next one.
    expect(result.nextError).toBeNull();
    expect(result.next?.assignee?.id).toBe(agentId);
    expect(result.next?.id).not.toBe(c.id);
    expect((await rowOf(server, result.next!.id)).assignee_id).toBe(agentId);
    const again = await cli(['conv', 'resolve', String(c.id)]);
    expect([again.code, again.stderr]).toEqual([1, `error: conversation ${c.id} is resolved, so it cannot be resolved (only when open, pending, snoozed)\n`]);
  });

  it('refuses bad times, ids and roles with the right exit code, changing nothing', async () => {
    const c = await openFresh(server, admin);
    const before = await rowOf(server, c.id);
    const when = await cli(['conv', 'snooze', String(c.id), 'next week']);
    expect([when.code, when.stderr]).toEqual([2, 'error: "next week" is not a time: use a duration such as 30m, 2h or 1d, or an ISO time such as 2026-11-24T09:00\n']);
    const past = await cli(['conv', 'snooze', String(c.id), '2020-01-01T00:00:00Z']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('has passed');
    const id = await cli(['conv', 'resolve', 'abc']);
    expect(id.code).toBe(2);
    await cli(['conv', 'resolve', String(c.id)]);
    const close = await cli(['conv', 'close', String(c.id), '--yes']);
    expect([close.code, close.stderr]).toEqual([4, 'error: your role (agent) cannot do this; it needs one of the roles supervisor, admin\n']);
    expect((await rowOf(server, c.id)).status).toBe('resolved');
    const missing = await cli(['conv', 'reopen', '999999']);
    expect([missing.code, missing.stderr]).toEqual([1, 'error: conversation 999999 does not exist\n']);
    expect(before.status).toBe('open');
  });

  it('conversation close is final, so without a terminal it needs --yes: exit 2 and nothing changed', async () => {
    const c = await openFresh(server, admin);
    await admin.conversations.resolve(c.id);
    const audit = () => server.store.db.selectFrom('audit_log').select('action').where('target_id', '=', String(c.id)).where('action', 'like', '%close%').execute();
    const asked = await asAdmin(['conv', 'close', String(c.id)]);
    expect([asked.code, asked.stdout, asked.stderr]).toEqual([
      2,
      '',
      `error: closing conversation ${c.id} needs confirmation: pass --yes when not running in a terminal (nothing was changed)\n`,
    ]);
    expect((await rowOf(server, c.id)).status).toBe('resolved');
    expect(await audit()).toEqual([]);
    const done = await asAdmin(['conv', 'close', String(c.id), '--yes']);
    expect([done.code, done.stderr]).toEqual([0, expect.stringMatching(new RegExp(`^✓ Closed: #${c.id} `))]);
    expect((await rowOf(server, c.id)).status).toBe('closed');
    expect(await audit()).toHaveLength(1);
  });

  it('conversation transfer hands over to an agent by email or to a team, with the note', async () => {
    const c = await openFresh(server, admin);
    const toMei = await cli(['conv', 'transfer', String(c.id), '--to-agent', 'mei@example.com', '--note', 'takeover suspected, verify identity']);
    expect([toMei.code, toMei.stderr]).toEqual([0, expect.stringMatching(new RegExp(`^✓ Transferred to Mei Lin: #${c.id} `))]);
    const detail = await admin.conversations.get(c.id);
    expect(detail.messages.at(-1)).toMatchObject({ kind: 'note', body: 'Transferred to Mei Lin: takeover suspected, verify identity' });
    const toTeam = await cli(['conv', 'transfer', String(c.id), '--to-team', 'security', '--json']);
    expect((JSON.parse(toTeam.stdout) as { conversation: ConversationSummary }).conversation).toMatchObject({ assignee: null, team: 'security' });
    const neither = await cli(['conv', 'transfer', String(c.id)]);
    expect([neither.code, neither.stderr]).toEqual([2, 'error: say where to: --to-agent EMAIL|ID or --to-team NAME (one of them)\n']);
    const nobody = await cli(['conv', 'transfer', String(c.id), '--to-agent', 'ghost@example.com']);
    expect([nobody.code, nobody.stderr]).toEqual([1, 'error: no agent has the email ghost@example.com; `support agent list` shows them\n']);
    const offline = await cli(['conv', 'transfer', String(c.id), '--to-agent', 'admin@example.com']);
    expect([offline.code, offline.stderr]).toEqual([1, 'error: Sam Admin is offline; transfer to an online agent or to a team\n']);
  });

  it('conversation tag adds, removes and sets tags; refuses bad tags', async () => {
    const c = await openFresh(server, admin);
    expect((await cli(['conv', 'tag', String(c.id), 'vip', 'kyc'])).stderr).toMatch(/^✓ Tags #vip #kyc: /);
    const removed = await cli(['conv', 'tag', String(c.id), '--remove', 'vip', '--json']);
    expect((JSON.parse(removed.stdout) as { conversation: ConversationSummary }).conversation.tags).toEqual(['kyc']);
    expect((await cli(['conv', 'tag', String(c.id), '--set', ''])).stderr).toMatch(/^✓ Tags \(none\): /);
    const bad = await cli(['conv', 'tag', String(c.id), 'VIP!']);
    expect([bad.code, bad.stderr]).toEqual([2, 'error: "VIP!" is not a tag: use lowercase letters, digits, - or _ (at most 32)\n']);
    expect((await cli(['conv', 'tag', String(c.id)])).code).toBe(2);
    expect(JSON.parse((await rowOf(server, c.id)).tags)).toEqual([]);
  });

  it('agent list for everyone; agent create and update for admins', async () => {
    const list = await cli(['agent', 'list']);
    expect(list.code).toBe(0);
    const rows = list.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows.find((r) => r[0] === 'budi@example.com')).toEqual(['budi@example.com', 'Budi Hartono', 'agent', 'online', expect.stringMatching(/^\d+\/10$/), 'chat,email,social', expect.any(String), 'general']);

    const created = await asAdmin(['agent', 'create', '--email', 'rina@example.com', '--name', 'Rina Putri', '--role', 'agent', '--password-stdin', '--channels', 'chat,email', '--teams', 'payments', '--json'], 'a long password\n');
    expect(created.code).toBe(0);
    const rina = (JSON.parse(created.stdout) as { agent: { id: string; channels: string[]; availability: string } }).agent;
    expect(rina).toMatchObject({ channels: ['chat', 'email'], availability: 'offline' });
    const updated = await asAdmin(['agent', 'update', 'rina@example.com', '--capacity', '9', '--categories', 'refund,login', '--availability', 'online']);
    expect([updated.code, updated.stderr]).toEqual([0, '✓ Updated rina@example.com: availability, categories, capacity\n']);
    expect(await admin.agents.get(rina.id)).toMatchObject({ capacity: 9, categories: ['refund', 'login'], availability: 'online' });

    const denied = await cli(['agent', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'admin', '--password-stdin'], 'a long password');
    expect(denied.code).toBe(4);
    const badChannel = await asAdmin(['agent', 'update', 'rina@example.com', '--channels', 'fax']);
    expect([badChannel.code, badChannel.stderr]).toEqual([2, 'error: "fax" is not a channel: use chat, email, phone, social or all, separated by commas\n']);
    const nothing = await asAdmin(['agent', 'update', 'rina@example.com']);
    expect(nothing.code).toBe(2);
    const noPassword = await asAdmin(['agent', 'create', '--email', 'y@example.com', '--name', 'Y', '--role', 'agent']);
    expect([noPassword.code, noPassword.stderr]).toEqual([2, 'error: not a terminal: pass the new agent’s password on stdin with --password-stdin\n']);
    expect(await server.store.db.selectFrom('agents').select('id').where('email', 'in', ['x@example.com', 'y@example.com']).execute()).toEqual([]);
  });

  it('sla show for everyone, sla set for admins', async () => {
    const show = await cli(['sla', 'show']);
    expect(show.stdout.split('\n')[0]).toMatch(/^urgent\t5m\t10m\t4h00m\t/);
    const set = await asAdmin(['sla', 'set', 'low', '--resolution', '5d', '--first-response', '6h']);
    expect([set.code, set.stderr]).toEqual([0, '✓ low: first response 6h00m, next response 12h00m, resolution 5d0h, around the clock\n']);
    const json = JSON.parse((await cli(['sla', 'show', '--json'])).stdout) as { data: { priority: string; resolutionMs: number }[] };
    expect(json.data.find((p) => p.priority === 'low')!.resolutionMs).toBe(5 * 86_400_000);
    const bad = await asAdmin(['sla', 'set', 'low', '--resolution', 'forever']);
    expect([bad.code, bad.stderr]).toEqual([2, 'error: --resolution "forever": use a duration such as 5m, 2h, 1h30m or 3d\n']);
    const contradictory = await asAdmin(['sla', 'set', 'low', '--first-response', '10d']);
    expect(contradictory.code).toBe(1);
    expect(contradictory.stderr).toContain('must not be longer than the resolution target');
    const denied = await cli(['sla', 'set', 'low', '--resolution', '1d']);
    expect(denied.code).toBe(4);
  });

  it('queue marks the SLA state with a symbol, not only colour', async () => {
    const result = await cli(['queue', '--limit', '200']);
    const due = result.stdout.trimEnd().split('\n').map((l) => l.split('\t')[1]!);
    expect(due.some((d) => d.startsWith('✗ -'))).toBe(true);
    expect(due.every((d) => /^[✗!◷ ] /.test(d))).toBe(true);
  });

  /** Runs `support queue --watch …` until the test stops it with SIGINT. */
  function watch(args: string[]) {
    const child = spawn(process.execPath, [BIN, 'queue', '--watch', ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out.stderr += c.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    return { child, out, exit };
  }

  it('queue --watch --json prints one event per line as it happens, and Ctrl+C ends it with exit 0', async () => {
    const w = watch(['--json']);
    await waitFor(() => w.out.stderr.includes('watching the queue'), { timeoutMs: 10_000, describe: () => w.out.stderr });
    const c = await openFresh(server, admin);
    await admin.conversations.transfer(c.id, { toAgentId: agentId });
    await waitFor(() => w.out.stdout.split('\n').length >= 3, { timeoutMs: 10_000, describe: () => w.out.stdout });
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);
    const events = w.out.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as LiveEvent);
    expect(events.map((e) => [e.type, e.conversationId])).toEqual([
      ['conversation.created', c.id],
      ['conversation.assigned', c.id],
    ]);
  });

  it('queue --watch without a terminal prints one line per change, customer text escaped', async () => {
    const w = watch([]);
    await waitFor(() => w.out.stderr.includes('watching the queue'), { timeoutMs: 10_000 });
    const c = await openFresh(server, admin, { subject: `Refund ${HOSTILE_PAYLOADS.osc52Clipboard}` });
    await admin.conversations.inbound(c.id, { body: `pay now ${HOSTILE_PAYLOADS.titleChange}` });
    await waitFor(() => w.out.stdout.split('\n').length >= 3, { timeoutMs: 10_000, describe: () => w.out.stdout });
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);
    const lines = w.out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d  #${c.id} new normal chat conversation from `));
    expect(lines[0]).toContain('\\x1b]52;c;');
    expect(lines[1]).toMatch(new RegExp(`#${c.id} .* wrote: pay now \\\\x1b\\]0;pwned`));
    for (const forbidden of FORBIDDEN_IN_OUTPUT) expect(w.out.stdout.includes(forbidden), JSON.stringify(forbidden)).toBe(false);
  });
});
