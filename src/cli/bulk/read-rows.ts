import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse, type Info, type Options } from 'csv-parse';
import { csvProblem, type RecordStart } from './csv-problem.js';

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
  /** The column to blame, when one is (a header name, or its 1-based number before the header is read). */
  readonly column: string | undefined;
  constructor(line: number, message: string, column?: string) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

/**
 * The longest row a bulk file may hold, in bytes: a line, or a CSV record whose quoted fields span
 * lines. Every valid row fits: the longest field any action takes is a 20,000-character reply body,
 * at most 120,000 bytes even when a JSON writer escapes each character as \uXXXX (Python's default).
 * A longer row is a wrong file, and reading on would hold it whole in memory.
 */
const MAX_ROW_BYTES = 128 * 1024;
const MAX_ROW_TEXT = '128 KiB';
const tooLong = `is longer than ${MAX_ROW_TEXT} (${MAX_ROW_BYTES.toLocaleString('en-US')} bytes), more than any bulk row can need: is it the right file?`;

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
  // The bytes of the line read so far: never more than MAX_ROW_BYTES (and its CR LF), however long the line.
  let carry: Buffer[] = [];
  let carried = 0;
  let line = 0;
  const decode = (bytes: Buffer, at: number): string => {
    try {
      return decoder.decode(bytes);
    } catch {
      throw new BulkFileError(at, 'is not UTF-8 text: save the file as UTF-8 (Excel: "CSV UTF-8")');
    }
  };
  const whole = (last: Buffer) => {
    const bytes = carried ? Buffer.concat([...carry, last]) : last;
    carry = [];
    carried = 0;
    return bytes;
  };
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    digest.update(bytes);
    let start = 0;
    let newline = bytes.indexOf(10, start);
    while (newline !== -1) {
      line += 1;
      const beforeNewline = newline > start ? bytes[newline - 1] : carry.at(-1)?.at(-1);
      if (carried + newline - start - (beforeNewline === 13 ? 1 : 0) > MAX_ROW_BYTES) throw new BulkFileError(line, tooLong);
      yield { text: decode(whole(bytes.subarray(start, newline + 1)), line), line };
      start = newline + 1;
      newline = bytes.indexOf(10, start);
    }
    if (start < bytes.length) {
      carry.push(bytes.subarray(start));
      carried += bytes.length - start;
      // Said as soon as it is known, not at the end of a line that may never end.
      if (carried > MAX_ROW_BYTES + 1) throw new BulkFileError(line + 1, tooLong);
    }
  }
  if (carried) {
    line += 1;
    if (carried > MAX_ROW_BYTES) throw new BulkFileError(line, tooLong);
    yield { text: decode(whole(Buffer.alloc(0)), line), line };
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

/** A record as csv-parse gives it with info: true. */
interface InfoRow {
  record: string[];
  info: Info;
}

async function* csvRows(path: string, hash: { hex?: string }, problems: (p: RowProblem) => void, onHeader: (names: string[], line: number) => void): AsyncGenerator<RawRow> {
  // Kept as the parser reads, not as the loop below takes records: a CSV error discards the records
  // still buffered, and it is told by the header's column names and where its record began.
  let names: string[] | undefined;
  const previous: RecordStart = { endLine: 0, emptyLines: 0 };
  const options: Options<InfoRow> = {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_BYTES,
    on_record: (row) => {
      names ??= row.record.map((h) => h.trim());
      previous.endLine = row.info.lines;
      previous.emptyLines = row.info.empty_lines;
      return row;
    },
  };
  // csv-parse's types give records as string[] whatever the options; with info: true each is an InfoRow.
  const parser = parse(options as unknown as Options);
  // Lines go in as decoded text: the encoding check has already given each its number. pipeline()
  // ends both sides together: a CSV error stops the reading, a read error (encoding, a line too long)
  // reaches the loop below, and leaving the loop early closes the file.
  const lines = async function* () {
    for await (const { text } of decodedLines(path, hash)) yield text;
  };
  pipeline(Readable.from(lines()), parser, () => {});
  let header: string[] | undefined;
  let index = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<InfoRow>) {
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
    // Anything else (the file unreadable, say) is not the file's content to point at.
    if (!(error instanceof CsvError)) throw error;
    const found = csvProblem(error, names, previous, tooLong);
    throw new BulkFileError(found.line, found.message, found.column);
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
