import { sql, type Kysely } from 'kysely';
import type { Database } from './tables.js';

/**
 * The board's record of resolutions (migration 013-desk): a row per resolve, marked when the
 * conversation is reopened, so that a day's resolutions and their reopen rate are counted from an
 * index and not from the audit log.
 */
export async function recordResolution(trx: Kysely<Database>, conversationId: number, at: number, dueAt: number | null): Promise<void> {
  await trx.insertInto('desk_resolutions').values({ conversation_id: conversationId, resolved_at: at, due_at: dueAt, reopened_at: null }).execute();
}

/** The conversation left "resolved" for work again (an agent reopened it, or the customer wrote). */
export async function recordReopen(trx: Kysely<Database>, conversationId: number, at: number): Promise<void> {
  await trx
    .updateTable('desk_resolutions')
    .set({ reopened_at: at })
    .where('conversation_id', '=', conversationId)
    .where('reopened_at', 'is', null)
    .execute();
}

/** Rows written in bulk (the demo desk): one resolution each for the conversations resolved or closed now. */
export async function recordBulkResolutions(trx: Kysely<Database>): Promise<void> {
  await sql`insert into desk_resolutions (conversation_id, resolved_at, due_at)
    select id, resolved_at, resolution_due_at from conversations where resolved_at is not null`.execute(trx);
}
