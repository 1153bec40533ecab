import { createServer, type Server } from 'node:http';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_EFFECTS } from '../../src/cli/command-effects.js';
import { buildProgram } from '../../src/cli/program.js';
import { SupportClient } from '../../src/client/support-client.js';
import { allCommands, exampleArgs, exampleCommandPath, fullHelp } from '../helpers/help-examples.js';
import { cliHome, runCli } from '../helpers/run-cli.js';

/** An API that records every request it gets and answers none of them usefully (404). */
async function recordingApi(): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, code: 'not_found', detail: 'recorded' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests, server };
}

describe('read-only mode', () => {
  let api: Awaited<ReturnType<typeof recordingApi>>;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    api = await recordingApi();
    ({ home, env } = await cliHome('support-cli-read-only-'));
    env = { ...env, SUPPORT_API_URL: api.url, SUPPORT_TOKEN: 'tok_test' };
  });
  afterAll(async () => {
    await new Promise((resolve) => api.server.close(resolve));
    rmSync(home, { recursive: true, force: true });
  });

  it('knows what every command does: each one of the program is in the table, and only those', async () => {
    const leaves = allCommands(await buildProgram('1.0.0', 'all')).filter((c) => c.leaf).map((c) => c.path);
    expect(leaves.filter((path) => !(path in COMMAND_EFFECTS)), 'commands missing from COMMAND_EFFECTS').toEqual([]);
    expect(Object.keys(COMMAND_EFFECTS).filter((path) => !leaves.includes(path)), 'entries for no command').toEqual([]);
  });

  it('refuses every command that changes the desk, run as its own help example: exit 4, nothing sent', async () => {
    const program = await buildProgram('1.0.0', 'all');
    const changing = allCommands(program).filter((c) => c.leaf && COMMAND_EFFECTS[c.path] !== 'reads' && COMMAND_EFFECTS[c.path] !== 'local');
    expect(changing.length).toBeGreaterThan(30);
    for (const { path, command } of changing) {
      const examples = exampleArgs(fullHelp(command)).filter((args) => `${exampleCommandPath(args)} `.startsWith(`${path} `) && !args.includes('--dry-run'));
      expect(examples.length, `${path}: an example without --dry-run to run`).toBeGreaterThan(0);
      const args = examples[0]!.filter((a, i, all) => a !== '--profile' && all[i - 1] !== '--profile');
      const result = await runCli(['--read-only', ...args], { env });
      expect([result.code, result.stdout], `support --read-only ${args.join(' ')}: ${result.stderr}`).toEqual([4, '']);
      expect(result.stderr).toBe(`error: read-only mode (--read-only): \`support ${path}\` changes the desk, so it was not run; nothing was sent${command.options.some((o) => o.long === '--dry-run') ? '; --dry-run shows what it would do' : ''}\n`);
    }
    expect(api.requests).toEqual([]);
  }, 180_000); // one CLI process per example: some 80 of them, slow on a loaded machine

  it('SUPPORT_READ_ONLY and a read-only profile refuse the same way; reads and --dry-run still reach the API', async () => {
    const viaEnv = await runCli(['conversation', 'resolve', '42'], { env: { ...env, SUPPORT_READ_ONLY: '1' } });
    expect([viaEnv.code, viaEnv.stderr]).toEqual([4, 'error: read-only mode (SUPPORT_READ_ONLY is set): `support conversation resolve` changes the desk, so it was not run; nothing was sent\n']);

    const profiled = await cliHome('support-cli-read-only-profile-');
    try {
      const profileEnv = { ...profiled.env };
      // Only a profile that exists can be marked: here one with a token, as `support login` leaves it.
      const unset = await runCli(['config', 'set', 'read-only', 'true'], { env: profileEnv });
      expect(unset.code).toBe(2);
      expect(unset.stderr).toContain('no profile "default"');
      const configDir = profileEnv['SUPPORT_CONFIG_DIR']!;
      mkdirSync(configDir, { recursive: true });
      writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentProfile: 'prod', profiles: { prod: { apiUrl: api.url, token: 'tok_test' } } }));
      const set = await runCli(['config', 'set', 'read-only', 'true'], { env: profileEnv });
      expect([set.code, set.stderr]).toEqual([0, '✓ profile prod: read-only: commands that change the desk are refused\n']);
      const refused = await runCli(['claim'], { env: profileEnv });
      expect([refused.code, refused.stderr]).toEqual([4, 'error: read-only mode (profile prod is read-only): `support claim` changes the desk, so it was not run; nothing was sent\n']);
      expect(api.requests).toEqual([]);

      const read = await runCli(['queue', '--json'], { env: profileEnv });
      expect(read.code).toBe(1);
      const dryRun = await runCli(['account', 'freeze', 'wal_8Kq2mZ4T', '--reason', 'fraud_review', '--note', 'x', '--dry-run'], { env: profileEnv });
      expect(dryRun.code).toBe(1);
      expect(api.requests.length).toBeGreaterThanOrEqual(2);
      expect(api.requests.every((r) => r.startsWith('GET '))).toBe(true);

      const cleared = await runCli(['config', 'set', 'read-only', 'false'], { env: profileEnv });
      expect(cleared.code).toBe(0);
      api.requests.length = 0;
      const allowed = await runCli(['claim'], { env: profileEnv });
      expect(allowed.code).toBe(1);
      expect(api.requests).toEqual(['POST /v1/queue/claim']);
    } finally {
      api.requests.length = 0;
      rmSync(profiled.home, { recursive: true, force: true });
    }
  });

  it('a command the table says only reads sends nothing else: each one’s examples, under a client that refuses writes', async () => {
    const program = await buildProgram('1.0.0', 'all');
    const reading = allCommands(program).filter((c) => c.leaf && COMMAND_EFFECTS[c.path] === 'reads');
    for (const { path, command } of reading) {
      for (const args of exampleArgs(fullHelp(command)).filter((a) => `${exampleCommandPath(a)} `.startsWith(`${path} `))) {
        const run = args.filter((a, i, all) => a !== '--profile' && all[i - 1] !== '--profile' && a !== '--watch' && a !== '-w');
        const result = await runCli(['--read-only', ...run], { env });
        // The client's own refusal would mean a write the table does not declare.
        expect(result.stderr, `support ${run.join(' ')}`).not.toContain('was not sent');
      }
    }
    expect(api.requests.length).toBeGreaterThan(10);
    // Suggestions are the one POST that reads: it ranks, it changes nothing (the client lets it through).
    expect(api.requests.filter((r) => !r.startsWith('GET ') && r !== 'POST /v1/assist/suggest')).toEqual([]);
    api.requests.length = 0;
  }, 180_000); // one CLI process per example: some 80 of them, slow on a loaded machine

  it('a read-only client sends reads and the session’s own calls only, whatever the command', async () => {
    const client = new SupportClient({ baseUrl: api.url, token: 'tok_test', readOnly: true });
    await expect(client.queue.claimNext()).rejects.toMatchObject({ code: 'read_only', message: 'read-only mode: POST /v1/queue/claim was not sent' });
    await expect(client.conversations.resolve(42)).rejects.toMatchObject({ code: 'read_only' });
    expect(api.requests).toEqual([]);
    await expect(client.queue.list({})).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.auth.logout()).rejects.toMatchObject({ code: 'not_found' });
    expect(api.requests.map((r) => r.split('?')[0])).toEqual(['GET /v1/queue', 'POST /v1/auth/logout']);
    api.requests.length = 0;
  });
});
