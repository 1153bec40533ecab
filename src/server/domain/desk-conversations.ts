import { PRIORITIES } from '../../api/enums.js';
import type { CallRecord, EndCallRequest, EndCallResponse, StartConversationRequest, StartConversationResponse } from '../../api/types.js';
import type { AuthenticatedAgent } from '../context.js';
import { lockConversation, summaryOf } from '../store/conversation-rows.js';
import { insertMessage, toMessage } from '../store/messages.js';
import { slaSetupFor } from './sla-setup.js';
import { iso } from '../store/time.js';
import '../store/lookup-tables.js';
import { conflict, notFound, unprocessable } from './errors.js';
import { previewOf } from './messages.js';
import { clockColumns, clocksForNewConversation, clocksForStatus, timersOfStart } from './sla.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * An agent starts a conversation with a customer: logs a phone call, or writes first by email, chat or
 * social. The agent wrote first, so no first response is owed; it is theirs. A phone conversation
 * records when the call started (and ended, for a call logged afterwards, with its summary); the
 * first message is the agent's note of the call. Otherwise the first message goes to the customer and
 * the conversation waits for their answer (pending).
 */
export async function startConversation(uow: UnitOfWork<AuthenticatedAgent>, customerId: string, input: StartConversationRequest): Promise<StartConversationResponse> {
  const { trx, now, actor: agent } = uow;
  const phone = input.channel === 'phone';
  if (!phone && (input.callStartedAt !== undefined || input.callEndedAt !== undefined)) {
    throw unprocessable('not_a_call', `callStartedAt and callEndedAt are for phone conversations; this one is ${input.channel}`);
  }
  const startedAt = input.callStartedAt === undefined ? now : Date.parse(input.callStartedAt);
  const endedAt = input.callEndedAt === undefined ? null : Date.parse(input.callEndedAt);
  const summary = input.summary?.trim() || null;
  if (phone && endedAt !== null && summary === null) throw unprocessable('call_summary_required', 'a call that has ended needs a summary: what it was about and what was done');
  if (!phone && summary !== null) throw unprocessable('not_a_call', 'a summary is for phone calls');
  if (endedAt !== null && endedAt < startedAt) throw unprocessable('validation_failed', 'callEndedAt is before callStartedAt');
  if (startedAt > now + 60_000 || (endedAt ?? 0) > now + 60_000) throw unprocessable('validation_failed', 'a call cannot start or end in the future');

  const customer = await trx.selectFrom('customers').select(['id', 'name']).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw notFound(`customer ${customerId}`);
  const priority = 'normal';
  const sla = await slaSetupFor(trx, priority, null);
  const opened = clocksForNewConversation(now, sla);
  const answered = { ...opened, first_response_started_at: null, first_response_due_at: null, first_response_calendar_version: null };
  const clocks = phone ? answered : clocksForStatus(answered, 'pending', now, timersOfStart(sla));
  const inserted = await trx
    .insertInto('conversations')
    .values({
      customer_id: customer.id,
      subject: input.subject,
      status: clocks.status,
      priority,
      priority_rank: PRIORITIES.indexOf(priority),
      channel: input.channel,
      category: input.category ?? 'other',
      tags: '[]',
      assignee_id: agent.id,
      team: null,
      external_id: null,
      ...clockColumns(clocks),
      first_responded_at: now,
      resolved_at: null,
      snoozed_until: null,
      message_count: 1,
      last_message_preview: previewOf(input.body),
      last_message_at: now,
      created_at: now,
      updated_at: now,
      call_started_at: phone ? startedAt : null,
      call_ended_at: phone ? endedAt : null,
      call_summary: phone ? summary : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  const message = toMessage(
    await insertMessage(trx, {
      conversation_id: id,
      client_message_id: null,
      kind: phone ? 'note' : 'reply',
      author_type: 'agent',
      author_id: agent.id,
      author_name: agent.name,
      body: input.body,
      created_at: now,
    }),
  );
  const conversation = await summaryOf(trx, id, now);
  const call = phone ? callOf(startedAt, endedAt, summary) : null;
  await uow.audit({
    action: 'conversation.create',
    targetType: 'conversation',
    targetId: String(id),
    after: { customerId: customer.id, channel: input.channel, startedBy: 'agent', ...(call ? { call } : {}) },
  });
  await uow.emit({ type: 'conversation.created', conversationId: id, payload: { conversation, message } });
  return { conversation, message, call };
}

/** The end of a logged phone call: its time and the summary, kept on the conversation and as an internal note. */
export async function endCall(uow: UnitOfWork<AuthenticatedAgent>, conversationId: number, input: EndCallRequest): Promise<EndCallResponse> {
  const { trx, ctx, now, actor: agent } = uow;
  const summary = input.summary.trim();
  if (!summary) throw unprocessable('call_summary_required', 'a call needs a summary when it ends: what it was about and what was done');
  const row = await lockConversation(trx, ctx.engine, conversationId);
  if (row.channel !== 'phone' || row.call_started_at === null) throw conflict('not_a_call', `conversation ${conversationId} is not a logged phone call`);
  if (row.call_ended_at !== null) throw conflict('call_already_ended', `the call of conversation ${conversationId} ended at ${iso(row.call_ended_at)}`);
  const endedAt = input.endedAt === undefined ? now : Date.parse(input.endedAt);
  if (endedAt < row.call_started_at) throw unprocessable('validation_failed', `endedAt is before the call started (${iso(row.call_started_at)})`);
  if (endedAt > now + 60_000) throw unprocessable('validation_failed', 'a call cannot end in the future');
  const note = toMessage(
    await insertMessage(trx, {
      conversation_id: conversationId,
      client_message_id: null,
      kind: 'note',
      author_type: 'agent',
      author_id: agent.id,
      author_name: agent.name,
      body: `Call summary: ${summary}`,
      created_at: now,
    }),
  );
  await trx
    .updateTable('conversations')
    .set((eb) => ({ call_ended_at: endedAt, call_summary: summary, message_count: eb('message_count', '+', 1), last_message_preview: previewOf(note.body), last_message_at: now, updated_at: now }))
    .where('id', '=', conversationId)
    .execute();
  const call = callOf(row.call_started_at, endedAt, summary);
  await uow.audit({
    action: 'conversation.call_end',
    targetType: 'conversation',
    targetId: String(conversationId),
    before: { callEndedAt: null },
    after: { call },
  });
  await uow.emit({ type: 'message.created', conversationId, payload: { message: note, conversation: await summaryOf(trx, conversationId, now) } });
  return { conversationId, call, note };
}

function callOf(startedAt: number, endedAt: number | null, summary: string | null): CallRecord {
  return { startedAt: iso(startedAt), endedAt: endedAt === null ? null : iso(endedAt), summary };
}
