import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import { isApiError } from '../../client/errors.js';
import { delayMs, MAX_ATTEMPTS, retryable } from './retry.js';
import type { Counts, Progress } from './progress.js';
import { parsedRows, rowKey, type ParsedRow, type RowSource } from './rows.js';
import type { ResumeState, RowOutcome } from './state.js';

export interface RunOptions {
  concurrency: number;
  fileHash: string;
  /** Rows left out (invalid, with --skip-invalid), with why. */
  bad: Map<number, { line: number; message: string }>;
  state: ResumeState;
  counts: Counts;
  progress: Progress;
  /** Each row's outcome as it is known: report, --json. */
  emit: (outcome: RowOutcome) => void;
  /** Set by the first Ctrl+C: no new rows start. */
  stop: { requested: boolean };
  maxAttempts?: number;
}

export interface RunResult {
  /** Rows not started because of Ctrl+C. */
  notStarted: number;
}

/**
 * Runs the file's rows with at most `concurrency` in flight, reading the file as it goes (memory stays
 * flat). Rows already finished in the resume state are reported from it, not sent again.
 */
export async function runRows(source: RowSource, options: RunOptions): Promise<RunResult> {
  const { counts, state, emit, progress, stop } = options;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const limit = pLimit(options.concurrency);
  const inFlight = new Set<Promise<void>>();
  let notStarted = 0;

  const finish = (outcome: RowOutcome) => {
    counts[outcome.outcome === 'failed' ? 'failed' : outcome.outcome === 'ok' ? 'ok' : 'skipped'] += 1;
    if (outcome.outcome === 'failed') progress.error(outcome.line, `${outcome.code}: ${outcome.message}`);
    state.record(outcome);
    emit(outcome);
  };

  const runRow = async (row: ParsedRow) => {
    const key = rowKey(options.fileHash, source.action, row);
    for (let attempt = 0; ; attempt++) {
      try {
        const done = await source.spec.execute(source.context, row.payload, key);
        finish({ row: row.index, line: row.line, outcome: done.outcome, code: null, message: done.detail, id: done.id });
        return;
      } catch (error) {
        const delay = retryable(error) && attempt + 1 < maxAttempts ? delayMs(error, attempt) : undefined;
        if (delay !== undefined) {
          // After Ctrl+C a row waiting to retry is left unfinished: --resume sends it again, same key.
          if (stop.requested) return;
          await sleep(delay);
          if (stop.requested) return;
          continue;
        }
        const code = isApiError(error) ? String(error.code) : 'unexpected';
        const message = error instanceof Error ? error.message : String(error);
        finish({ row: row.index, line: row.line, outcome: 'failed', code, message, id: null });
        return;
      }
    }
  };

  let previous = -1;
  const invalid = (index: number, why: { line: number; message: string }) => emit({ row: index, line: why.line, outcome: 'skipped', code: 'invalid_row', message: why.message, id: null });
  // Rows that never parsed are not read again: their outcome is the validation's reason.
  const unparsed = [...options.bad.keys()].sort((a, b) => a - b);
  let u = 0;
  const skipRange = (until: number) => {
    for (; u < unparsed.length && unparsed[u]! < until; u++) if (unparsed[u]! > previous) invalid(unparsed[u]!, options.bad.get(unparsed[u]!)!);
  };

  for await (const row of parsedRows(source, {}, () => {})) {
    skipRange(row.index);
    previous = row.index;
    if (stop.requested) {
      notStarted += 1;
      continue;
    }
    const why = options.bad.get(row.index);
    if (why !== undefined) {
      invalid(row.index, why);
      continue;
    }
    const before = state.done.get(row.index);
    if (before && before.outcome !== 'failed') {
      emit(before);
      continue;
    }
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const task: Promise<void> = limit(() => runRow(row)).finally(() => inFlight.delete(task));
    inFlight.add(task);
  }
  skipRange(Number.MAX_SAFE_INTEGER);
  await Promise.all(inFlight);
  return { notStarted };
}
