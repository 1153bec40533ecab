import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { COMMIT_LOCK } from './commit-lock.js';

/**
 * PostgreSQL: event ids are handed out at commit, in commit order (why: store/events.ts).
 *
 * A deferred constraint trigger runs for each new event row when its transaction commits, after all
 * of the transaction's own work: it takes the schema's event lock and gives the row a fresh id from the
 * sequence. The lock is held only from there to the end of the commit, inside the database, with no
 * round trip to the application in between (an earlier version took it when the event was appended,
 * and every instance then queued behind one transaction's remaining statements: 27 of 30 connections
 * waiting under load). The id taken at insert is dropped, a gap nobody waits for.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`
    create function events_commit_order() returns trigger language plpgsql as $$
    begin
      ${sql.raw(COMMIT_LOCK)};
      update events set id = nextval(pg_get_serial_sequence('events', 'id')) where id = new.id;
      return null;
    end
    $$`.execute(db);
  await sql`
    create constraint trigger events_commit_order after insert on events
    deferrable initially deferred for each row execute function events_commit_order()`.execute(db);
}
