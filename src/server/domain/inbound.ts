import { markReopened } from './surveys.js';
import type { Category, Channel, Language, Priority } from '../../api/enums.js';
import { PRIORITIES } from '../../api/enums.js';
import type { ConversationSummary, Message } from '../../api/types.js';
import { AuditedProblem, unprocessable } from './errors.js';
import { triage, type Triage } from './assist/triage.js';
import { answerAutomatically } from './assist/auto-answer.js';
import { deskSettings } from './desk-settings.js';
import { LANGUAGE_NAMES } from './macros.js';
import { lockConversation, summaryOf } from '../store/conversation-rows.js';
import { findMessageByClientId, insertMessage, toMessage } from '../store/messages.js';
import { slaSetupFor, timersOf } from './sla-setup.js';
import { knownTeams } from '../store/teams.js';
import { isUniqueViolation } from '../store/constraint.js';
import { keepCustomerText } from './customer-text.js';
import { previewOf, type PostedMessage } from './messages.js';
import { clockColumns, clocksForCustomerMessage, clocksForNewConversation, clocksForStatus, clocksOf } from './sla.js';
import { assertTransition } from './transitions.js';
import { recordReopen } from '../store/desk-resolutions.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * A customer's message arriving from a channel. It reopens a pending, snoozed or resolved
 * conversation (paused clocks resume) and starts the next-response clock unless an answer is already
 * owed. Stored once per clientMessageId (the channel's message id), like agents' messages.
 */
export async function receiveCustomerMessage(uow: UnitOfWork, conversationId: number, sent: { body: string; clientMessageId: string | null }): Promise<PostedMessage> {
  const { trx, ctx, actor, now } = uow;
  const input = { ...sent, body: keepCustomerText(sent.body) };
  const conversation = await lockConversation(trx, ctx.engine, conversationId);
  if (input.clientMessageId) {
    const existing = await findMessageByClientId(trx, conversationId, input.clientMessageId);
    if (existing) {
      if (existing.body !== input.body || existing.author_type !== 'customer') {
        throw new AuditedProblem(
          'client_message_id_reused',
          `clientMessageId ${input.clientMessageId} was already used for another message in this conversation (message ${existing.id}); this one was not stored: send it with a new clientMessageId`,
          { actorId: actor.id, actorRole: actor.role, action: 'conversation.inbound', targetType: 'conversation', targetId: String(conversationId), after: { refused: 'client_message_id_reused', clientMessageId: input.clientMessageId }, outcome: 'denied' },
          { status: 409, extra: { conversationId, messageId: Number(existing.id) } },
        );
      }
      return { message: toMessage(existing), conversation: await summaryOf(trx, conversationId, ctx.now()), replayed: true };
    }
  }
  const to = assertTransition(conversation, 'customer_message');
  const customer = await trx.selectFrom('customers').select(['id', 'name']).where('id', '=', conversation.customer_id).executeTakeFirstOrThrow();
  const row = await insertMessage(trx, {
    conversation_id: conversationId,
    client_message_id: input.clientMessageId,
    kind: 'reply',
    author_type: 'customer',
    author_id: customer.id,
    author_name: customer.name,
    body: input.body,
    created_at: now,
  });
  // Paused clocks resume by the calendar they started with; a next-response clock starting now is pinned to today's.
  const resumed = clocksForStatus(clocksOf(conversation), to, now, await timersOf(trx, conversation));
  const clocks = clocksForCustomerMessage(resumed, now, await slaSetupFor(trx, conversation.priority, conversation.team));
  await trx
    .updateTable('conversations')
    .set({
      status: to,
      snoozed_until: null,
      resolved_at: to === 'open' ? null : conversation.resolved_at,
      message_count: conversation.message_count + 1,
      last_message_preview: previewOf(input.body),
      last_message_at: now,
      updated_at: now,
      ...clockColumns(clocks),
    })
    .where('id', '=', conversationId)
    .execute();
  if (conversation.status === 'resolved' && to === 'open') await recordReopen(trx, conversationId, now);

  if (conversation.status === 'resolved' && to === 'open') await markReopened(uow, conversationId);
  const message = toMessage(row);
  const summary = await summaryOf(trx, conversationId, now);
  await uow.audit({
    action: 'conversation.inbound',
    targetType: 'conversation',
    targetId: String(conversationId),
    before: { status: conversation.status },
    after: { status: to, messageId: message.id, clientMessageId: input.clientMessageId },
  });
  await uow.emit({ type: 'message.created', conversationId, payload: { message, conversation: summary } });
  if (to !== conversation.status) {
    await uow.emit({
      type: 'conversation.updated',
      conversationId,
      payload: { conversation: summary, changes: { status: { from: conversation.status, to } }, by: null },
    });
  }
  return { message, conversation: summary, replayed: false };
}

export interface NewConversation {
  customerId: string;
  channel: Channel;
  category: Category;
  priority?: Priority | undefined;
  subject: string;
  body: string;
  externalId?: string | undefined;
  tags?: string[] | undefined;
  team?: string | undefined;
}

export interface OpenedConversation {
  conversation: ConversationSummary;
  message: Message;
  replayed: boolean;
}

/**
 * A conversation a channel opens with the customer's first message: status open, unassigned, the
 * first-response and resolution clocks started from the policy of its priority. With an externalId,
 * a redelivery returns the conversation opened the first time.
 */
/**
 * Two deliveries of the same externalId at once: the second loses the race to insert and is tried once
 * more, in a new unit of work, where it finds the first and replays it.
 */
export const deliveredTwiceAtOnce = (sent: NewConversation) => (error: unknown) => Boolean(sent.externalId) && isUniqueViolation(error);

/**
 * What makes a delivery with a known externalId a different request, or null for a redelivery: as
 * with Stripe's idempotency keys, only the same request replays. Compared is what the customer sent
 * (who, on which channel, the subject and the first message); category, priority, tags and team are
 * routing hints that agents may have changed since, and the conversation's current ones stand.
 */
function externalIdConflict(input: NewConversation, existing: { customer_id: string; channel: string; subject: string }, firstBody: string): string | null {
  if (existing.customer_id !== input.customerId) return 'another customer';
  if (existing.channel !== input.channel) return `another channel (${existing.channel})`;
  if (existing.subject !== input.subject) return 'another subject';
  if (firstBody !== input.body) return 'another first message';
  return null;
}

/** The internal note that says what automatic triage set, and what the channel had said. */
function triageNote(triaged: Triage, input: NewConversation, priority: Priority): string {
  const percent = (n: number) => `${Math.round(n * 100)} %`;
  return (
    `Automatic triage: category ${triaged.category.category} (${percent(triaged.category.score)}), priority ${priority}` +
    `${priority === triaged.priority.priority ? ` (${percent(triaged.priority.score)})` : ' (the channel’s)'}, written in ${LANGUAGE_NAMES[triaged.language]}. ` +
    `The channel said ${input.category}${input.priority ? `, ${input.priority}` : ''}.`
  );
}

export async function openConversation(uow: UnitOfWork, sent: NewConversation): Promise<OpenedConversation> {
  const { trx, ctx, actor, now } = uow;
  const input = { ...sent, subject: keepCustomerText(sent.subject), body: keepCustomerText(sent.body) };
  if (input.externalId) {
    const existing = await trx.selectFrom('conversations').select(['id', 'customer_id', 'channel', 'subject']).where('external_id', '=', input.externalId).executeTakeFirst();
    if (existing) {
      const first = await trx.selectFrom('messages').selectAll().where('conversation_id', '=', existing.id).orderBy('id').limit(1).executeTakeFirstOrThrow();
      const differs = externalIdConflict(input, existing, first.body);
      if (differs) {
        const ids = { conversationId: existing.id, messageId: Number(first.id) };
        throw new AuditedProblem(
          'external_id_reused',
          `externalId ${input.externalId} opened conversation ${existing.id} with ${differs}; this request was not stored. A later message of that thread goes to POST /v1/conversations/${existing.id}/inbound; a new thread needs a new externalId`,
          { actorId: actor.id, actorRole: actor.role, action: 'conversation.create', targetType: 'conversation', targetId: String(existing.id), after: { refused: 'external_id_reused', externalId: input.externalId }, outcome: 'denied' },
          { status: 409, extra: ids },
        );
      }
      return { conversation: await summaryOf(trx, existing.id, ctx.now()), message: toMessage({ ...first, id: Number(first.id) }), replayed: true };
    }
  }
  const customer = await trx.selectFrom('customers').select(['id', 'name', 'language']).where('id', '=', input.customerId).executeTakeFirst();
  if (!customer) throw unprocessable('unknown_customer', `customer ${input.customerId} does not exist`);
  if (input.team && !(await knownTeams(trx)).includes(input.team)) {
    throw unprocessable('unknown_team', `no agent is in team "${input.team}"; add the team to an agent first (support agent update)`);
  }
  // The desk's automation as it is now (an admin may have changed it a moment ago, on any instance).
  const { settings: automation } = await deskSettings(trx, ctx.settings);
  // Automatic triage (a desk setting, off by default): the category the customer's words point to, and
  // the more urgent of the channel's priority and theirs.
  const triaged = automation.autoTriage ? triage(ctx.assist.ranker, `${input.subject}\n${input.body}`, customer.language as Language) : undefined;
  const category = triaged ? triaged.category.category : input.category;
  const asked = input.priority ?? (triaged ? 'low' : 'normal');
  const priority = triaged && PRIORITIES.indexOf(triaged.priority.priority) < PRIORITIES.indexOf(asked) ? triaged.priority.priority : asked;
  const sla = await slaSetupFor(trx, priority, input.team ?? null);
  const clocks = clocksForNewConversation(now, sla);
  const inserted = await trx
    .insertInto('conversations')
    .values({
      customer_id: customer.id,
      subject: input.subject,
      status: 'open',
      priority,
      priority_rank: PRIORITIES.indexOf(priority),
      channel: input.channel,
      category,
      tags: JSON.stringify(input.tags ?? []),
      assignee_id: null,
      team: input.team ?? null,
      external_id: input.externalId ?? null,
      ...clockColumns(clocks),
      first_responded_at: null,
      resolved_at: null,
      snoozed_until: null,
      message_count: triaged ? 2 : 1,
      last_message_preview: previewOf(input.body),
      last_message_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  const row = await insertMessage(trx, {
    conversation_id: id,
    client_message_id: null,
    kind: 'reply',
    author_type: 'customer',
    author_id: customer.id,
    author_name: customer.name,
    body: input.body,
    created_at: now,
  });
  const message = toMessage(row);
  if (triaged) {
    await insertMessage(trx, { conversation_id: id, client_message_id: null, kind: 'note', author_type: 'system', author_id: null, author_name: 'Triage', body: triageNote(triaged, input, priority), created_at: now });
  }
  await uow.audit({
    action: 'conversation.create',
    targetType: 'conversation',
    targetId: String(id),
    after: {
      customerId: customer.id,
      channel: input.channel,
      category,
      priority,
      team: input.team ?? null,
      externalId: input.externalId ?? null,
      ...(triaged ? { triage: { category: triaged.category, priority: triaged.priority, language: triaged.language, channelCategory: input.category, channelPriority: input.priority ?? null } } : {}),
    },
  });
  // Automatic answers (a desk setting, off by default). A redelivery of the externalId replayed above,
  // before this point, so a retried webhook never sends the answer twice.
  const answered = automation.autoAnswer ? await answerAutomatically(uow, id, `${input.subject}\n${input.body}`, customer.language as Language, category, automation) : null;
  const conversation = await summaryOf(trx, id, now);
  await uow.emit({ type: 'conversation.created', conversationId: id, payload: { conversation, message } });
  if (answered) await uow.emit({ type: 'message.created', conversationId: id, payload: { message: answered.message, conversation } });
  return { conversation, message, replayed: false };
}
