import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * PostgreSQL: claim-next reads the open, unassigned conversations in queue order. Its planner took the
 * (status, due_at…) index and skipped the assigned ones row by row: 2.5 ms per claim once 3,000 were
 * assigned, growing with every claim for as long as they stay open. (`assignee_id IS NULL` cannot
 * order the (status, assignee_id, due_at…) index for it.) The same order over only the unassigned rows
 * costs 0.05 ms whatever has been claimed; the query says `assignee_id is null` literally, so the
 * planner matches the predicate, and the smaller index wins.
 * SQLite keeps its plan (002-workflow, 005-queue-order).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`create index conversations_claim_order on conversations (status, due_at, priority_rank, created_at, id) where assignee_id is null`.execute(db);
}
