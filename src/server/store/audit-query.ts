import type { Kysely } from 'kysely';
import type { AuditOutcome } from '../../api/enums.js';
import type { AuditRecord } from '../../api/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Database } from './tables.js';
import { iso } from './time.js';

export interface AuditFilter {
  actorId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** An exact action, or `area.*` for every action of an area. */
  action?: string | undefined;
  outcome?: AuditOutcome | undefined;
  since?: number | undefined;
  until?: number | undefined;
}

const AUDIT_LIST = 'audit';

const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

/** The audit log newest first, keyset-paginated on id (ids grow with time). */
export async function listAudit(db: Kysely<Database>, filter: AuditFilter, limit: number, cursor: string | undefined) {
  let query = db.selectFrom('audit_log').leftJoin('agents', 'agents.id', 'audit_log.actor_id').selectAll('audit_log').select('agents.name as actor_name');
  if (filter.actorId) query = query.where('audit_log.actor_id', '=', filter.actorId);
  if (filter.targetType) query = query.where('audit_log.target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('audit_log.target_id', '=', filter.targetId);
  if (filter.outcome) query = query.where('audit_log.outcome', '=', filter.outcome);
  if (filter.since !== undefined) query = query.where('audit_log.at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('audit_log.at', '<', filter.until);
  if (filter.action?.endsWith('.*')) {
    // A prefix compared with substr, not LIKE: action names hold `_`, a LIKE wildcard.
    const prefix = filter.action.slice(0, -1);
    query = query.where((eb) => eb(eb.fn('substr', ['audit_log.action', eb.val(1), eb.val(prefix.length)]), '=', prefix));
  } else if (filter.action) {
    query = query.where('audit_log.action', '=', filter.action);
  }
  if (cursor) {
    const [beforeId] = decodeCursor(AUDIT_LIST, cursor, ['number']) as [number];
    query = query.where('audit_log.id', '<', beforeId);
  }
  const rows = await query.orderBy('audit_log.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const data: AuditRecord[] = page.map((r) => ({
    id: Number(r.id),
    at: iso(r.at),
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name, role: r.actor_role } : null,
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    before: parse(r.before),
    after: parse(r.after),
    reason: r.reason,
    requestId: r.request_id,
    idempotencyKey: r.idempotency_key,
    outcome: r.outcome as AuditOutcome,
  }));
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(AUDIT_LIST, [Number(last.id)]) : null };
}
