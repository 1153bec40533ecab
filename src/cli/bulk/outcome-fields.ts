/** The columns of a row's outcome, in the --report file and bulk's --json lines. */
export const OUTCOME_COLUMNS = ['line', 'row', 'outcome', 'code', 'message', 'id'] as const;

/** The fields of bulk's --json lines: a row's outcome, or with --dry-run its preview. */
export const BULK_JSON_FIELDS: readonly string[] = [...OUTCOME_COLUMNS, 'dryRun', 'preview'];
