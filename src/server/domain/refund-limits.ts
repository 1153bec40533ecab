import type { Kysely } from 'kysely';
import type { Currency } from '../../api/currencies.js';
import type { ApprovalReason, Role } from '../../api/enums.js';
import type { RefundAllowance, RefundLimit, UpdateRefundLimitsRequest } from '../../api/types.js';
import { lockLimit } from '../store/limit-locks.js';
import type { Database } from '../store/tables.js';
import { iso } from '../store/time.js';
import type { UnitOfWork } from './unit-of-work.js';

/** Limits count what an agent authorised in any 24 hours, not per calendar day: no reset at midnight. */
export const LIMIT_WINDOW_MS = 24 * 60 * 60 * 1000;

export async function listLimits(db: Kysely<Database>): Promise<RefundLimit[]> {
  const rows = await db
    .selectFrom('refund_limits')
    .leftJoin('agents', 'agents.id', 'refund_limits.updated_by')
    .selectAll('refund_limits')
    .select('agents.name as updater_name')
    .orderBy('refund_limits.role')
    .orderBy('refund_limits.currency')
    .execute();
  return rows.map((r) => {
    const currency = r.currency as Currency;
    return {
      role: r.role as Role,
      currency,
      perRefund: { amount: r.per_refund, currency },
      perDay: { amount: r.per_day, currency },
      updatedBy: r.updated_by ? { id: r.updated_by, name: r.updater_name ?? r.updated_by } : null,
      updatedAt: iso(r.updated_at),
    };
  });
}

/**
 * What an agent may still refund on their own authority in a currency: their role's limits, minus the
 * refunds they authorised (made within their limit, or approved) in the last 24 hours. No limit row
 * for the role and currency means no authority of their own: zero.
 */
export async function allowanceOf(db: Kysely<Database>, agentId: string, role: Role, currency: Currency, now: number): Promise<RefundAllowance> {
  const limit = await db.selectFrom('refund_limits').selectAll().where('role', '=', role).where('currency', '=', currency).executeTakeFirst();
  const used = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.sum<number | string>('amount').as('used'))
    .where('authorized_by', '=', agentId)
    .where('currency', '=', currency)
    .where('status', '=', 'succeeded')
    .where('authorized_at', '>', now - LIMIT_WINDOW_MS)
    .executeTakeFirst();
  const perRefund = limit?.per_refund ?? 0;
  const perDay = limit?.per_day ?? 0;
  const usedAmount = Number(used?.used ?? 0);
  return {
    currency,
    perRefund: { amount: perRefund, currency },
    perDay: { amount: perDay, currency },
    usedLast24h: { amount: usedAmount, currency },
    remainingLast24h: { amount: Math.max(0, perDay - usedAmount), currency },
  };
}

/**
 * Holds an agent's allowance in one currency until the transaction ends: whoever decides against it
 * (a refund made on their own authority, an approval) takes this first, so parallel requests of one
 * agent are decided one after another and the 24-hour sum never misses a refund still committing.
 * Other agents and other currencies are not held up.
 */
export async function lockAllowance(trx: Kysely<Database>, agentId: string, currency: string, now: number): Promise<void> {
  await lockLimit(trx, `refund-allowance:${agentId}:${currency}`, now);
}

/** Why `amount` is beyond the allowance, or null when it is within it. */
export function beyondAllowance(allowance: RefundAllowance, amount: number): ApprovalReason | null {
  if (amount > allowance.perRefund.amount) return 'per_refund_limit';
  if (allowance.usedLast24h.amount + amount > allowance.perDay.amount) return 'daily_limit';
  return null;
}

export async function allowancesOf(db: Kysely<Database>, agentId: string, role: Role, now: number): Promise<RefundAllowance[]> {
  const currencies = await db.selectFrom('refund_limits').select('currency').where('role', '=', role).orderBy('currency').execute();
  return Promise.all(currencies.map((c) => allowanceOf(db, agentId, role, c.currency as Currency, now)));
}

/** Sets the limit rows given (role and currency); the others stay. One audit entry per row. */
export async function setRefundLimits(uow: UnitOfWork, limits: UpdateRefundLimitsRequest['limits']): Promise<void> {
  const { trx, now, actor } = uow;
  for (const limit of limits) {
    const before = await trx.selectFrom('refund_limits').selectAll().where('role', '=', limit.role).where('currency', '=', limit.currency).executeTakeFirst();
    const values = { role: limit.role as Role, currency: limit.currency, per_refund: limit.perRefund, per_day: limit.perDay, updated_by: actor.id, updated_at: now };
    await trx
      .insertInto('refund_limits')
      .values(values)
      .onConflict((oc) => oc.columns(['role', 'currency']).doUpdateSet({ per_refund: limit.perRefund, per_day: limit.perDay, updated_by: actor.id, updated_at: now }))
      .execute();
    await uow.audit({
      targetId: `${limit.role}:${limit.currency}`,
      before: before ? { perRefund: before.per_refund, perDay: before.per_day } : null,
      after: { perRefund: limit.perRefund, perDay: limit.perDay },
    });
  }
}
