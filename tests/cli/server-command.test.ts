import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'support-server-cli-'));
const env = { SUPPORT_CONFIG_DIR: join(home, 'config'), SUPPORT_DATA_DIR: join(home, 'data'), SUPPORT_DATABASE_URL: undefined };

describe('support server: production flags, probes and drain', () => {
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('--help documents the probes, the drain, the flags and the environment', async () => {
    const { code, stdout } = await runCli(['server', '--help'], { env });
    expect(code).toBe(0);
    for (const text of ['--pool-size', '--trust-proxy', '--drain-seconds', '--auto-answer-threshold', 'default of the desk setting', 'support desk settings set', 'SUPPORT_DATABASE_URL', 'GET /health', 'GET /ready', 'SIGTERM']) expect(stdout).toContain(text);
  });

  it('refuses bad pool and drain settings with a usage error, before creating any database', async () => {
    const cases: [string[], string][] = [
      [['--pool-size', '5'], '--pool-size applies to PostgreSQL (--database-url)'],
      [['--pool-size', '0', '--database-url', 'postgres://x@127.0.0.1:1/none'], "option '--pool-size <n>' argument '0' is invalid"],
      [['--drain-seconds', 'soon'], "option '--drain-seconds <s>' argument 'soon' is invalid"],
      [['--auto-answer', '--auto-answer-threshold', '2'], "option '--auto-answer-threshold <score>' argument '2' is invalid"],
      [['--auto-answer', '--auto-answer-categories', 'refund,kyc'], 'from payment_failed, refund, account_security'],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runCli(['server', '--port', '0', ...args], { env });
      expect([args, code]).toEqual([args, 2]);
      expect(stderr).toContain(message);
    }
    expect(existsSync(join(home, 'data', 'support.db'))).toBe(false);
  });

  it('answers /health and /ready, and exits 0 after draining on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'server', '--port', '0', '--log-level', 'silent'], {
      env: Object.fromEntries(Object.entries({ ...process.env, ...env, NO_COLOR: '1' }).filter((e): e is [string, string] => e[1] !== undefined)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stderr });
    const url = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    try {
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect(await (await fetch(`${url}/ready`)).json()).toEqual({ status: 'ready' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
