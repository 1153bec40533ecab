import type { Transaction } from 'kysely';
import type { ServerContext } from '../context.js';
import type { Database } from '../store/tables.js';

/**
 * Runs a change in one transaction, then tells the event bus that rows were committed, so that live
 * streams get the events the change appended without waiting for the poll.
 */
export async function inTransaction<T>(ctx: ServerContext, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction().execute(work);
  ctx.bus.notify();
  return result;
}
