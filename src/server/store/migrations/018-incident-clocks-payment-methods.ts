import { sql, type Kysely } from 'kysely';

/**
 * Issue 17's last criterion and setting:
 * - `transactions.payment_method`: how the customer paid (wallet_balance, card, qris, …); rows from
 *   before stay null, for nobody knows now;
 * - `incidents.pause_clocks`: while the incident is active, its linked conversations' response clocks
 *   do not run;
 * - `conversations.response_held_by`: the incident holding a conversation's response clocks, so that a
 *   status change (the customer writes again) does not resume them while the hold lasts;
 * - the board's response-clock indexes gain `response_held_by`: a held clock is not running, and the
 *   board still counts breached and at-risk clocks from the index alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('transactions').addColumn('payment_method', 'text').execute();
  await db.schema.alterTable('incidents').addColumn('pause_clocks', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('conversations').addColumn('response_held_by', 'integer', (c) => c.references('incidents.id')).execute();
  for (const clock of ['first_response', 'next_response']) {
    const due = `${clock}_due_at`;
    const started = `${clock}_started_at`;
    await db.schema.dropIndex(`conversations_desk_${clock}_due`).execute();
    await db.schema.dropIndex(`conversations_desk_${clock}_risk`).execute();
    await db.schema.createIndex(`conversations_desk_${clock}_due`).on('conversations').columns(['status', due, 'response_held_by']).execute();
    await sql.raw(`create index conversations_desk_${clock}_risk on conversations (status, (4 * ${due} + ${started}), ${due}, ${started}, response_held_by)`).execute(db);
  }
}
