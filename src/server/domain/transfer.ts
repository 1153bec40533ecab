import type { ConversationSummary } from '../../api/types.js';
import { conflict, ProblemError, unprocessable } from './errors.js';
import { lockConversation, summaryOf } from '../store/conversation-rows.js';
import { insertMessage, toMessage } from '../store/messages.js';
import { knownTeams } from '../store/teams.js';
import { refOf } from './actor.js';
import { assertTransition } from './transitions.js';
import type { UnitOfWork } from './unit-of-work.js';

export interface TransferInput {
  toAgentId?: string | undefined;
  toTeam?: string | undefined;
  note?: string | undefined;
}

/**
 * Hands a conversation to another agent, or back to the queue of a team (unassigned, routed to it),
 * with an optional note stored as an internal note. An offline agent cannot receive it: the customer
 * would wait on nobody.
 */
export async function transferConversation(uow: UnitOfWork, conversationId: number, input: TransferInput): Promise<ConversationSummary> {
  const { trx, ctx, actor, now } = uow;
  if ((input.toAgentId === undefined) === (input.toTeam === undefined)) {
    throw new ProblemError('validation_failed', 'say where to transfer: toAgentId or toTeam, one of them', {
      errors: [{ field: 'toAgentId', message: 'give toAgentId or toTeam, not both and not neither' }],
    });
  }
  const conversation = await lockConversation(trx, ctx.engine, conversationId);
  assertTransition(conversation, 'transfer');
  let assigneeId: string | null = null;
  let team = conversation.team;
  let target: string;
  if (input.toAgentId !== undefined) {
    const agent = await trx.selectFrom('agents').select(['id', 'name', 'availability']).where('id', '=', input.toAgentId).executeTakeFirst();
    if (!agent) throw unprocessable('unknown_agent', `agent ${input.toAgentId} does not exist`);
    if (agent.id === conversation.assignee_id) throw conflict('already_assigned', `conversation ${conversationId} is already assigned to ${agent.name}`);
    if (agent.availability === 'offline') {
      throw conflict('agent_unavailable', `${agent.name} is offline; transfer to an online agent or to a team`);
    }
    assigneeId = agent.id;
    target = agent.name;
  } else {
    const name = input.toTeam!;
    if (!(await knownTeams(trx)).includes(name)) throw unprocessable('unknown_team', `there is no team "${name}" (no agent is in it)`);
    if (conversation.team === name && conversation.assignee_id === null) {
      throw conflict('already_assigned', `conversation ${conversationId} is already waiting in team ${name}'s queue`);
    }
    team = name;
    target = `team ${name}`;
  }
  await trx.updateTable('conversations').set({ assignee_id: assigneeId, team, updated_at: now }).where('id', '=', conversationId).execute();
  let noteMessage;
  if (input.note) {
    const row = await insertMessage(trx, {
      conversation_id: conversationId,
      client_message_id: null,
      kind: 'note',
      author_type: 'agent',
      author_id: actor.id,
      author_name: actor.name,
      body: `Transferred to ${target}: ${input.note}`,
      created_at: now,
    });
    await trx.updateTable('conversations').set({ message_count: conversation.message_count + 1 }).where('id', '=', conversationId).execute();
    noteMessage = toMessage(row);
  }

  const summary = await summaryOf(trx, conversationId, now);
  const previous = conversation.assignee_id
    ? await trx.selectFrom('agents').select(['id', 'name']).where('id', '=', conversation.assignee_id).executeTakeFirst()
    : undefined;
  await uow.audit({
    action: 'conversation.transfer',
    targetType: 'conversation',
    targetId: String(conversationId),
    before: { assigneeId: conversation.assignee_id, team: conversation.team },
    after: { assigneeId, team, noteMessageId: noteMessage?.id ?? null },
  });
  if (noteMessage) {
    await uow.emit({ type: 'message.created', conversationId, payload: { message: noteMessage, conversation: summary } });
  }
  await uow.emit({
    type: 'conversation.assigned',
    conversationId,
    payload: { conversation: summary, from: previous ?? null, to: summary.assignee, team, by: refOf(actor), reason: 'transfer' },
  });
  return summary;
}
