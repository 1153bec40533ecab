import { Kysely, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import type { Engine } from './engine.js';
import { migrationsFor } from './migrations/index.js';
import { NodeSqliteDatabase } from './node-sqlite.js';
import { OwnSchemaPostgresDialect } from './postgres-dialect.js';
import { StoredRangePlugin } from './stored-range.js';
import type { Database } from './tables.js';

export type StoreOptions =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** Set for PostgreSQL: the pool. */
  pool?: pg.Pool;
  /** Set for PostgreSQL: a new client outside the pool, same database and schema (the LISTEN connection). */
  newClient?: () => pg.Client;
  /** Set for PostgreSQL: the schema the tables live in. */
  schema?: string;
  close(): Promise<void>;
}

// int8 (bigint) columns hold epoch milliseconds and minor units, below 2^53: read them as numbers. A
// larger value (written by another system) is read exactly, as a bigint, never rounded: the store
// reports it (stored-range.ts).
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 && format !== 'binary') {
      return (value: string) => {
        const number = Number(value);
        return Number.isSafeInteger(number) ? number : BigInt(value);
      };
    }
    return pg.types.getTypeParser(oid, format);
  },
};

export async function openStore(options: StoreOptions): Promise<Store> {
  const store = options.engine === 'sqlite' ? openSqlite(options.file) : await openPostgres(options);
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqlite(file: string): Store {
  const database = new NodeSqliteDatabase(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), plugins: [new StoredRangePlugin()] });
  return { db, engine: 'sqlite', close: () => db.destroy() };
}

async function openPostgres(options: { url: string; schema?: string; poolSize?: number }): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  }
  const config = {
    connectionString: options.url,
    types: pgTypes,
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new pg.Pool({ ...config, max: options.poolSize ?? 10 });
  // An idle client that loses its connection must not crash the server; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }), plugins: [new StoredRangePlugin()] });
  if (schema) await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${schema}`).execute(db);
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return {
    db,
    engine: 'postgres',
    pool,
    newClient: () => new pg.Client(config),
    schema: current.rows[0]?.schema ?? 'public',
    close: () => db.destroy(),
  };
}

async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrationsFor(store.engine) },
    // Areas are built on parallel branches (002, 003…): a database that ran a later-numbered one first
    // still takes the others. Each migration only adds its own tables and columns, so order does not matter.
    allowUnorderedMigrations: true,
    // Without it kysely would take another schema's migration table for this one's.
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${message}`, { cause: error });
  }
}
