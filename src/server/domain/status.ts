import type { ConversationSummary } from '../../api/types.js';
import type { ConversationAction } from '../../api/transitions.js';
import { conflict, unprocessable } from './errors.js';
import { lockConversation, summaryOf } from '../store/conversation-rows.js';
import { iso, isoOrNull } from '../store/time.js';
import { refOf } from './actor.js';
import { clockColumns, clocksForStatus, clocksOf } from './sla.js';
import { timersOf } from './sla-setup.js';
import { assertTransition } from './transitions.js';
import { markReopened, recordSurvey } from './surveys.js';
import { recordReopen, recordResolution } from '../store/desk-resolutions.js';
import type { UnitOfWork } from './unit-of-work.js';

export type StatusAction = Extract<ConversationAction, 'set_pending' | 'snooze' | 'wake' | 'resolve' | 'reopen' | 'close'>;

/** A snooze longer than this is a mistake (or a way to hide work): a year is the limit. */
export const MAX_SNOOZE_MS = 365 * 86_400_000;

/**
 * Moves a conversation to another status: pending, snoozed (until a time), resolved, closed, or back
 * to open. The transition table decides what is allowed; clocks pause and resume with the status.
 */
export async function changeStatus(uow: UnitOfWork, conversationId: number, action: StatusAction, options: { snoozeUntil?: number } = {}): Promise<ConversationSummary> {
  const { trx, ctx, actor, now } = uow;
  const conversation = await lockConversation(trx, ctx.engine, conversationId);
  const to = assertTransition(conversation, action);
  if (action === 'wake' && (conversation.snoozed_until ?? 0) > now) {
    throw conflict('snooze_not_due', `conversation ${conversationId} sleeps until ${iso(conversation.snoozed_until!)}`);
  }
  let snoozedUntil: number | null = null;
  if (action === 'snooze') {
    const until = options.snoozeUntil ?? Number.NaN;
    if (!(until > now)) throw unprocessable('snooze_in_past', `the snooze time must be in the future (it is ${iso(now)} now)`);
    if (until - now > MAX_SNOOZE_MS) throw unprocessable('snooze_too_long', 'snooze for at most a year');
    snoozedUntil = until;
  }
  const clocks = clocksForStatus(clocksOf(conversation), to, now, await timersOf(trx, conversation));
  await trx
    .updateTable('conversations')
    .set({
      status: to,
      snoozed_until: snoozedUntil,
      resolved_at: to === 'resolved' ? now : to === 'closed' ? conversation.resolved_at : null,
      updated_at: now,
      ...clockColumns(clocks),
    })
    .where('id', '=', conversationId)
    .execute();
  if (to === 'resolved' && conversation.status !== 'resolved') await recordSurvey(uow, conversation);
  if (conversation.status === 'resolved' && to === 'open') await markReopened(uow, conversationId);
  if (to === 'resolved') await recordResolution(trx, conversationId, now, conversation.resolution_due_at);
  if (conversation.status === 'resolved' && to !== 'resolved' && to !== 'closed') await recordReopen(trx, conversationId, now);

  const summary = await summaryOf(trx, conversationId, now);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (conversation.status !== to) changes['status'] = { from: conversation.status, to };
  if (conversation.snoozed_until !== snoozedUntil) changes['snoozedUntil'] = { from: isoOrNull(conversation.snoozed_until), to: isoOrNull(snoozedUntil) };
  await uow.audit({
    action: `conversation.${action}`,
    targetType: 'conversation',
    targetId: String(conversationId),
    before: { status: conversation.status, snoozedUntil: isoOrNull(conversation.snoozed_until) },
    after: { status: to, snoozedUntil: isoOrNull(snoozedUntil) },
  });
  await uow.emit({ type: 'conversation.updated', conversationId, payload: { conversation: summary, changes, by: refOf(actor) } });
  return summary;
}
