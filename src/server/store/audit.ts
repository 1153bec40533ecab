import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

export interface AuditEntry {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
  idempotencyKey?: string | null;
  outcome: 'succeeded' | 'failed' | 'denied';
}

/** Appends one record. Call it inside the transaction of the change, so both land or neither does. */
export async function recordAudit(db: Kysely<Database>, at: number, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at,
      actor_id: entry.actorId,
      actor_role: entry.actorRole,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      reason: entry.reason ?? null,
      request_id: entry.requestId ?? null,
      idempotency_key: entry.idempotencyKey ?? null,
      outcome: entry.outcome,
    })
    .execute();
}
