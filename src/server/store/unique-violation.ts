/**
 * True when the database refused a write because a unique constraint already holds that value: a
 * concurrent request inserted the same key first (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown };
  if (e.code === '23505') return true;
  // node:sqlite: errcode 2067 is SQLITE_CONSTRAINT_UNIQUE, 1555 SQLITE_CONSTRAINT_PRIMARYKEY.
  if (e.errcode === 2067 || e.errcode === 1555) return true;
  return typeof e.message === 'string' && e.message.startsWith('UNIQUE constraint failed');
}
