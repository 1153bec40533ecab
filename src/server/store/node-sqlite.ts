import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts Node's built-in node:sqlite to the better-sqlite3 shape that kysely's SqliteDialect expects,
 * so the embedded engine needs no native addon.
 */
class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #stmt: StatementSync;
  readonly #select: boolean;

  constructor(stmt: StatementSync, sql: string) {
    this.#stmt = stmt;
    // A statement returns rows when it has result columns: SELECT, and INSERT/UPDATE … RETURNING.
    this.reader = stmt.columns().length > 0;
    this.#select = /^\s*select\b/i.test(sql);
    // A write that returns rows has run by the time a too large value fails to read, so it cannot be
    // tried again: it always reads exactly.
    if (this.reader && !this.#select) stmt.setReadBigInts(true);
  }

  /**
   * node:sqlite refuses to read an integer past 2^53 as a number (ERR_OUT_OF_RANGE), failing the whole
   * query. Such a value (written by another system) is read again exactly, as a bigint, so that the
   * store reports which value it is (stored-range.ts) instead of failing without saying.
   */
  all(parameters: ReadonlyArray<unknown>): unknown[] {
    const values = toSqlite(parameters);
    if (!this.#select) return this.reader ? exactRows(this.#stmt.all(...values)) : this.#stmt.all(...values);
    try {
      return this.#stmt.all(...values);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ERR_OUT_OF_RANGE') throw error;
      this.#stmt.setReadBigInts(true);
      try {
        return exactRows(this.#stmt.all(...values));
      } finally {
        this.#stmt.setReadBigInts(false);
      }
    }
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#stmt.run(...toSqlite(parameters));
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#stmt.iterate(...toSqlite(parameters));
  }
}

/** Integers read as bigints back to numbers where a number holds them exactly; larger ones stay bigints. */
function exactRows(rows: unknown[]): unknown[] {
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    for (const [column, value] of Object.entries(record)) {
      if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE) record[column] = Number(value);
    }
  }
  return rows;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

function toSqlite(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((value) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value === undefined) return null;
    return value as SQLInputValue;
  });
}

export class NodeSqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;
  readonly #cache = new Map<string, NodeSqliteStatement>();

  constructor(file: string) {
    this.#db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: 5000 });
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = NORMAL');
    this.#db.exec('PRAGMA busy_timeout = 5000');
  }

  prepare(sql: string): SqliteStatement {
    // Prepared statements are reused: the server runs the same few dozen queries all day.
    let stmt = this.#cache.get(sql);
    if (!stmt) {
      stmt = new NodeSqliteStatement(this.#db.prepare(sql), sql);
      if (this.#cache.size > 500) this.#cache.clear();
      this.#cache.set(sql, stmt);
    }
    return stmt;
  }

  close(): void {
    this.#cache.clear();
    if (this.#db.isOpen) this.#db.close();
  }
}
