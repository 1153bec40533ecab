import type { ConversationSummary } from '../../api/types.js';
import { conflict, notFound } from './errors.js';
import { summaryOf } from '../store/conversation-rows.js';
import { forUpdate, forUpdateSkipLocked } from '../store/locking.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * Assigns the next conversation in queue order (earliest due time, then priority, then age) to this
 * agent: open, unassigned, in one of their channels and categories, routed to no team or to one of
 * theirs, while they are below capacity. Atomic: the agent's row is locked, so their own concurrent
 * claims queue behind each other and capacity holds; the conversation is taken with SKIP LOCKED on
 * PostgreSQL (concurrent agents get different rows) and under SQLite's single writer.
 */
export async function claimNext(uow: UnitOfWork): Promise<ConversationSummary> {
  const { trx, ctx, now } = uow;
  const agentId = uow.actor.id ?? '';
  const agent = await forUpdate(
    trx.selectFrom('agents').select(['id', 'name', 'role', 'availability', 'channels', 'categories', 'capacity', 'teams']).where('id', '=', agentId),
    ctx.engine,
  ).executeTakeFirst();
  if (!agent) throw notFound(`agent ${agentId}`);
  if (agent.availability === 'offline') {
    throw conflict('agent_unavailable', 'you are offline, and offline agents cannot claim; set yourself online first (support availability online)');
  }
  const held = await trx
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assignee_id', '=', agent.id)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const open = Number(held.n);
  if (open >= agent.capacity) {
    throw conflict(
      'at_capacity',
      `you hold ${open} open conversation${open === 1 ? '' : 's'} and your capacity is ${agent.capacity}; resolve, snooze or transfer one first`,
    );
  }
  const channels = JSON.parse(agent.channels) as string[];
  const categories = JSON.parse(agent.categories) as string[];
  const teams = JSON.parse(agent.teams) as string[];
  if (channels.length === 0 || categories.length === 0) {
    throw conflict('queue_empty', 'you take no channel or no category, so nothing can be claimed; an admin sets them (support agent update)');
  }

  let candidates = trx
    .selectFrom('conversations')
    .select(['id', 'team'])
    .where('status', '=', 'open')
    .where('assignee_id', 'is', null)
    .where('channel', 'in', channels)
    .where('category', 'in', categories)
    .where((eb) => (teams.length ? eb.or([eb('team', 'is', null), eb('team', 'in', teams)]) : eb('team', 'is', null)));
  candidates = candidates.orderBy('due_at').orderBy('priority_rank').orderBy('created_at').orderBy('id').limit(1);
  const next = await forUpdateSkipLocked(candidates, ctx.engine).executeTakeFirst();
  if (!next) {
    throw conflict('queue_empty', 'no open, unassigned conversation waits in your channels and categories; try again in a moment');
  }
  const updated = await trx
    .updateTable('conversations')
    .set({ assignee_id: agent.id, updated_at: now })
    .where('id', '=', next.id)
    .where('assignee_id', 'is', null)
    .executeTakeFirst();
  // Belt and braces: the row was locked (or SQLite serialised us), so it cannot have been taken.
  if (Number(updated.numUpdatedRows) !== 1) throw conflict('claim_race', 'another agent took that conversation at the same moment; claim again');

  const conversation = await summaryOf(trx, next.id, now);
  const me = { id: agent.id, name: agent.name };
  await uow.audit({
    action: 'conversation.claim',
    targetType: 'conversation',
    targetId: String(next.id),
    before: { assigneeId: null },
    after: { assigneeId: agent.id },
  });
  await uow.emit({
    type: 'conversation.assigned',
    conversationId: next.id,
    payload: { conversation, from: null, to: me, team: next.team, by: me, reason: 'claim' },
  });
  return conversation;
}
