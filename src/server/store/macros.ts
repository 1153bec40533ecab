import type { Kysely } from 'kysely';
import type { Category, Language } from '../../api/enums.js';
import { LANGUAGES } from '../../api/enums.js';
import { variablesOf } from '../../api/macros.js';
import type { Macro } from '../../api/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { containsPattern, lowerLike } from './like.js';
import type { Database, MacrosTable } from './tables.js';
import { iso } from './time.js';

export type MacroBodies = Macro['bodies'];

export function bodiesOf(row: Pick<MacrosTable, 'bodies'>): MacroBodies {
  return JSON.parse(row.bodies) as MacroBodies;
}

/** Stored with the languages in a fixed order (en, zh, id), so that the JSON text is the same for the same texts. */
export function storedBodies(bodies: Partial<Record<Language, string | null | undefined>>): string {
  const out: Partial<Record<Language, string>> = {};
  for (const language of LANGUAGES) {
    const text = bodies[language];
    if (typeof text === 'string') out[language] = text;
  }
  return JSON.stringify(out);
}

export function toMacro(row: MacrosTable): Macro {
  const bodies = bodiesOf(row);
  const languages = LANGUAGES.filter((l) => typeof bodies[l] === 'string');
  return {
    id: row.id,
    name: row.name,
    shortcut: row.shortcut,
    category: row.category as Category | null,
    languages,
    bodies,
    variables: [...new Set(languages.flatMap((l) => variablesOf(bodies[l]!)))],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A macro by id (mac_…) or by shortcut; shortcuts have no "_", so the two never collide. */
export async function findMacro(db: Kysely<Database>, ref: string) {
  const column = ref.startsWith('mac_') ? 'id' : 'shortcut';
  return db.selectFrom('macros').selectAll().where(column, '=', ref).executeTakeFirst();
}

export interface MacroFilter {
  category?: Category | undefined;
  language?: Language | undefined;
  search?: string | undefined;
}

const MACRO_LIST = 'macros';

/** Macros in shortcut order, keyset-paginated on the (unique) shortcut. */
export async function listMacros(db: Kysely<Database>, filter: MacroFilter, limit: number, cursor: string | undefined) {
  let query = db.selectFrom('macros').selectAll();
  if (filter.category) query = query.where('category', '=', filter.category);
  // Keys of the stored JSON object: a quote inside a text is stored escaped (\"), so `"zh":` only ever
  // matches the key itself.
  if (filter.language) query = query.where('bodies', 'like', `%"${filter.language}":%`);
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    query = query.where((eb) => eb.or([lowerLike('name', pattern), lowerLike('shortcut', pattern)]));
  }
  if (cursor) {
    const [after] = decodeCursor(MACRO_LIST, cursor, ['string']) as string[];
    query = query.where('shortcut', '>', after!);
  }
  const rows = await query.orderBy('shortcut').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(MACRO_LIST, [last.shortcut]) : null };
}
