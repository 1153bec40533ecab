import { sql, type RawBuilder } from 'kysely';

/** A LIKE pattern that finds `search` anywhere, case-insensitively, its own % and _ taken literally. */
export function containsPattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `lower(column) LIKE pattern ESCAPE '\'`. The ESCAPE is spelled out because SQLite has no default
 * escape character and PostgreSQL's is the backslash: with it, one pattern means the same on both.
 */
export function lowerLike(column: string, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
