/**
 * True when a statement failed on a UNIQUE constraint or index: the database's last word on a race that
 * the code's own check lost (two creations at once). PostgreSQL reports SQLSTATE 23505; node:sqlite
 * reports SQLITE_CONSTRAINT_UNIQUE (2067).
 */
export function isUniqueViolation(error: unknown, constraintHint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown; constraint?: unknown };
  const unique = e.code === '23505' || e.errcode === 2067;
  if (!unique || !constraintHint) return unique;
  return `${String(e.constraint ?? '')} ${String(e.message ?? '')}`.includes(constraintHint);
}
