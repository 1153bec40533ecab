import pLimit from 'p-limit';
import type { Target } from './actions/index.js';
import { BulkFileError, HeaderError, type RowProblem } from './read-rows.js';
import { withRetries } from './retry.js';
import { parsedRows, type RowSource } from './rows.js';
import { SeenRows } from './seen-rows.js';

export interface Validation {
  fileHash: string;
  /** Data rows in the file, good and bad. */
  rows: number;
  /** Rows that may run. */
  valid: number;
  problems: RowProblem[];
  /** Rows with a problem, by index: left out with --skip-invalid. */
  bad: Map<number, { line: number; message: string }>;
  /** What the server said about each row's target, for --dry-run. */
  targets: Map<string, Target>;
  /** The file could not be read as rows at all (encoding, header, broken CSV, a row too long). */
  fatal: boolean;
}

/**
 * Reads the whole file before anything runs: every row is checked (fields, money, reasons,
 * duplicates), then every distinct target is looked up on the server (bounded concurrency, once per
 * target), then rows are checked against what it said.
 */
export async function validateFile(source: RowSource, concurrency: number): Promise<Validation> {
  const problems: RowProblem[] = [];
  const bad = new Map<number, { line: number; message: string }>();
  const seen = new SeenRows();
  const targets = new Map<string, Target>();
  const missing = new Set<string>();
  const limit = pLimit(concurrency);
  // Lookups run while the file is read, a bounded number at a time.
  const lookups = new Set<Promise<void>>();
  const hash: { hex?: string } = {};
  let rows = 0;
  let fatal = false;
  const problem = (p: RowProblem) => {
    if (p.index !== undefined) rows = Math.max(rows, p.index + 1);
    problems.push({ line: p.line, ...(p.column ? { column: p.column } : {}), message: p.message });
    if (p.index !== undefined && !bad.has(p.index)) bad.set(p.index, { line: p.line, message: `${p.column ? `${p.column}: ` : ''}${p.message}` });
  };
  const lookedUp = new Set<string>();
  try {
    for await (const row of parsedRows(source, hash, problem)) {
      rows = Math.max(rows, row.index + 1);
      // Only a fingerprint is kept: memory grows by a few bytes a row, not by the row.
      const first = seen.firstLine(row.canonical, row.line);
      if (first !== undefined) {
        problem({ line: row.line, message: `is a duplicate of line ${first}: the same ${source.action} would be asked twice`, index: row.index });
        continue;
      }
      const id = source.spec.target(row.payload);
      if (!lookedUp.has(id)) {
        lookedUp.add(id);
        while (lookups.size >= concurrency * 2) await Promise.race(lookups);
        const lookup: Promise<void> = limit(async () => {
          const target = await withRetries(() => source.spec.lookup(source.context, id));
          if (target) targets.set(id, target);
          else missing.add(id);
        }).finally(() => lookups.delete(lookup));
        // A failed lookup stops the read through race() or all(); this keeps the others from being unhandled.
        lookup.catch(() => {});
        lookups.add(lookup);
      }
    }
  } catch (error) {
    if (!(error instanceof BulkFileError)) throw error;
    if (!(error instanceof HeaderError)) problems.push({ line: error.line, ...(error.column ? { column: error.column } : {}), message: error.message });
    fatal = true;
  }
  await Promise.all(lookups);
  lookedUp.clear();
  if (fatal) return { fileHash: hash.hex ?? '', rows, valid: 0, problems, bad, targets, fatal };
  seen.clear();

  // Second read: rows against what the server said. Problems found here are in file order too.
  const remote: RowProblem[] = [];
  if (missing.size || source.spec.checkTarget) {
    for await (const row of parsedRows(source, {}, () => {})) {
      if (bad.has(row.index)) continue;
      const id = source.spec.target(row.payload);
      const target = targets.get(id);
      const found = target ? source.spec.checkTarget?.(row.payload, target) : { column: source.spec.targetColumn, message: `no ${source.spec.targetColumn} ${id} on the server` };
      if (found) {
        remote.push({ line: row.line, column: found.column, message: found.message });
        bad.set(row.index, { line: row.line, message: `${found.column}: ${found.message}` });
      }
    }
  }
  problems.push(...remote);
  problems.sort((a, b) => a.line - b.line);
  return { fileHash: hash.hex ?? '', rows, valid: rows - bad.size, problems, bad, targets, fatal };
}
