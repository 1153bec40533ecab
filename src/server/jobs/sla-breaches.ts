import type { ExpressionBuilder } from 'kysely';
import type { SlaClock } from '../../api/enums.js';
import type { ServerContext } from '../context.js';
import { runningClocks } from '../domain/sla.js';
import { SYSTEM_SCOPE } from '../domain/actor.js';
import { runUnitOfWork } from '../domain/unit-of-work.js';
import { summaryOf } from '../store/conversation-rows.js';
import type { Database } from '../store/tables.js';
import { iso } from '../store/time.js';

type Columns = 'first_response_due_at' | 'next_response_due_at' | 'resolution_due_at';

// Response clocks an incident holds (response_held_by) do not run: they cannot breach while held.
const CLOCKS: { clock: SlaClock; column: Columns; statuses: string[]; holdable: boolean }[] = [
  { clock: 'first_response', column: 'first_response_due_at', statuses: ['open'], holdable: true },
  { clock: 'next_response', column: 'next_response_due_at', statuses: ['open'], holdable: true },
  { clock: 'resolution', column: 'resolution_due_at', statuses: ['open', 'pending'], holdable: false },
];

/**
 * Announces every SLA clock that reached its due time and was not announced yet: one sla_breaches row
 * and one `sla.breached` event per (conversation, clock, due time). The unique row makes "once" hold
 * across sweeps and across server instances.
 */
export async function announceBreaches(ctx: ServerContext, batch = 200): Promise<number> {
  const now = ctx.now();
  const unannounced = (eb: ExpressionBuilder<Database, 'conversations'>) =>
    eb.or(
      CLOCKS.map(({ clock, column, statuses, holdable }) =>
        eb.and([
          eb('conversations.status', 'in', statuses),
          ...(holdable ? [eb('conversations.response_held_by', 'is', null)] : []),
          eb(`conversations.${column}`, '<=', now),
          eb.not(
            eb.exists(
              eb
                .selectFrom('sla_breaches')
                .select('sla_breaches.id')
                .whereRef('sla_breaches.conversation_id', '=', 'conversations.id')
                .where('sla_breaches.clock', '=', clock)
                .whereRef('sla_breaches.due_at', '=', `conversations.${column}`),
            ),
          ),
        ]),
      ),
    );
  const candidates = await ctx.db
    .selectFrom('conversations')
    .selectAll()
    .where('status', 'in', ['open', 'pending'])
    .where('due_at', '<=', now)
    .where(unannounced)
    .orderBy('due_at')
    .limit(batch)
    .execute();

  let announced = 0;
  for (const conversation of candidates) {
    for (const running of runningClocks(conversation)) {
      if (running.dueAt > now) continue;
      await runUnitOfWork(ctx, SYSTEM_SCOPE, async ({ trx, emit }) => {
        const inserted = await trx
          .insertInto('sla_breaches')
          .values({ conversation_id: conversation.id, clock: running.clock, due_at: running.dueAt, detected_at: now })
          .onConflict((oc) => oc.columns(['conversation_id', 'clock', 'due_at']).doNothing())
          .returning('id')
          .execute();
        if (inserted.length === 0) return;
        announced++;
        await emit({
          type: 'sla.breached',
          conversationId: conversation.id,
          payload: { conversation: await summaryOf(trx, conversation.id, now), clock: running.clock, dueAt: iso(running.dueAt) },
        });
      });
    }
  }
  return announced;
}
