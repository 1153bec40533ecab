/** What csv-parse's CsvError carries about where it stopped (its context is spread onto the error). */
export interface CsvErrorContext {
  code?: string;
  message: string;
  /** The line csv-parse had reached. */
  lines?: number;
  /** 0-based position of the field in its record. */
  column?: number | string | null;
  /** Blank lines skipped so far (skip_empty_lines). */
  empty_lines?: number;
}

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
export function csvProblem(error: CsvErrorContext, header: string[] | undefined, previous: RecordStart, tooLong: string): { line: number; column?: string; message: string } {
  const index = typeof error.column === 'number' ? error.column : undefined;
  const column = index === undefined ? undefined : (header?.[index] ?? String(index + 1));
  const at = error.lines ?? previous.endLine + 1;
  // Errors found only at the end of a record are said where it began: a quoted field may span lines.
  const started = previous.endLine + 1 + Math.max(0, (error.empty_lines ?? previous.emptyLines) - previous.emptyLines);
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
