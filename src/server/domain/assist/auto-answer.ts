import type { Category, Language } from '../../../api/enums.js';
import type { DeskSettingValues, Message } from '../../../api/types.js';
import type { AuthenticatedAgent } from '../../context.js';
import { insertMessage, toMessage } from '../../store/messages.js';
import { ProblemError } from '../errors.js';
import { renderMacro } from '../macros.js';
import { previewOf } from '../messages.js';
import { clockColumns, clocksForStatus, clocksOf } from '../sla.js';
import { timersOf } from '../sla-setup.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { detectLanguage } from './language.js';

/** Who writes an automatic answer: the thread shows it as a system author, never as an agent. */
export const AUTO_ANSWER_AUTHOR = { id: 'assist', name: 'Assist' } as const;

// Filling a macro in needs someone to stand for {{agent.name}}: the desk's assistant, who holds no token.
const ASSISTANT: AuthenticatedAgent = {
  id: AUTO_ANSWER_AUTHOR.id,
  email: '',
  name: AUTO_ANSWER_AUTHOR.name,
  role: 'agent',
  availability: 'online',
  teams: [],
  tokenHash: '',
  tokenExpiresAt: 0,
};

export interface AutoAnswer {
  message: Message;
  macro: { id: string; shortcut: string };
  score: number;
  language: Language;
}

/**
 * Answers a conversation just opened (in the same transaction) with its top suggestion, when the desk
 * allows it: the top suggestion is a macro (not a past reply) scoring at least the threshold, of an
 * allowed category, and it fills in without asking anything (a macro that needs a transaction id is
 * left to an agent). The answer is public, written by the system author "Assist", and the conversation
 * waits as pending: the first-response clock pauses rather than stops, so when the customer writes
 * back a person still owes them the desk's first answer. `rules`: the desk's threshold and categories
 * as they are now (domain/desk-settings.ts). Returns null when nothing was sent.
 */
export async function answerAutomatically(
  uow: UnitOfWork,
  conversationId: number,
  text: string,
  customerLanguage: Language,
  category: Category,
  rules: Pick<DeskSettingValues, 'autoAnswerThreshold' | 'autoAnswerCategories'>,
): Promise<AutoAnswer | null> {
  const { trx, ctx, now } = uow;
  const { autoAnswerThreshold, autoAnswerCategories } = rules;
  await ctx.assist.macrosReady();
  const ranking = ctx.assist.ranker.rank(text, { category }, 1);
  const top = ranking.macros[0];
  if (!top || top.score < autoAnswerThreshold) return null;
  if ((ranking.replies[0]?.score ?? 0) > top.score) return null;
  const macro = ctx.assist.macro(top.id);
  if (!macro?.category || !autoAnswerCategories.includes(macro.category)) return null;

  const language = detectLanguage(text, customerLanguage);
  let answer: string;
  let answeredIn: Language;
  try {
    const rendered = await renderMacro({ db: trx }, ASSISTANT, top.id, { conversationId, language });
    answer = rendered.text;
    answeredIn = rendered.language;
  } catch (error) {
    if (error instanceof ProblemError) return null;
    throw error;
  }

  const row = await insertMessage(trx, {
    conversation_id: conversationId,
    client_message_id: null,
    kind: 'reply',
    author_type: 'system',
    author_id: AUTO_ANSWER_AUTHOR.id,
    author_name: AUTO_ANSWER_AUTHOR.name,
    body: answer,
    created_at: now,
  });
  const conversation = await trx.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirstOrThrow();
  const timers = await timersOf(trx, conversation);
  await trx
    .updateTable('conversations')
    .set({
      status: 'pending',
      message_count: conversation.message_count + 1,
      last_message_preview: previewOf(answer),
      last_message_at: now,
      updated_at: now,
      ...clockColumns(clocksForStatus(clocksOf(conversation), 'pending', now, timers)),
    })
    .where('id', '=', conversationId)
    .execute();
  const message = toMessage(row);
  await uow.audit({
    action: 'conversation.auto_answer',
    targetType: 'conversation',
    targetId: String(conversationId),
    before: { status: conversation.status },
    after: { status: 'pending', messageId: message.id, macro: { id: macro.id, shortcut: macro.shortcut }, category: macro.category, score: top.score, threshold: autoAnswerThreshold, language: answeredIn },
  });
  return { message, macro: { id: macro.id, shortcut: macro.shortcut }, score: top.score, language: answeredIn };
}
