/** The exit codes every subcommand keeps (PRODUCT.md). */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  partial: 3,
  auth: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const AUTH_CODES = new Set(['unauthenticated', 'token_expired', 'invalid_credentials', 'forbidden', 'not_logged_in']);
// Refused by the four-eyes rule (approving or reviewing your own work): not permitted either.
AUTH_CODES.add('four_eyes_required');

/** Not logged in, wrong password, expired token or a role that may not: exit 4. */
export function exitCodeForApiCode(code: string): ExitCode {
  return AUTH_CODES.has(code) ? EXIT.auth : EXIT.failed;
}
