import { MACRO_ERROR_CODES } from '../../api/macros.js';
import { isApiError } from '../../client/errors.js';
import { CliError } from '../output/cli-error.js';
import { EXIT } from '../output/exit-codes.js';

/** What `macro render` takes for each variable the conversation could not fill by itself. */
const OPTION_FOR: Record<string, string> = {
  '{{transaction.id}}': 'pass --transaction <txn_id>',
  '{{account.id}}': 'pass --account <wal_id> (or --transaction <txn_id>)',
};

/**
 * A macro the conversation cannot fill, said once per variable in the CLI's words: the reason from
 * the server and the option that supplies the value (the server's own text names API parameters).
 * Anything else is left to the usual error report.
 */
export function unfillableMacroError(error: unknown): CliError | undefined {
  if (!isApiError(error) || error.code !== MACRO_ERROR_CODES.unfillableVariable) return undefined;
  const fields = error.problem?.errors ?? [];
  if (!fields.length) return undefined;
  const line = (f: { field: string; message: string }) => `${f.field}: ${f.message}${OPTION_FOR[f.field] ? `; ${OPTION_FOR[f.field]}` : ''}`;
  if (fields.length === 1) return new CliError(`cannot fill ${line(fields[0]!)}`, EXIT.failed);
  return new CliError(`cannot fill ${fields.map((f) => f.field).join(', ')}`, EXIT.failed, fields.map((f) => `  ${line(f)}`).join('\n'));
}
