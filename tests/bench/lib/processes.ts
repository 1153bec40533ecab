import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BIN, SERVER_SCRIPT, TSX } from './paths.js';

export interface BenchServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts tests/bench/lib/server-process.ts and waits for its {url} line. */
export async function startBenchServer(options: { extra?: number; conversations?: number; postgres?: string; payments?: number; paymentsFile?: string } = {}): Promise<BenchServer> {
  const args = [
    TSX,
    SERVER_SCRIPT,
    '--extra',
    String(options.extra ?? 0),
    ...(options.conversations !== undefined ? ['--conversations', String(options.conversations)] : []),
    ...(options.postgres ? ['--postgres', options.postgres] : []),
    ...(options.payments ? ['--payments', String(options.payments), '--payments-file', options.paymentsFile!] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface CliHome {
  env: Record<string, string>;
}

/** A config folder logged in to `url` as `email`, for runs of the real binary. */
export function loggedInHome(url: string, email = 'agent@example.com'): CliHome {
  const home = mkdtempSync(join(tmpdir(), 'support-bench-home-'));
  const env = { ...process.env, SUPPORT_CONFIG_DIR: join(home, 'config'), SUPPORT_DATA_DIR: join(home, 'data'), NO_COLOR: '1' } as Record<string, string>;
  const result = spawnSync(process.execPath, [BIN, 'login', '--api', url, '--email', email, '--password-stdin'], { env, input: 'demo' });
  if (result.status !== 0) throw new Error(`login for the benchmark failed: ${result.stderr}`);
  return { env };
}
