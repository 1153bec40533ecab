import { ProblemError } from './problem-error.js';

type Key = (string | number)[];

/**
 * Opaque keyset cursors: the sort key of the last row of a page, tagged with the list it belongs to so
 * that a cursor of one list is refused by another.
 */
export function encodeCursor(list: string, key: Key): string {
  return Buffer.from(JSON.stringify([list, ...key])).toString('base64url');
}

// A forged cursor's key reaches a query: a NUL would fail there (PostgreSQL text cannot hold it).
const validKeyPart = (part: unknown) => (typeof part === 'number' ? Number.isSafeInteger(part) : typeof part === 'string' && !part.includes('\u0000'));

export function decodeCursor(list: string, cursor: string, shape: ('number' | 'string')[]): Key {
  let parsed: unknown;
  try {
    // Buffer skips characters outside base64url: "a\u0000b" would decode as "ab" does.
    parsed = /^[A-Za-z0-9_-]+$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== list ||
    parsed.length !== shape.length + 1 ||
    !shape.every((type, i) => typeof parsed[i + 1] === type && validKeyPart(parsed[i + 1]))
  ) {
    throw new ProblemError('bad_cursor', 'the cursor is not one this list gave out; start again without it');
  }
  return parsed.slice(1) as Key;
}
