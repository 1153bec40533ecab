import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../config/paths.js';
import type { BulkAction } from './actions/index.js';

/** A row's final outcome, as the report and --json show it. */
export interface RowOutcome {
  row: number;
  line: number;
  outcome: 'ok' | 'skipped' | 'failed';
  code: string | null;
  message: string | null;
  id: string | null;
}

export function statePath(action: BulkAction, fileHash: string): string {
  return join(dataDir(), 'bulk', `${action}-${fileHash.slice(0, 32)}.state.jsonl`);
}

/**
 * The resume state of one file and action: an append-only log of finished rows, one JSON line each,
 * written with a plain write() as each row finishes, so that a kill -9 loses at most the rows still
 * in flight. Those have no line and are sent again, with the same key: the server answers them once.
 */
export class ResumeState {
  readonly path: string;
  /** Rows finished by earlier runs (--resume); rows of this run go to the file only, so memory stays flat. */
  readonly done = new Map<number, RowOutcome>();
  #fd: number | undefined;

  constructor(action: BulkAction, fileHash: string, resume: boolean) {
    this.path = statePath(action, fileHash);
    if (resume && existsSync(this.path)) {
      for (const text of readFileSync(this.path, 'utf8').split('\n')) {
        if (!text) continue;
        try {
          const outcome = JSON.parse(text) as RowOutcome;
          this.done.set(outcome.row, outcome);
        } catch {
          // The last line of a killed run may be cut short: that row counts as not finished.
        }
      }
    }
    mkdirSync(join(dataDir(), 'bulk'), { recursive: true });
    this.#fd = openSync(this.path, resume ? 'a' : 'w', 0o600);
  }

  record(outcome: RowOutcome): void {
    if (this.#fd !== undefined) writeSync(this.#fd, `${JSON.stringify(outcome)}\n`);
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}
