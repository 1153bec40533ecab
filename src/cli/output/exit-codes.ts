/** The exit codes every subcommand keeps (PRODUCT.md). */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  partial: 3,
  auth: 4,
  /** Stopped by Ctrl+C (128 + SIGINT), as shells expect. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const AUTH_CODES = new Set([
  'unauthenticated',
  'token_expired',
  'invalid_credentials',
  'forbidden',
  'not_logged_in',
  // The role may act, but not here: approving one's own refund, or above one's approval limit.
  'four_eyes_required',
  'approval_limit_exceeded',
  // Read-only mode: refused before it was sent.
  'read_only',
]);

/** Not logged in, wrong password, expired token or a role that may not: exit 4. */
export function exitCodeForApiCode(code: string): ExitCode {
  return AUTH_CODES.has(code) ? EXIT.auth : EXIT.failed;
}
