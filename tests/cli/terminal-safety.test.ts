import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { FORBIDDEN_IN_OUTPUT, HOSTILE_PAYLOADS, addHostileMessage, rawUnsafeInJson } from '../helpers/hostile.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { openFresh } from '../helpers/workflow.js';

// What an admin could have typed as an agent's name and email before the API refused control and
// format characters (an older server stored them as given): every payload in one name.
const HOSTILE_NAME = `Sam ${Object.values(HOSTILE_PAYLOADS).join(' ')}`;
const HOSTILE_EMAIL = `sam\u001b]8;;https://evil.example\u0007\u202e\u{e0041}\u3164@example.com`;

function forbiddenIn(output: string): string[] {
  return FORBIDDEN_IN_OUTPUT.filter((f) => output.includes(f)).map((f) => f.codePointAt(0)!.toString(16));
}

describe('everything the CLI prints is safe on a terminal (built binary, real server)', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let admin: SupportClient;
  let hostileAgentId: string;

  const cli = (args: string[], input?: string) => runCli(args, { env, ...(input !== undefined ? { input } : {}) });

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { sweepIntervalMs: 0 } });
    ({ home, env } = await cliHome('support-cli-safety-', server.url, { default: 'agent@example.com' }));
    admin = await server.login('admin@example.com');
    // Planted straight in the database, as an older server could have stored them; the admin stays offline.
    const planted = await server.store.db
      .updateTable('agents')
      .set({ name: HOSTILE_NAME, email: HOSTILE_EMAIL })
      .where('email', '=', 'admin@example.com')
      .returning('id')
      .executeTakeFirstOrThrow();
    hostileAgentId = planted.id;
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('an API error quoting a hostile agent name reaches stderr escaped, on one line', async () => {
    const c = await openFresh(server, admin);
    const refused = await cli(['conv', 'transfer', String(c.id), '--to-agent', hostileAgentId]);
    expect(refused.code).toBe(1);
    expect(forbiddenIn(refused.stderr)).toEqual([]);
    expect(refused.stderr).toMatch(/^error: Sam \\x1b\[31mRED\\x1b\[0m .* is offline; transfer to an online agent or to a team\n$/);
    expect(refused.stderr).toContain('\\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\x07');
    expect(refused.stderr).toContain('\\u{e0063}\\u{e0075}');
    // The name's own line breaks are folded: it cannot forge a second line.
    expect(refused.stderr.split('\n')).toHaveLength(2);
    // The refusal changed nothing.
    expect((await admin.conversations.get(c.id)).conversation.assignee).toBeNull();
  });

  it('support login prints the hostile name and email escaped; whoami too', async () => {
    const login = await cli(['login', '--api', server.url, '--email', HOSTILE_EMAIL, '--password-stdin', '--profile', 'sam'], 'demo');
    expect(login.code).toBe(0);
    expect(login.stdout).toBe('');
    expect(forbiddenIn(login.stderr)).toEqual([]);
    expect(login.stderr).toMatch(/^✓ Logged in to http:\/\/\S+ as Sam \\x1b\[31mRED/);
    expect(login.stderr).toContain('<sam\\x1b]8;;https://evil.example\\x07\\u202e\\u{e0041}\\u3164@example.com> (admin); profile sam\n');
    expect(login.stderr.split('\n')).toHaveLength(2);
    const whoami = await cli(['--profile', 'sam', 'whoami']);
    expect(whoami.code).toBe(0);
    expect(forbiddenIn(whoami.stdout)).toEqual([]);
    expect(whoami.stdout).toContain('\\u202egnp.exe');
  });

  it('--json writes control, format and bidi characters as escapes and parses back to the exact value', async () => {
    const login = await cli(['login', '--api', server.url, '--email', HOSTILE_EMAIL, '--password-stdin', '--profile', 'sam-json', '--json'], 'demo');
    expect(login.code).toBe(0);
    expect(rawUnsafeInJson(login.stdout)).toEqual([]);
    expect((JSON.parse(login.stdout) as { agent: { name: string; email: string } }).agent).toMatchObject({ name: HOSTILE_NAME, email: HOSTILE_EMAIL });

    const whoami = await cli(['--profile', 'sam-json', 'whoami', '--json']);
    expect(rawUnsafeInJson(whoami.stdout)).toEqual([]);
    expect((JSON.parse(whoami.stdout) as { agent: unknown }).agent).toEqual((await admin.me.get()).agent);

    const c = await openFresh(server, admin);
    const body = await addHostileMessage(server.store.db, c.id, server.clock.now);
    const show = await cli(['conversation', 'show', String(c.id), '--json']);
    expect(show.code).toBe(0);
    expect(rawUnsafeInJson(show.stdout)).toEqual([]);
    expect(JSON.parse(show.stdout)).toEqual(await admin.conversations.get(c.id));
    expect((JSON.parse(show.stdout) as { messages: { body: string }[] }).messages.at(-1)!.body).toBe(body);

    const queue = await cli(['queue', '--json', '--limit', '400', '--status', 'open,pending,snoozed,resolved,closed']);
    expect(rawUnsafeInJson(queue.stdout)).toEqual([]);
    const listed = (JSON.parse(queue.stdout) as { data: { id: number; subject: string }[] }).data.find((row) => row.id === c.id);
    expect(listed!.subject).toBe((await admin.conversations.get(c.id)).conversation.subject);
    expect(listed!.subject).toContain(HOSTILE_PAYLOADS.tagsHidden);
  });

  it('every listing shows invisible characters escaped: tags, Hangul fillers, soft hyphen', async () => {
    const c = await openFresh(server, admin);
    await addHostileMessage(server.store.db, c.id, server.clock.now);
    const show = await cli(['conversation', 'show', String(c.id)]);
    const queue = await cli(['queue', '--limit', '400', '--status', 'open,pending,snoozed,resolved,closed']);
    const agents = await cli(['agent', 'list']);
    for (const output of [show.stdout, queue.stdout, agents.stdout]) expect(forbiddenIn(output)).toEqual([]);
    expect(show.stdout).toContain('ok\\u{e0063}\\u{e0075}\\u{e0072}\\u{e006c}');
    expect(show.stdout).toContain('pay\\xadpal');
    expect(queue.stdout).toContain('Budi\\u115f\\u1160\\u3164\\uffa0');
    expect(agents.stdout).toContain('sam\\x1b]8;;https://evil.example\\x07');
  });

  it('a command-line error quoting what was typed is escaped too', async () => {
    const bad = await cli(['queue', '--priority', `urgent${HOSTILE_PAYLOADS.osc52Clipboard}`]);
    expect(bad.code).toBe(2);
    expect(forbiddenIn(bad.stderr)).toEqual([]);
    const unknown = await cli(['queue', `--x${HOSTILE_PAYLOADS.clearScreen}`]);
    expect(unknown.code).toBe(2);
    expect(forbiddenIn(unknown.stderr)).toEqual([]);
    expect(unknown.stderr).toContain('\\x1b[2J');
  });
});
