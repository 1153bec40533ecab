import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { build } from 'esbuild';
import { render } from 'ink';
import { bundleOptions } from '../../bin/build.js';
import { keepYoungGenerationSmall } from '../../src/cli/young-generation.js';
import { SupportClient } from '../../src/client/support-client.js';
import { createTui } from '../../src/tui/run.js';
import { FakeStdin, FakeStdout } from './lib/fake-terminal.js';
import { BIN, ROOT } from './lib/paths.js';
import { loggedInHome, startBenchServer } from './lib/processes.js';
import { median, percentile, round } from './lib/stats.js';

const BENCH_DIST = join(ROOT, 'dist-bench');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds the Ink hello-world with the CLI's own bundle options. */
async function buildHello(): Promise<string> {
  mkdirSync(BENCH_DIST, { recursive: true });
  await build({ ...bundleOptions, absWorkingDir: ROOT, entryPoints: { hello: 'tests/bench/fixtures/hello-ink.tsx' }, outdir: BENCH_DIST });
  return join(BENCH_DIST, 'hello.js');
}

/**
 * Runs `command` in a pseudo-terminal (util-linux `script`) of 100x30 and resolves with the
 * milliseconds until its output contains `marker`, and the pid of the process inside.
 */
function untilOutput(command: string, marker: string, env: Record<string, string>, keepAlive?: (pid: number) => Promise<void>): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('script', ['-q', '-e', '-c', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    let seen = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no "${marker}" within 30 s; saw: ${seen.slice(-300)}`)), 30_000);
    const finish = (error?: Error, ms?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const stop = () => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      if (error) {
        stop();
        reject(error);
        return;
      }
      void (keepAlive ? keepAlive(child.pid!) : Promise.resolve()).then(() => {
        stop();
        resolve(ms!);
      }, (e: Error) => {
        stop();
        reject(e);
      });
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (!done && seen.includes(marker)) finish(undefined, Number(process.hrtime.bigint() - start) / 1e6);
    });
    child.on('exit', () => finish(new Error(`exited before "${marker}"; saw: ${seen.slice(-300)}`)));
  });
}

export interface FirstFrameResult {
  runs: number;
  helloMs: number;
  workspaceMs: number;
  ratio: number;
}

/** Time to the first frame that shows queue data, beside an Ink hello-world, alternating, in a pty. */
export async function firstFrame(runs: number): Promise<FirstFrameResult> {
  const hello = await buildHello();
  const server = await startBenchServer();
  try {
    const { env } = loggedInHome(server.url);
    const helloCommand = `${process.execPath} ${join(ROOT, 'tests/bench/fixtures/hello-launcher.js')} ${hello}`;
    const workspaceCommand = `${process.execPath} ${BIN}`;
    // The workspace's first frame with data shows the row counter "(1/N)".
    await untilOutput(helloCommand, '(1/1)', env);
    await untilOutput(workspaceCommand, '(1/', env);
    const helloTimes: number[] = [];
    const workspaceTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      helloTimes.push(await untilOutput(helloCommand, '(1/1)', env));
      workspaceTimes.push(await untilOutput(workspaceCommand, '(1/', env));
    }
    const helloMs = median(helloTimes);
    const workspaceMs = median(workspaceTimes);
    return { runs, helloMs: round(helloMs), workspaceMs: round(workspaceMs), ratio: round(workspaceMs / helloMs, 2) };
  } finally {
    await server.stop();
  }
}

export interface KeystrokeResult {
  conversations: number;
  presses: number;
  medianMs: number;
  p95Ms: number;
}

/**
 * Render time after a keystroke (Ink's onRender figure) while moving through a queue of N
 * conversations, all loaded, in a 120x40 terminal.
 */
export async function keystrokeRender(conversations: number, presses: number): Promise<KeystrokeResult> {
  const server = await startBenchServer({ conversations });
  // As the workspace runs (src/cli/workspace.ts); V8's default (2) is put back for the sections after.
  keepYoungGenerationSmall();
  try {
    const { token, agent } = await new SupportClient({ baseUrl: server.url }).auth.login('agent@example.com', 'demo');
    const client = new SupportClient({ baseUrl: server.url, token });
    const tui = createTui({ client, agent, profile: 'bench' });
    const times: number[] = [];
    let renders = 0;
    const stdout = new FakeStdout(120, 40);
    const stdin = new FakeStdin();
    const instance = render(tui.element, {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: new FakeStdout(120, 40) as unknown as NodeJS.WriteStream,
      interactive: true,
      patchConsole: false,
      exitOnCtrlC: false,
      maxFps: 1000,
      onRender: ({ renderTime }) => {
        renders++;
        times.push(renderTime);
      },
    });
    try {
      const deadline = Date.now() + 60_000;
      while (!(tui.store.getState().queue.status === 'ready' && (tui.store.getState().queue.data?.length ?? 0) >= conversations)) {
        if (Date.now() > deadline) throw new Error(`the queue of ${conversations} did not load`);
        await sleep(20);
      }
      await sleep(200);
      times.length = 0;
      for (let i = 0; i < presses; i++) {
        const before = renders;
        stdin.write(i % 50 < 25 ? 'j' : 'k');
        const wait = Date.now() + 1000;
        while (renders === before && Date.now() < wait) await sleep(1);
      }
      return { conversations, presses: times.length, medianMs: round(median(times), 2), p95Ms: round(percentile(times, 95), 2) };
    } finally {
      instance.unmount();
      tui.actions.dispose();
    }
  } finally {
    setFlagsFromString('--semi-space-growth-factor=2');
    await server.stop();
  }
}

export interface MemoryResult {
  conversations: number;
  rssMb: number;
}

/** The real binary in a pty with 10,000 conversations loaded: its resident memory. */
export async function workspaceMemory(conversations: number): Promise<MemoryResult> {
  const server = await startBenchServer({ conversations });
  try {
    const { env } = loggedInHome(server.url);
    let rssMb = 0;
    await untilOutput(`${process.execPath} ${BIN}`, `/${conversations})`, env, async (scriptPid) => {
      await sleep(1500); // let the last page settle and the GC run as it would
      const pids = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/);
      // script -> the workspace (exec replaced the shell).
      const pid = Number(pids[0]);
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rssMb = round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024, 1);
    });
    return { conversations, rssMb };
  } finally {
    await server.stop();
  }
}
