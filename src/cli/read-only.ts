import type { Command } from 'commander';
import { commandPath, effectOf } from './command-effects.js';
import { profileName, readProfile } from './config/profiles.js';
import { CliError } from './output/cli-error.js';
import { EXIT } from './output/exit-codes.js';

export interface ReadOnlyOptions {
  readOnly?: boolean;
  profile?: string;
}

/** Why this run may only read: --read-only, SUPPORT_READ_ONLY, or its profile; undefined when it may change things. */
export function readOnlyReason(globals: ReadOnlyOptions): string | undefined {
  if (globals.readOnly) return '--read-only';
  const env = process.env['SUPPORT_READ_ONLY'];
  if (env && env !== '0' && env !== 'false') return 'SUPPORT_READ_ONLY is set';
  const name = profileName(globals.profile);
  return readProfile(name)?.readOnly ? `profile ${name} is read-only` : undefined;
}

/**
 * Before a command that changes the desk runs in read-only mode: refused here, with nothing sent
 * (exit 4, not permitted). --dry-run only reads, so it stays allowed.
 */
export function refuseChangesWhenReadOnly(command: Command): void {
  if (effectOf(command) !== 'changes') return;
  const options = command.opts<{ dryRun?: boolean }>();
  if (options.dryRun) return;
  const reason = readOnlyReason(command.optsWithGlobals<ReadOnlyOptions>());
  if (!reason) return;
  const dryRun = command.options.some((o) => o.long === '--dry-run') ? '; --dry-run shows what it would do' : '';
  throw new CliError(`read-only mode (${reason}): \`support ${commandPath(command)}\` changes the desk, so it was not run; nothing was sent${dryRun}`, EXIT.auth);
}
