import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/** One data row of a bulk file: its fields by column name, where it is, and which row it is. */
export interface RawRow {
  /** 0-based position among the data rows (the header is not a row): part of the row's idempotency key. */
  index: number;
  /** 1-based line of the file where the row starts. */
  line: number;
  fields: Record<string, string>;
}

/** A problem with the file itself or one row: a line, a column when one is to blame, and why. */
export interface RowProblem {
  line: number;
  /** The row's index, when the problem is a row's. */
  index?: number;
  column?: string;
  message: string;
}

export type FileFormat = 'csv' | 'jsonl';

export class BulkFileError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/** The header does not fit the action: its problems are reported one by one, this only stops the read. */
export class HeaderError extends BulkFileError {}

export function formatOf(path: string, firstBytes?: string): FileFormat {
  if (/\.jsonl?$|\.ndjson$/i.test(path)) return 'jsonl';
  if (/\.csv$/i.test(path)) return 'csv';
  return firstBytes !== undefined && firstBytes.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/**
 * The file's lines, decoded as strict UTF-8 one line at a time, so that a bad byte is reported with
 * its line number. A newline byte never occurs inside a multi-byte UTF-8 sequence, so splitting the
 * bytes on it first is safe. The sha256 of the bytes is ready in `hash` once the lines are read.
 */
export async function* decodedLines(path: string, hash: { hex?: string }): AsyncGenerator<{ text: string; line: number }> {
  const digest = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry: Buffer = Buffer.alloc(0);
  let line = 0;
  const decode = (bytes: Buffer, at: number): string => {
    try {
      return decoder.decode(bytes);
    } catch {
      throw new BulkFileError(at, 'is not UTF-8 text: save the file as UTF-8 (Excel: "CSV UTF-8")');
    }
  };
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    digest.update(bytes);
    let start = 0;
    let newline = bytes.indexOf(10, start);
    while (newline !== -1) {
      const piece = bytes.subarray(start, newline + 1);
      const whole = carry.length ? Buffer.concat([carry, piece]) : piece;
      carry = Buffer.alloc(0);
      line += 1;
      yield { text: decode(whole, line), line };
      start = newline + 1;
      newline = bytes.indexOf(10, start);
    }
    if (start < bytes.length) carry = Buffer.concat([carry, bytes.subarray(start)]);
  }
  if (carry.length) {
    line += 1;
    yield { text: decode(carry, line), line };
  }
  hash.hex = digest.digest('hex');
}

function jsonField(value: unknown): string | undefined | null {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

async function* jsonlRows(path: string, hash: { hex?: string }, problems: (p: RowProblem) => void): AsyncGenerator<RawRow> {
  let index = 0;
  for await (const { text, line } of decodedLines(path, hash)) {
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems({ line, index, message: `is not JSON (${(error as Error).message})` });
      index += 1;
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems({ line, index, message: 'must be one JSON object' });
      index += 1;
      continue;
    }
    const fields: Record<string, string> = {};
    let bad = false;
    for (const [key, raw] of Object.entries(value)) {
      const field = jsonField(raw);
      if (field === null) {
        problems({ line, index, column: key, message: 'must be text or a number' });
        bad = true;
      } else if (field !== undefined) fields[key] = field;
    }
    if (!bad) yield { index, line, fields };
    index += 1;
  }
}

async function* csvRows(path: string, hash: { hex?: string }, problems: (p: RowProblem) => void, onHeader: (names: string[], line: number) => void): AsyncGenerator<RawRow> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  // Lines go in as decoded text: the encoding check above has already given each its number.
  const feeding = (async () => {
    try {
      for await (const { text } of decodedLines(path, hash)) {
        if (!parser.write(text)) await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let header: string[] | undefined;
  let index = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // csv-parse counts the line where the record ends; a quoted field may span several.
      const embedded = record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
      const line = info.lines - embedded;
      if (!header) {
        header = record.map((h) => h.trim());
        const seen = new Set<string>();
        for (const name of header) {
          if (seen.has(name)) throw new BulkFileError(line, `the header names column "${name}" twice`);
          seen.add(name);
        }
        onHeader(header, line);
        continue;
      }
      if (record.length !== header.length) {
        problems({ line, index, message: `has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${header.length}` });
      } else {
        const fields: Record<string, string> = {};
        header.forEach((name, i) => {
          if (record[i] !== '') fields[name] = record[i]!;
        });
        yield { index, line, fields };
      }
      index += 1;
    }
  } catch (error) {
    if (error instanceof BulkFileError) throw error;
    const csvLine = (error as { lines?: number }).lines;
    throw new BulkFileError(csvLine ?? 0, `is not valid CSV: ${(error as Error).message.replace(/^Invalid Record Length: |^Quote Not Closed: /, '')}`);
  } finally {
    await feeding;
  }
  if (!header) throw new BulkFileError(1, 'is empty: the first line must be the header row');
}

/**
 * Streams the data rows of a CSV (header row first) or JSONL file. Rows that cannot be read as rows
 * go to `problems` and keep their index; a broken file throws BulkFileError.
 */
export function readRows(
  path: string,
  format: FileFormat,
  hash: { hex?: string },
  problems: (p: RowProblem) => void,
  onHeader: (names: string[], line: number) => void = () => {},
): AsyncGenerator<RawRow> {
  return format === 'jsonl' ? jsonlRows(path, hash, problems) : csvRows(path, hash, problems, onHeader);
}
