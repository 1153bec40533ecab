import { MoneyError } from '../../api/money.js';
import { sanitize } from '../../api/text/sanitize.js';
import { isApiError } from '../../client/errors.js';
import { CliError } from './cli-error.js';
import { EXIT, exitCodeForApiCode, type ExitCode } from './exit-codes.js';

// A server's error message quotes names, emails and values an admin or a customer typed.
const line = (text: string) => sanitize(text, { multiline: false });

/** Prints a failure as one line on stderr (field errors indented below) and returns its exit code. */
export function reportError(error: unknown): ExitCode {
  if (error instanceof CliError) {
    process.stderr.write(`error: ${line(error.message)}\n${error.hint ? `${sanitize(error.hint)}\n` : ''}`);
    return error.exitCode;
  }
  if (isApiError(error)) {
    let text = `error: ${line(error.message)}`;
    if (error.code === 'token_expired' || error.code === 'unauthenticated') text += ' (run `support login`)';
    process.stderr.write(`${text}\n`);
    for (const fieldError of error.fieldErrors) process.stderr.write(`  ${line(fieldError)}\n`);
    return exitCodeForApiCode(String(error.code));
  }
  if (error instanceof MoneyError) {
    // An amount the server sent that no wallet can hold: the server's fault, said in one line.
    process.stderr.write(`error: the server sent an amount that cannot be right: ${line(error.message)}\n`);
    return EXIT.failed;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    process.stderr.write('cancelled\n');
    return EXIT.usage;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`error: unexpected failure: ${sanitize(message)}\n`);
  return EXIT.failed;
}
