import type { Kysely } from 'kysely';
import type { ConversationSummary } from '../../api/types.js';
import { loadVersions } from './calendars.js';
import { notFound } from './problem-error.js';
import { calendarVersionsOf, findSummary, toSummary } from './conversations.js';
import type { Engine } from './engine.js';
import { forUpdate } from './locking.js';
import type { Database } from './tables.js';

/** The conversation's row, locked until the transaction ends (PostgreSQL), or 404. */
export async function lockConversation(db: Kysely<Database>, engine: Engine, id: number) {
  const row = await forUpdate(db.selectFrom('conversations').selectAll().where('id', '=', id), engine).executeTakeFirst();
  if (!row) throw notFound(`conversation ${id}`);
  return row;
}

export type ConversationRow = Awaited<ReturnType<typeof lockConversation>>;

/** The API view of a conversation as the transaction sees it now. */
export async function summaryOf(db: Kysely<Database>, id: number, now: number): Promise<ConversationSummary> {
  const row = await findSummary(db, id);
  if (!row) throw notFound(`conversation ${id}`);
  await loadVersions(db, calendarVersionsOf([row]));
  return toSummary(row, now);
}
