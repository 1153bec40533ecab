import { EXIT, type ExitCode } from './exit-codes.js';

/** A failure the CLI reports as one line on stderr and an exit code; no stack trace. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  constructor(message: string, exitCode: ExitCode = EXIT.failed, hint?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);
