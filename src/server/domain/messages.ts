import type { MessageKind } from '../../api/enums.js';
import type { ConversationSummary, Message } from '../../api/types.js';
import { conflict } from './errors.js';
import { lockConversation, summaryOf, type ConversationRow } from '../store/conversation-rows.js';
import type { Database } from '../store/tables.js';
import { findMessageByClientId, insertMessage, toMessage } from '../store/messages.js';
import type { Kysely } from 'kysely';
import { refOf } from './actor.js';
import { clockColumns, clocksForReply, clocksOf, resumedResponseClocks } from './sla.js';
import { timersOf } from './sla-setup.js';
import { assertTransition } from './transitions.js';
import type { UnitOfWork } from './unit-of-work.js';

export interface PostedMessage {
  message: Message;
  conversation: ConversationSummary;
  /** True when this clientMessageId was already stored: the first message is returned, nothing is added. */
  replayed: boolean;
}

export function previewOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

/**
 * Records how long the customer waited for this reply, for each response clock it stops. A paused
 * clock (pending, snoozed, held by an incident) is recorded as if it resumed now: the pause counts
 * neither in the wait nor against the due time, so "late" (responded after due) reads the same for
 * every report.
 */
async function recordResponses(db: Kysely<Database>, c: ConversationRow, now: number, agentId: string | null, messageId: number) {
  const resumed = c.response_paused_at === null ? clocksOf(c) : { ...clocksOf(c), ...resumedResponseClocks(clocksOf(c), now, await timersOf(db, c)) };
  // Rows from before clocks kept their start (migration 002) count from the conversation's creation.
  const legacy = resumed.first_response_started_at === null ? { started: c.created_at, until: c.response_paused_at ?? now } : null;
  const clocks = [
    { clock: 'first_response', due: resumed.first_response_due_at, started: legacy?.started ?? resumed.first_response_started_at, until: legacy?.until ?? now },
    { clock: 'next_response', due: resumed.next_response_due_at, started: resumed.next_response_started_at, until: now },
  ];
  for (const { clock, due, started, until } of clocks) {
    if (due === null || started === null) continue;
    await db
      .insertInto('response_times')
      .values({ conversation_id: c.id, clock, started_at: started, due_at: due, responded_at: now, duration_ms: Math.max(0, until - started), agent_id: agentId, message_id: messageId })
      .execute();
  }
}

/**
 * An agent's public reply or internal note, stored once per clientMessageId. A reply stops the
 * response clocks and records the response time; a note changes no clock and no preview.
 */
export async function postAgentMessage(
  uow: UnitOfWork,
  conversationId: number,
  input: { body: string; kind: MessageKind; clientMessageId: string | null },
  // An incident broadcast reaches many conversations at once: it does not make them the sender's.
  options: { assign?: boolean } = {},
): Promise<PostedMessage> {
  const { trx, ctx, actor: agent, now } = uow;
  const conversation = await lockConversation(trx, ctx.engine, conversationId);

  if (input.clientMessageId) {
    const existing = await findMessageByClientId(trx, conversationId, input.clientMessageId);
    if (existing) {
      if (existing.body !== input.body || existing.kind !== input.kind || existing.author_id !== agent.id) {
        throw conflict('client_message_id_reused', `clientMessageId ${input.clientMessageId} was already used for another message in this conversation`);
      }
      return { message: toMessage(existing), conversation: await summaryOf(trx, conversationId, ctx.now()), replayed: true };
    }
  }
  assertTransition(conversation, 'agent_message');
  const row = await insertMessage(trx, {
    conversation_id: conversationId,
    client_message_id: input.clientMessageId,
    kind: input.kind,
    author_type: 'agent',
    author_id: agent.id,
    author_name: agent.name,
    body: input.body,
    created_at: now,
  });

  const isReply = input.kind === 'reply';
  if (isReply) await recordResponses(trx, conversation, now, agent.id, Number(row.id));
  // Whoever answers an unassigned conversation has taken it on: it becomes theirs, so that nobody
  // else claims it and answers again. The row is locked, so of two agents replying at once one gets it.
  const assigns = (options.assign ?? true) && isReply && conversation.assignee_id === null && agent.id !== null && ctx.settings.assignOnReply;
  await trx
    .updateTable('conversations')
    .set({
      message_count: conversation.message_count + 1,
      updated_at: now,
      ...(assigns ? { assignee_id: agent.id } : {}),
      ...(isReply
        ? {
            last_message_preview: previewOf(input.body),
            last_message_at: now,
            first_responded_at: conversation.first_responded_at ?? now,
            ...clockColumns(clocksForReply(clocksOf(conversation))),
          }
        : {}),
    })
    .where('id', '=', conversationId)
    .execute();

  const message = toMessage(row);
  const summary = await summaryOf(trx, conversationId, now);
  await uow.audit({
    action: isReply ? 'conversation.reply' : 'conversation.note',
    targetType: 'conversation',
    targetId: String(conversationId),
    after: { messageId: message.id, kind: input.kind, clientMessageId: input.clientMessageId },
  });
  if (assigns) {
    await uow.audit({
      action: 'conversation.assign',
      targetType: 'conversation',
      targetId: String(conversationId),
      before: { assigneeId: null },
      after: { assigneeId: agent.id },
      reason: 'replied to an unassigned conversation',
    });
    await uow.emit({
      type: 'conversation.assigned',
      conversationId,
      payload: { conversation: summary, from: null, to: refOf(agent), team: conversation.team, by: refOf(agent), reason: 'reply' },
    });
  }
  await uow.emit({ type: 'message.created', conversationId, payload: { message, conversation: summary } });
  return { message, conversation: summary, replayed: false };
}
