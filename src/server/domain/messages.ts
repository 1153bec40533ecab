import type { MessageKind } from '../../api/enums.js';
import type { ConversationSummary, Message } from '../../api/types.js';
import type { AuthenticatedAgent, ServerContext } from '../context.js';
import { conflict, notFound } from '../http/problem.js';
import { recordAudit } from '../store/audit.js';
import { findSummary, toSummary } from '../store/conversations.js';
import { appendEvent } from '../store/events.js';
import { forUpdate } from '../store/locking.js';
import { findMessageByClientId, insertMessage, toMessage } from '../store/messages.js';
import { dueAtOf } from './sla.js';

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

/** An agent's public reply or internal note, stored once per clientMessageId. */
export async function postAgentMessage(
  ctx: ServerContext,
  agent: AuthenticatedAgent,
  conversationId: number,
  input: { body: string; kind: MessageKind; clientMessageId: string | null },
  requestId: string,
): Promise<PostedMessage> {
  return ctx.db.transaction().execute(async (trx) => {
    const conversation = await forUpdate(
      trx.selectFrom('conversations').selectAll().where('id', '=', conversationId),
      ctx.engine,
    ).executeTakeFirst();
    if (!conversation) throw notFound(`conversation ${conversationId}`);

    if (input.clientMessageId) {
      const existing = await findMessageByClientId(trx, conversationId, input.clientMessageId);
      if (existing) {
        if (existing.body !== input.body || existing.kind !== input.kind || existing.author_id !== agent.id) {
          throw conflict('client_message_id_reused', `clientMessageId ${input.clientMessageId} was already used for another message in this conversation`);
        }
        const summary = await findSummary(trx, conversationId);
        return { message: toMessage(existing), conversation: toSummary(summary!, ctx.now()), replayed: true };
      }
    }
    if (conversation.status === 'closed') {
      throw conflict('conversation_closed', `conversation ${conversationId} is closed; a closed conversation takes no more messages`);
    }

    const now = ctx.now();
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
    const clock = {
      status: conversation.status,
      first_response_due_at: isReply ? null : conversation.first_response_due_at,
      next_response_due_at: isReply ? null : conversation.next_response_due_at,
      resolution_due_at: conversation.resolution_due_at,
    };
    await trx
      .updateTable('conversations')
      .set({
        message_count: conversation.message_count + 1,
        updated_at: now,
        ...(isReply
          ? {
              last_message_preview: previewOf(input.body),
              last_message_at: now,
              first_responded_at: conversation.first_responded_at ?? now,
              first_response_due_at: null,
              next_response_due_at: null,
              due_at: dueAtOf(clock),
            }
          : {}),
      })
      .where('id', '=', conversationId)
      .execute();

    const message = toMessage(row);
    const summary = toSummary((await findSummary(trx, conversationId))!, now);
    await appendEvent(trx, ctx.engine, { type: 'message.created', conversationId, payload: { message, conversation: summary }, at: now });
    await recordAudit(trx, now, {
      actorId: agent.id,
      actorRole: agent.role,
      action: isReply ? 'conversation.reply' : 'conversation.note',
      targetType: 'conversation',
      targetId: String(conversationId),
      after: { messageId: message.id, kind: input.kind, clientMessageId: input.clientMessageId },
      requestId,
      outcome: 'succeeded',
    });
    return { message, conversation: summary, replayed: false };
  });
}
