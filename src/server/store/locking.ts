import type { SelectQueryBuilder } from 'kysely';
import type { Engine } from './engine.js';

/**
 * Locks the selected rows until the transaction ends. PostgreSQL needs FOR UPDATE; SQLite has a single
 * writer and its transactions already serialise, and it has no such clause.
 */
export function forUpdate<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, engine: Engine) {
  return engine === 'postgres' ? query.forUpdate() : query;
}
