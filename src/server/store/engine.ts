import type { CreateTableBuilder } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** An auto-incrementing integer primary key `id`, spelled the way each engine wants it. */
export function autoIncrementId<T extends string>(
  table: CreateTableBuilder<T, never>,
  engine: Engine,
  size: 'integer' | 'bigint',
): CreateTableBuilder<T, 'id'> {
  if (engine === 'sqlite') {
    return table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  }
  return table.addColumn('id', size === 'bigint' ? 'bigserial' : 'serial', (c) => c.primaryKey());
}
