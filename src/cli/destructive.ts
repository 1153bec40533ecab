import { InvalidArgumentError } from 'commander';
import { isApiError } from '../client/errors.js';
import { CliError, usageError } from './output/cli-error.js';
import { EXIT } from './output/exit-codes.js';
import { stdinIsTty } from './output/terminal.js';

/**
 * What every command that moves money or changes an account shares: `--yes`, `--dry-run` and
 * `--idempotency-key`, the typed confirmation on a terminal, and the hint to retry with the same key
 * when the answer was lost.
 */
export interface DestructiveOptions {
  yes?: boolean;
  dryRun?: boolean;
  idempotencyKey?: string;
  json?: boolean;
}

export function idempotencyKeyOption(value: string): string {
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) throw new InvalidArgumentError('must be 1 to 255 visible ASCII characters (a UUID works).');
  return value;
}

/** Refuses before anything is sent: without a terminal to ask on, only --yes confirms. */
export function requireConfirmationMeans(options: DestructiveOptions, what: string, { hasDryRun = true } = {}): void {
  if (options.dryRun || options.yes || stdinIsTty()) return;
  const dryRun = hasDryRun ? '; --dry-run shows what would happen' : '';
  throw usageError(`${what} needs confirmation: pass --yes when not running in a terminal (nothing was changed${dryRun})`);
}

export interface TypedConfirmation {
  /** What the person is about to do, one line. */
  message: string;
  /** The text they must type, such as the account id. */
  expected: string;
  /** Accepts other spellings of the same thing (5000000 for 5,000,000). */
  matches?: (typed: string) => boolean;
  /** Streams, for tests; the prompt writes to stderr so that stdout stays clean. */
  context?: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream };
}

/** On a terminal, asks the person to type `expected`; with --yes, asks nothing. Ctrl+C cancels (exit 2). */
export async function confirmTyped(options: DestructiveOptions, confirmation: TypedConfirmation): Promise<void> {
  if (options.yes) return;
  const { input } = await import('@inquirer/prompts');
  const matches = confirmation.matches ?? ((typed: string) => typed.trim() === confirmation.expected);
  await input(
    {
      message: `${confirmation.message}\n  Type ${confirmation.expected} to confirm (Ctrl+C cancels):`,
      validate: (typed) => matches(typed) || `that is not ${confirmation.expected}; type it exactly, or press Ctrl+C to cancel`,
    },
    { output: process.stderr, ...confirmation.context },
  );
}

/**
 * Runs the request; when its answer never arrived (network error, timeout), says that the outcome is
 * unknown and how to find out safely: the same command with the same key replays or finishes it.
 */
export async function withKeyHint<T>(key: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isApiError(error) && (error.isNetwork || error.status >= 500)) {
      throw new CliError(
        `${error.message}`,
        EXIT.failed,
        `the outcome is unknown: run the same command again with --idempotency-key ${key}; it is done at most once`,
      );
    }
    if (isApiError(error) && error.code === 'idempotency_key_in_use') {
      throw new CliError(error.message, EXIT.failed, `run the same command again with --idempotency-key ${key} in a moment`);
    }
    throw error;
  }
}
