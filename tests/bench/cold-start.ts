import { spawnSync } from 'node:child_process';
import { BIN } from './lib/paths.js';
import { loggedInHome, startBenchServer } from './lib/processes.js';
import { median, round } from './lib/stats.js';

export interface ColdStartResult {
  runs: number;
  nodeMs: number;
  versionMs: number;
  queueJsonMs: number;
  versionRatio: number;
  queueJsonRatio: number;
}

function time(command: string[], env: Record<string, string>): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0]!, command.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
  return ms;
}

/**
 * `node -e 0`, `support --version` and `support queue --json` (against a local server), run in turn
 * so that the machine's drift hits all three alike; medians, and the ratios to plain Node.
 */
export async function coldStart(runs: number): Promise<ColdStartResult> {
  const server = await startBenchServer();
  try {
    const { env } = loggedInHome(server.url);
    const commands = [[process.execPath, '-e', '0'], [process.execPath, BIN, '--version'], [process.execPath, BIN, 'queue', '--json']];
    for (const c of commands) time(c, env); // warm the compile cache and the page cache
    const samples: number[][] = commands.map(() => []);
    for (let i = 0; i < runs; i++) commands.forEach((c, j) => samples[j]!.push(time(c, env)));
    const [nodeMs, versionMs, queueJsonMs] = samples.map(median) as [number, number, number];
    return { runs, nodeMs: round(nodeMs), versionMs: round(versionMs), queueJsonMs: round(queueJsonMs), versionRatio: round(versionMs / nodeMs, 2), queueJsonRatio: round(queueJsonMs / nodeMs, 2) };
  } finally {
    await server.stop();
  }
}
