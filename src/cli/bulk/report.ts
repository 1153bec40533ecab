import { createWriteStream, type WriteStream } from 'node:fs';
import { stringify, type Stringifier } from 'csv-stringify';
import { spreadsheetText } from '../output/spreadsheet-cell.js';
import { jsonLine } from '../output/terminal.js';
import { OUTCOME_COLUMNS } from './outcome-fields.js';
import type { RowOutcome } from './state.js';

const COLUMNS = OUTCOME_COLUMNS;

/**
 * --report FILE: every row's outcome, streamed as rows finish; CSV or JSONL by the file's name. The
 * CSV is for spreadsheets: its text cells (codes, messages and ids, which carry the server's and the
 * file's text) cannot start a formula. line and row are the CLI's own numbers and stay numbers. The
 * JSONL is for programs and says every value exactly.
 */
export class ReportWriter {
  readonly #out: WriteStream;
  readonly #csv: Stringifier | undefined;

  constructor(path: string) {
    this.#out = createWriteStream(path, { encoding: 'utf8' });
    if (!/\.jsonl$|\.ndjson$/i.test(path)) {
      this.#csv = stringify({ header: true, columns: [...COLUMNS], cast: { string: spreadsheetText } });
      this.#csv.pipe(this.#out);
    }
  }

  write(outcome: RowOutcome): void {
    const row = outcomeRecord(outcome);
    if (this.#csv) this.#csv.write(row);
    else this.#out.write(jsonLine(row));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#out.once('finish', resolve);
      this.#out.once('error', reject);
      if (this.#csv) this.#csv.end();
      else this.#out.end();
    });
  }
}

/** What a row's outcome says, in the report and (--json) on stdout, in the order rows finish. */
export function outcomeRecord(outcome: RowOutcome): Record<(typeof COLUMNS)[number], unknown> {
  return { line: outcome.line, row: outcome.row, outcome: outcome.outcome, code: outcome.code, message: outcome.message, id: outcome.id };
}
