import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readSync, openSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sanitize } from '../../api/text/sanitize.js';
import type { BulkOptions } from './options.js';
import { dataDir } from '../config/paths.js';
import { confirmTyped } from '../destructive.js';
import { CliError } from '../output/cli-error.js';
import { EXIT } from '../output/exit-codes.js';
import { printJsonLine, stderrIsTty, stdinIsTty } from '../output/terminal.js';
import { authenticatedClient, type GlobalOptions } from '../session.js';
import { keepYoungGenerationSmall } from '../young-generation.js';
import { ACTIONS, type BulkAction, type BulkContext } from './actions/index.js';
import { Progress, grouped, type Counts } from './progress.js';
import { formatOf } from './read-rows.js';
import { outcomeRecord, ReportWriter } from './report.js';
import { parsedRows, type RowSource } from './rows.js';
import { withRetries } from './retry.js';
import { runRows } from './runner.js';
import { ResumeState, type RowOutcome } from './state.js';
import { validateFile } from './validate.js';

/** stdin is read once into a private file: validation and the run each read the rows again. */
async function spoolStdin(): Promise<string> {
  const dir = join(dataDir(), 'bulk');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `stdin-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  await pipeline(process.stdin, createWriteStream(path, { mode: 0o600 }));
  return path;
}

function firstBytes(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const n = readSync(fd, buffer, 0, 64, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const where = (p: { line: number; column?: string }) => `line ${p.line}${p.column ? `, column ${sanitize(p.column, { multiline: false })}` : ''}`;

export async function runBulk(action: BulkAction, options: BulkOptions, globals: GlobalOptions): Promise<void> {
  const fromStdin = options.file === '-';
  if (!fromStdin && !existsSync(options.file)) throw new CliError(`cannot read --file ${options.file}: no such file`);
  const path = fromStdin ? await spoolStdin() : options.file;
  try {
    await runFile(action, path, options, globals);
  } finally {
    if (fromStdin) rmSync(path, { force: true });
  }
}

async function runFile(action: BulkAction, path: string, options: BulkOptions, globals: GlobalOptions): Promise<void> {
  keepYoungGenerationSmall();
  const spec = ACTIONS[action];
  const format = options.format ?? formatOf(options.file === '-' ? '' : path, firstBytes(path));
  const context: BulkContext = { client: authenticatedClient(globals, { bulk: { concurrency: options.concurrency } }) };
  if (action === 'assign') context.agents = new Map((await withRetries(() => context.client.agents.listAll())).map((a) => [a.email.toLowerCase(), a.id]));
  const source: RowSource = { path, format, action, spec, context };
  const shown = options.file === '-' ? 'stdin' : options.file;

  const validation = await validateFile(source, options.concurrency);
  for (const problem of validation.problems) process.stderr.write(`${shown}: ${where(problem)}: ${sanitize(problem.message, { multiline: false })}\n`);
  if (validation.fatal) throw new CliError(`${shown} cannot be read as bulk ${action} rows: nothing was run`, EXIT.usage);
  if (validation.bad.size && !options.skipInvalid) {
    throw new CliError(
      `${grouped(validation.bad.size)} of ${grouped(validation.rows)} rows are bad: nothing was run`,
      EXIT.failed,
      'fix them and run again, or pass --skip-invalid to run the other rows',
    );
  }
  if (validation.valid === 0) {
    if (validation.rows === 0) {
      process.stderr.write(`${shown} has no rows: nothing to do\n`);
      return;
    }
    throw new CliError(`none of the ${grouped(validation.rows)} rows can run: nothing was run`);
  }

  if (options.dryRun) {
    for await (const row of parsedRows(source, {}, () => {})) {
      if (validation.bad.has(row.index)) continue;
      const target = validation.targets.get(spec.target(row.payload));
      const preview = target ? spec.preview(row.payload, target) : 'would be refused: not found';
      if (options.json) printJsonLine({ line: row.line, row: row.index, dryRun: true, preview });
      else process.stderr.write(`line ${row.line}: ${sanitize(preview, { multiline: false })}\n`);
    }
    process.stderr.write(`Would ${spec.verb} ${grouped(validation.valid)} ${validation.valid === 1 ? spec.noun[0] : spec.noun[1]}${validation.bad.size ? ` (${grouped(validation.bad.size)} bad rows left out)` : ''}. Nothing was changed.\n`);
    return;
  }

  if (!options.yes && stdinIsTty()) {
    const count = grouped(validation.valid);
    await confirmTyped(options, {
      message: `${spec.verb[0]!.toUpperCase()}${spec.verb.slice(1)} ${count} ${validation.valid === 1 ? spec.noun[0] : spec.noun[1]}${validation.bad.size ? ` (${grouped(validation.bad.size)} bad rows skipped)` : ''}?`,
      expected: count,
      matches: (typed) => typed.trim().replaceAll(',', '') === String(validation.valid),
    });
  }

  // What the server said is for --dry-run and validation only: the run reads the rows again.
  validation.targets.clear();
  const state = new ResumeState(action, validation.fileHash, Boolean(options.resume));
  const before = [...state.done.values()].filter((o) => o.outcome !== 'failed').length;
  if (options.resume) process.stderr.write(before ? `resuming: ${grouped(before)} rows were finished before and are not sent again\n` : 'nothing to resume for this file: running every row\n');
  const counts: Counts = { total: validation.valid, ok: 0, skipped: 0, failed: 0, before };
  const progress = new Progress(`bulk ${action}`, counts, { tty: stderrIsTty() });
  const report = options.report ? new ReportWriter(options.report) : undefined;
  const emit = (outcome: RowOutcome) => {
    report?.write(outcome);
    if (options.json) printJsonLine(outcomeRecord(outcome));
  };
  const stop = { requested: false };
  const onSigint = () => {
    if (stop.requested) {
      // A second Ctrl+C: leave now. Finished rows are in the state already; the rest run on --resume.
      state.close();
      process.stderr.write('\nstopped at once; run the same command with --resume to continue\n');
      process.exit(EXIT.interrupted);
    }
    stop.requested = true;
    process.stderr.write('\nstopping: no new rows start; waiting for the rows in flight (Ctrl+C again to quit at once)\n');
  };
  // The run owns Ctrl+C. Others are set aside meanwhile: conf's atomic-write cleanup re-raises the
  // signal after its own work, which would read as a second Ctrl+C.
  const others = process.listeners('SIGINT');
  process.removeAllListeners('SIGINT');
  process.on('SIGINT', onSigint);
  let notStarted: number;
  try {
    ({ notStarted } = await runRows(source, { concurrency: options.concurrency, fileHash: validation.fileHash, bad: validation.bad, state, counts, progress, emit, stop }));
  } finally {
    process.off('SIGINT', onSigint);
    for (const listener of others) process.on('SIGINT', listener);
    state.close();
    await report?.close();
  }
  const finished = counts.ok + counts.skipped + counts.failed;
  progress.stop(
    `bulk ${action}: ${grouped(finished)} rows: ${grouped(counts.ok)} ok, ${grouped(counts.skipped)} skipped, ${grouped(counts.failed)} failed${before ? ` (${grouped(before)} finished before)` : ''}`,
  );
  const resumeHint = `run the same command with --resume to continue: finished rows are not sent again (${state.path})`;
  if (stop.requested) {
    const left = validation.valid - before - counts.ok - counts.skipped;
    throw new CliError(`stopped by Ctrl+C: ${grouped(left)} rows not done${notStarted ? ` (${grouped(notStarted)} not started)` : ''}`, EXIT.interrupted, resumeHint);
  }
  if (counts.failed) {
    throw new CliError(
      `${grouped(counts.failed)} of ${grouped(validation.valid)} rows failed${options.report ? `: see ${options.report}` : ''}`,
      EXIT.partial,
      'run the same command with --resume to try the failed rows again (same keys: nothing is done twice)',
    );
  }
}
