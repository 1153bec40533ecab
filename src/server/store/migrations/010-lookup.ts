import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * What one lookup (GET /v1/search) needs to be an index hit on a large desk:
 * - `customers.phone_e164`: the phone as E.164, filled by the server from `phone` (store/customer-phones.ts
 *   backfills rows without it at start, after this migration and after seeding), indexed;
 * - `lower(email)`: emails are looked up case-insensitively;
 * - name fragments and message bodies: SQLite FTS5 with the trigram tokenizer (kept up to date by
 *   triggers), PostgreSQL pg_trgm GIN indexes for ILIKE; fragments under 3 characters use the name
 *   index for a prefix instead (a trigram needs 3);
 * - conversations an agent logs by phone record when the call started and ended, and its summary.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema.alterTable('customers').addColumn('phone_e164', 'text').execute();
  await db.schema.createIndex('customers_phone_e164').on('customers').column('phone_e164').execute();
  await db.schema.createIndex('customers_email_lower').on('customers').expression(sql`lower(email)`).execute();
  // PostgreSQL: text_pattern_ops, so that `lower(name) LIKE 'prefix%'` uses it whatever the database's collation.
  await db.schema.createIndex('customers_name_lower').on('customers').expression(engine === 'postgres' ? sql`lower(name) text_pattern_ops` : sql`lower(name)`).execute();

  await db.schema.alterTable('conversations').addColumn('call_started_at', 'bigint').execute();
  await db.schema.alterTable('conversations').addColumn('call_ended_at', 'bigint').execute();
  await db.schema.alterTable('conversations').addColumn('call_summary', 'text').execute();

  if (engine === 'sqlite') {
    await sql`create virtual table customer_names using fts5(name, content='customers', content_rowid='rowid', tokenize='trigram')`.execute(db);
    await sql`insert into customer_names(customer_names) values('rebuild')`.execute(db);
    await sql`create trigger customer_names_insert after insert on customers begin
      insert into customer_names(rowid, name) values (new.rowid, new.name); end`.execute(db);
    await sql`create trigger customer_names_delete after delete on customers begin
      insert into customer_names(customer_names, rowid, name) values ('delete', old.rowid, old.name); end`.execute(db);
    await sql`create trigger customer_names_update after update of name on customers begin
      insert into customer_names(customer_names, rowid, name) values ('delete', old.rowid, old.name);
      insert into customer_names(rowid, name) values (new.rowid, new.name); end`.execute(db);

    await sql`create virtual table message_text using fts5(body, content='messages', content_rowid='id', tokenize='trigram')`.execute(db);
    await sql`insert into message_text(message_text) values('rebuild')`.execute(db);
    await sql`create trigger message_text_insert after insert on messages begin
      insert into message_text(rowid, body) values (new.id, new.body); end`.execute(db);
    await sql`create trigger message_text_delete after delete on messages begin
      insert into message_text(message_text, rowid, body) values ('delete', old.id, old.body); end`.execute(db);
    await sql`create trigger message_text_update after update of body on messages begin
      insert into message_text(message_text, rowid, body) values ('delete', old.id, old.body);
      insert into message_text(rowid, body) values (new.id, new.body); end`.execute(db);
    return;
  }
  // The extension is one per database, shared by every schema (tests run one schema per server): it
  // lives in public, so dropping a server's schema never drops it from under another.
  const installed = await sql<{ n: number }>`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`.execute(db);
  if (!installed.rows[0]?.n) await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  const trgm = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  const ops = sql.raw(`${trgm.rows[0]?.schema ?? 'public'}.gin_trgm_ops`);
  await sql`create index customers_name_trgm on customers using gin (name ${ops})`.execute(db);
  await sql`create index messages_body_trgm on messages using gin (body ${ops})`.execute(db);
}
