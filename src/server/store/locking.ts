import type { SelectQueryBuilder } from 'kysely';
import type { Engine } from './engine.js';

/**
 * Locks the selected rows until the transaction ends. PostgreSQL needs FOR UPDATE; SQLite has a single
 * writer and its transactions already serialise, and it has no such clause.
 */
export function forUpdate<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, engine: Engine) {
  return engine === 'postgres' ? query.forUpdate() : query;
}

/**
 * Locks the selected rows, skipping rows another transaction holds: concurrent workers each get a
 * different row instead of queueing on the same one (PostgreSQL FOR UPDATE SKIP LOCKED). SQLite's
 * single writer already hands out rows one transaction at a time.
 */
export function forUpdateSkipLocked<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, engine: Engine) {
  return engine === 'postgres' ? query.forUpdate().skipLocked() : query;
}
