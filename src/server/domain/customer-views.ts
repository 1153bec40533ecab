import type { AuthenticatedAgent, ServerContext } from '../context.js';
import { recordAudit } from '../store/audit.js';

/**
 * Every opening of a customer's details (their whole phone and email) is recorded: who, and when,
 * with no reason asked. Supervisors read them in the audit log
 * (GET /v1/audit?action=customer.view&targetType=customer&targetId=cus_…).
 */
export async function recordCustomerView(ctx: ServerContext, agent: AuthenticatedAgent, customerId: string, requestId: string): Promise<void> {
  await recordAudit(ctx.db, ctx.now(), {
    actorId: agent.id,
    actorRole: agent.role,
    action: 'customer.view',
    targetType: 'customer',
    targetId: customerId,
    requestId,
    outcome: 'succeeded',
  });
}
