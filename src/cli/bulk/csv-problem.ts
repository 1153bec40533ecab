import type { CsvError } from 'csv-parse';

/** Where the record being read when csv-parse stopped began: after the last good one and the blank lines since. */
export interface RecordStart {
  /** Line where the last record read ended (0 before any). */
  endLine: number;
  /** Blank lines skipped before that record ended. */
  emptyLines: number;
}

/**
 * A CSV syntax error as the user can act on it: the line, the column (by its header name once the
 * header is read) and the reason in the file's own terms, instead of csv-parse's wording.
 */
export function csvProblem(error: CsvError, header: string[] | undefined, previous: RecordStart, tooLong: string): { line: number; column?: string; message: string } {
  // Its context is spread onto the error: the line reached, the field's 0-based position, blank lines skipped.
  const { lines, column: position, empty_lines: emptyLines } = error;
  const column = typeof position === 'number' ? (header?.[position] ?? String(position + 1)) : undefined;
  const at = typeof lines === 'number' ? lines : previous.endLine + 1;
  // Errors found only at the end of a record are said where it began: a quoted field may span lines.
  const started = previous.endLine + 1 + (typeof emptyLines === 'number' ? Math.max(0, emptyLines - previous.emptyLines) : 0);
  const quote = 'a field with a quote (") must be all in quotes, its quotes doubled: "say ""hello"""';
  switch (error.code) {
    case 'INVALID_OPENING_QUOTE':
      return { line: at, ...(column ? { column } : {}), message: `is not valid CSV: a quote (") in the middle of a field; ${quote}` };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { line: at, ...(column ? { column } : {}), message: `is not valid CSV: text after the closing quote (") of a field; ${quote}` };
    case 'CSV_QUOTE_NOT_CLOSED':
      return { line: started, ...(column ? { column } : {}), message: `is not valid CSV: the quote (") that opens this field is never closed` };
    case 'CSV_MAX_RECORD_SIZE':
      return { line: started, message: `the row that starts here ${tooLong}` };
    default:
      return { line: at, ...(column ? { column } : {}), message: `is not valid CSV: ${error.message}` };
  }
}
