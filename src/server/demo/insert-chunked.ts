import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../store/tables.js';

/** Rows in statements of 400: within SQLite's and PostgreSQL's limits on bound parameters. */
export async function insertChunked<T extends keyof Database>(db: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    // kysely's insert types are generic over the table; the rows were built for this table.
    await db.insertInto(table).values(rows.slice(i, i + 400) as never).execute();
  }
}
