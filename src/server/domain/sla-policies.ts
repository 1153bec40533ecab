import type { Priority, SlaClockMode } from '../../api/enums.js';
import type { SlaPolicy } from '../../api/types.js';
import { ProblemError, unprocessable } from './errors.js';
import { forUpdate } from '../store/locking.js';
import { listPolicies } from '../store/sla-policies.js';
import type { SlaTargets } from './sla.js';
import type { UnitOfWork } from './unit-of-work.js';

export type PolicyInput = SlaTargets & { priority: Priority; clock?: SlaClockMode | undefined };

/**
 * Sets the targets of the priorities given (the others keep theirs). Clocks already running keep the
 * due time they started with; new clocks, and conversations whose priority changes, use the new targets.
 */
export async function setPolicies(uow: UnitOfWork, policies: PolicyInput[]): Promise<SlaPolicy[]> {
  const { trx, ctx, actor, now } = uow;
  const seen = new Set<string>();
  for (const [i, p] of policies.entries()) {
    if (seen.has(p.priority)) {
      throw new ProblemError('validation_failed', `priority ${p.priority} is given twice`, { errors: [{ field: `policies.${i}.priority`, message: 'is given twice' }] });
    }
    seen.add(p.priority);
    if (p.firstResponseMs > p.resolutionMs || p.nextResponseMs > p.resolutionMs) {
      throw unprocessable('sla_inconsistent', `${p.priority}: the response targets must not be longer than the resolution target`);
    }
  }
  for (const p of policies) {
    const before = await forUpdate(trx.selectFrom('sla_policies').selectAll().where('priority', '=', p.priority), ctx.engine).executeTakeFirst();
    const clock = p.clock ?? (before?.clock as SlaClockMode | undefined) ?? 'calendar';
    const values = { first_response_ms: p.firstResponseMs, next_response_ms: p.nextResponseMs, resolution_ms: p.resolutionMs, clock, updated_at: now, updated_by: actor.id };
    if (before) await trx.updateTable('sla_policies').set(values).where('priority', '=', p.priority).execute();
    else await trx.insertInto('sla_policies').values({ priority: p.priority, ...values }).execute();
    await uow.audit({
      action: 'sla_policy.update',
      targetType: 'sla_policy',
      targetId: p.priority,
      before: before ? { firstResponseMs: before.first_response_ms, nextResponseMs: before.next_response_ms, resolutionMs: before.resolution_ms, clock: before.clock } : null,
      after: { firstResponseMs: p.firstResponseMs, nextResponseMs: p.nextResponseMs, resolutionMs: p.resolutionMs, clock },
    });
  }
  return listPolicies(trx);
}
