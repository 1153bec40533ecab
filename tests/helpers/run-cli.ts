import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/support.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `support` binary as a user would, with its own config folder and no terminal (stdin,
 * stdout and stderr are pipes).
 */
export function runCli(args: string[], options: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, SUPPORT_API_URL: undefined, SUPPORT_TOKEN: undefined, SUPPORT_PROFILE: undefined, ...options.env })) {
      if (v !== undefined) env[k] = v;
    }
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`support ${args.join(' ')} did not finish in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export interface CliHome {
  /** The folder to remove after the tests. */
  home: string;
  /** SUPPORT_CONFIG_DIR and SUPPORT_DATA_DIR inside it: pass to runCli. */
  env: Record<string, string>;
}

/**
 * A user's home for the CLI in a temp folder (its own config and data), logged in to `apiUrl` with
 * the demo password as each profile of `logins` (profile name -> email), in the order given.
 */
export async function cliHome(prefix: string, apiUrl?: string, logins: Record<string, string> = {}): Promise<CliHome> {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const env = { SUPPORT_CONFIG_DIR: join(home, 'config'), SUPPORT_DATA_DIR: join(home, 'data') };
  for (const [profile, email] of Object.entries(logins)) {
    const login = await runCli(['login', '--api', apiUrl ?? '', '--email', email, '--password-stdin', '--profile', profile], { env, input: 'demo' });
    if (login.code !== 0) throw new Error(`login of ${email} (profile ${profile}) failed: ${login.stderr}`);
  }
  return { home, env };
}
