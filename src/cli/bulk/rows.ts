import { createHash } from 'node:crypto';
import type { ActionSpec, BulkAction, BulkContext } from './actions/index.js';
import { HeaderError, readRows, type FileFormat, type RowProblem } from './read-rows.js';

export interface ParsedRow {
  index: number;
  line: number;
  payload: unknown;
  /** The row as sent, in one canonical text: what duplicates and idempotency keys are made of. */
  canonical: string;
}

export interface RowSource {
  path: string;
  format: FileFormat;
  action: BulkAction;
  spec: ActionSpec<unknown>;
  context: BulkContext;
}

/**
 * The file's rows, checked without the server: each one that is fine is yielded with its payload,
 * each problem goes to `problem`. A header that does not fit the action stops the read (HeaderError
 * after its problems are reported).
 */
export async function* parsedRows(source: RowSource, hash: { hex?: string }, problem: (p: RowProblem) => void): AsyncGenerator<ParsedRow> {
  const { spec } = source;
  const known = new Set(spec.columns.map((c) => c.name));
  const columnList = spec.columns.map((c) => c.name).join(', ');
  const onHeader = (names: string[], line: number) => {
    for (const name of names) if (!known.has(name)) problem({ line, column: name, message: `is not a column of bulk ${source.action} (its columns: ${columnList})` });
    for (const column of spec.columns) if (column.required && !names.includes(column.name)) problem({ line, column: column.name, message: `is missing from the header (bulk ${source.action} needs: ${spec.columns.filter((c) => c.required).map((c) => c.name).join(', ')})` });
    const headerBad = names.some((n) => !known.has(n)) || spec.columns.some((c) => c.required && !names.includes(c.name));
    if (headerBad) throw new HeaderError(line, 'has the wrong header');
  };
  for await (const raw of readRows(source.path, source.format, hash, (p) => problem(p), onHeader)) {
    let bad = false;
    const rowProblem = (column: string, message: string) => {
      bad = true;
      problem({ line: raw.line, column, message, index: raw.index });
    };
    if (source.format === 'jsonl') for (const key of Object.keys(raw.fields)) if (!known.has(key)) rowProblem(key, `is not a column of bulk ${source.action} (its columns: ${columnList})`);
    const payload = spec.parse(raw.fields, rowProblem, source.context);
    if (bad || payload === undefined) continue;
    yield { index: raw.index, line: raw.line, payload, canonical: JSON.stringify(payload) };
  }
}

export const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The row's Idempotency-Key: the file's content, the action, the row's place and the row itself. The
 * same file run again (or resumed) sends the same key for the same row, so the server does it once.
 */
export function rowKey(fileHash: string, action: BulkAction, row: ParsedRow): string {
  return `bulk-${digest(`${fileHash}\n${action}\n${row.index}\n${row.canonical}`).slice(0, 59)}`;
}
