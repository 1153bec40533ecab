import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The pager command for this run, as gh chooses it: SUPPORT_PAGER, else PAGER, else `less -FRX`
 * (quits when the output fits one screen, keeps colours, leaves the text on screen); none when stdout
 * is not a terminal, with --no-pager, or when the choice is empty or `cat`.
 */
export function pagerCommand(env: NodeJS.ProcessEnv, { stdoutIsTty, noPager }: { stdoutIsTty: boolean; noPager: boolean }): string[] | undefined {
  if (!stdoutIsTty || noPager) return undefined;
  const chosen = (env['SUPPORT_PAGER'] ?? env['PAGER'] ?? 'less -FRX').trim();
  if (chosen === '' || chosen === 'cat') return undefined;
  return chosen.split(/\s+/);
}

function onPath(program: string, env: NodeJS.ProcessEnv): boolean {
  const candidates = isAbsolute(program) || program.includes('/') ? [program] : (env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, program));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

interface ActivePager {
  child: ChildProcess;
  write: typeof process.stdout.write;
  writeErr: typeof process.stderr.write;
  /** Notes written to stderr while the pager has the screen, shown after it (a `more:` hint). */
  held: (string | Uint8Array)[];
}

let active: ActivePager | undefined;

/**
 * Sends everything the command writes to stdout through the pager, until stopPager. The command
 * writes as it always does; stdout still reports the terminal (its width, colours), which is where
 * the pager shows it. A pager that is not installed is skipped, with a note on stderr.
 */
export function startPager(command: readonly string[]): void {
  const [program, ...args] = command as [string, ...string[]];
  if (!onPath(program, process.env)) {
    process.stderr.write(`pager "${program}" not found: printing without one (SUPPORT_PAGER or PAGER chooses it; --no-pager turns it off)\n`);
    return;
  }
  // As gh does: a bare `less` still quits on short output and keeps colours.
  const env = { ...process.env, LESS: process.env['LESS'] ?? 'FRX', LV: process.env['LV'] ?? '-c' };
  const child = spawn(program, args, { stdio: ['pipe', 'inherit', 'inherit'], env });
  const stdin = child.stdin!;
  let gone = false;
  // The person quit the pager before the end: the rest of the output has nowhere to go.
  stdin.on('error', () => (gone = true));
  child.on('error', () => (gone = true));
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (gone) return true;
    return (stdin.write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  const writeErr = process.stderr.write.bind(process.stderr);
  const held: (string | Uint8Array)[] = [];
  process.stderr.write = ((chunk: string | Uint8Array) => {
    held.push(chunk);
    return true;
  }) as typeof process.stderr.write;
  active = { child, write, writeErr, held };
}

/** Ends the pager's input and waits until the person has quit it; stdout is the terminal's again. */
export async function stopPager(): Promise<void> {
  const pager = active;
  if (!pager) return;
  active = undefined;
  process.stdout.write = pager.write;
  if (pager.child.exitCode === null && pager.child.signalCode === null) {
    await new Promise<void>((resolve) => {
      pager.child.once('close', () => resolve());
      pager.child.stdin!.end();
    });
  }
  process.stderr.write = pager.writeErr;
  for (const chunk of pager.held) process.stderr.write(chunk);
}
