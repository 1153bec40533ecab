import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support login, whoami, logout, config', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-cli-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('prints the version', async () => {
    const result = await runCli(['--version'], { env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints help and exits 0 when run bare without a terminal, never waiting for input', async () => {
    const result = await runCli([], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: support');
    expect(result.stdout).toContain('login');
  });

  it('says how to log in, exit 4, when not logged in', async () => {
    const result = await runCli(['queue'], { env });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: not logged in \(profile default\): run `support login --api http:\/\/127\.0\.0\.1:4000`/);
  });

  it('refuses a wrong password with exit 4 and saves nothing', async () => {
    const result = await runCli(['login', '--api', server.url, '--email', 'agent@example.com', '--password-stdin'], { env, input: 'wrong\n' });
    expect(result.code).toBe(4);
    expect(result.stderr).toBe('error: wrong email or password\n');
    const list = await runCli(['config', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('needs --email and --password-stdin when there is no terminal (exit 2)', async () => {
    const result = await runCli(['login', '--api', server.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pass --email and --password-stdin');
    const noEmail = await runCli(['login', '--api', server.url, '--password-stdin'], { env, input: 'demo' });
    expect([noEmail.code, noEmail.stderr]).toEqual([2, 'error: --password-stdin needs --email\n']);
  });

  it('rejects a URL that is not http(s) (exit 2)', async () => {
    const result = await runCli(['login', '--api', 'ftp://x', '--email', 'a@b.c', '--password-stdin'], { env, input: 'pw' });
    expect(result.code).toBe(2);
  });

  it('logs in from a script, keeps the token in a 0600 file and never prints it', async () => {
    const result = await runCli(['login', '--api', server.url, '--email', 'agent@example.com', '--password-stdin'], { env, input: 'demo\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Logged in to');
    expect(result.stderr).toContain('Ayu Lestari');
    const file = join(env['SUPPORT_CONFIG_DIR']!, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, { token: string }> };
    const token = saved.profiles['default']!.token;
    expect(token).toMatch(/^sup_/);
    expect(result.stderr).not.toContain(token);
    const list = await runCli(['config', 'list', '--json'], { env });
    expect(list.stdout).not.toContain(token);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'default', current: true, loggedIn: true, apiUrl: server.url })]);
  });

  it('whoami prints the agent, as text and as JSON', async () => {
    const text = await runCli(['whoami'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Ayu Lestari <agent@example.com>');
    const json = await runCli(['whoami', '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ agent: { email: 'agent@example.com', role: 'agent' }, apiUrl: server.url, profile: 'default' });
    expect(json.stderr).toBe('');
  });

  it('keeps profiles apart (--profile and SUPPORT_PROFILE)', async () => {
    const login = await runCli(['--profile', 'lead', 'login', '--api', server.url, '--email', 'lead@example.com', '--password-stdin'], { env, input: 'demo' });
    expect(login.code).toBe(0);
    const lead = await runCli(['whoami', '--json'], { env: { ...env, SUPPORT_PROFILE: 'lead' } });
    expect(JSON.parse(lead.stdout).agent.role).toBe('supervisor');
    const still = await runCli(['whoami', '--json'], { env });
    expect(JSON.parse(still.stdout).agent.role).toBe('agent');
  });

  it('lets the environment win over the file (SUPPORT_API_URL, SUPPORT_TOKEN)', async () => {
    const { token } = await (await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'mei@example.com', password: 'demo' }) })).json() as { token: string };
    const result = await runCli(['whoami', '--json'], { env: { ...env, SUPPORT_API_URL: server.url, SUPPORT_TOKEN: token } });
    expect(JSON.parse(result.stdout).agent.email).toBe('mei@example.com');
    const wrongUrl = await runCli(['whoami'], { env: { ...env, SUPPORT_API_URL: 'http://127.0.0.1:9', SUPPORT_TOKEN: token } });
    expect(wrongUrl.code).toBe(1);
    expect(wrongUrl.stderr).toContain('cannot connect to the Support API at http://127.0.0.1:9');
  });

  it('reports a revoked or bad token with exit 4', async () => {
    const result = await runCli(['queue'], { env: { ...env, SUPPORT_API_URL: server.url, SUPPORT_TOKEN: 'sup_revoked' } });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('log in again');
  });

  it('logout revokes the token on the server and forgets it here', async () => {
    const file = join(env['SUPPORT_CONFIG_DIR']!, 'config.json');
    const token = (JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, { token: string }> }).profiles['default']!.token;
    const result = await runCli(['logout'], { env });
    expect(result.code).toBe(0);
    const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    expect(readFileSync(file, 'utf8')).not.toContain(token);
    const after = await runCli(['whoami'], { env });
    expect(after.code).toBe(4);
  });

  it('sets the theme, refusing other values and unknown settings', async () => {
    expect((await runCli(['config', 'set', 'theme', 'light'], { env })).code).toBe(0);
    const bad = await runCli(['config', 'set', 'theme', 'purple'], { env });
    expect([bad.code, bad.stderr]).toEqual([2, 'error: theme must be light or dark\n']);
    expect((await runCli(['config', 'set', 'colour', 'red'], { env })).code).toBe(2);
    expect(JSON.parse(readFileSync(join(env['SUPPORT_CONFIG_DIR']!, 'config.json'), 'utf8')).theme).toBe('light');
  });

  it('answers usage errors with exit 2', async () => {
    expect((await runCli(['queue', '--limit', 'lots'], { env })).code).toBe(2);
    expect((await runCli(['no-such-command'], { env })).code).toBe(2);
    expect((await runCli(['config', 'use', 'nope'], { env })).code).toBe(2);
  });
});
