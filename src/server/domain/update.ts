import type { Category, Priority } from '../../api/enums.js';
import { PRIORITIES } from '../../api/enums.js';
import type { ConversationSummary } from '../../api/types.js';
import { ProblemError } from './errors.js';
import { lockConversation, summaryOf } from '../store/conversation-rows.js';
import { targetsFor } from '../store/sla-policies.js';
import { timersOf } from './sla-setup.js';
import { refOf } from './actor.js';
import { clockColumns, clocksForTargets, clocksOf } from './sla.js';
import { assertTransition } from './transitions.js';
import type { UnitOfWork } from './unit-of-work.js';

export const MAX_TAGS = 20;

export interface ConversationChanges {
  priority?: Priority | undefined;
  category?: Category | undefined;
  tags?: string[] | undefined;
  addTags?: string[] | undefined;
  removeTags?: string[] | undefined;
}

/**
 * Changes priority, category or tags. A new priority gives the running clocks the new policy's
 * windows, from the time each started. Tags are added and removed on the server, so that two agents
 * tagging at once do not undo each other. Nothing changed: nothing written, no event.
 */
export async function updateConversation(uow: UnitOfWork, conversationId: number, input: ConversationChanges): Promise<ConversationSummary> {
  const { trx, ctx, actor, now } = uow;
  if (input.tags !== undefined && (input.addTags !== undefined || input.removeTags !== undefined)) {
    throw new ProblemError('validation_failed', 'use either tags (replace all) or addTags/removeTags, not both', {
      errors: [{ field: 'tags', message: 'cannot be combined with addTags or removeTags' }],
    });
  }
  const conversation = await lockConversation(trx, ctx.engine, conversationId);
  assertTransition(conversation, 'update');
  const before = JSON.parse(conversation.tags) as string[];
  let tags = input.tags ?? before;
  if (input.addTags) tags = [...tags, ...input.addTags.filter((t) => !tags.includes(t))];
  if (input.removeTags) tags = tags.filter((t) => !input.removeTags!.includes(t));
  if (tags.length > MAX_TAGS) {
    throw new ProblemError('validation_failed', `a conversation has at most ${MAX_TAGS} tags`, { errors: [{ field: 'tags', message: `at most ${MAX_TAGS} tags` }] });
  }

  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (input.priority && input.priority !== conversation.priority) changes['priority'] = { from: conversation.priority, to: input.priority };
  if (input.category && input.category !== conversation.category) changes['category'] = { from: conversation.category, to: input.category };
  const sameTags = tags.length === before.length && tags.every((t, i) => t === before[i]);
  if (!sameTags) changes['tags'] = { from: before, to: tags };
  if (Object.keys(changes).length === 0) return summaryOf(trx, conversationId, now);

  const priority = input.priority ?? (conversation.priority as Priority);
  await trx
    .updateTable('conversations')
    .set({
      priority,
      priority_rank: PRIORITIES.indexOf(priority),
      category: input.category ?? conversation.category,
      tags: JSON.stringify(tags),
      updated_at: now,
      ...(changes['priority'] ? clockColumns(clocksForTargets(clocksOf(conversation), await targetsFor(trx, priority), await timersOf(trx, conversation))) : {}),
    })
    .where('id', '=', conversationId)
    .execute();
  const summary = await summaryOf(trx, conversationId, now);
  await uow.audit({
    action: 'conversation.update',
    targetType: 'conversation',
    targetId: String(conversationId),
    before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.from])),
    after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])),
  });
  await uow.emit({ type: 'conversation.updated', conversationId, payload: { conversation: summary, changes, by: refOf(actor) } });
  return summary;
}
