import type { Kysely } from 'kysely';

/**
 * One row per per-actor limit (an agent's refund allowance in one currency…), locked by the
 * transaction that decides against that limit (store/limit-locks.ts). Rows are created on first use and
 * hold no data of their own: the limit is still computed from the refunds, under the lock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('limit_locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('taken_at', 'bigint', (c) => c.notNull())
    .execute();
}
