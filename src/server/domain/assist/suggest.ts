import { CATEGORIES, type Category, type Language } from '../../../api/enums.js';
import type { Suggestion, SuggestRequest, Suggestions } from '../../../api/types.js';
import type { ServerContext } from '../../context.js';
import { latestCustomerWords, recentFailures } from '../../store/assist.js';
import { notFound, ProblemError } from '../errors.js';
import type { AssistIndex } from './assist-index.js';
import type { Signals } from './ranking.js';
import { triageOf } from './triage.js';

const PREVIEW_CHARS = 200;
/** Failed transactions older than this say nothing about today's question. */
const FAILURE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

interface Question {
  text: string;
  conversationId: number | null;
  fallbackLanguage: Language;
  signals: Signals;
}

async function questionOf(ctx: ServerContext, request: SuggestRequest): Promise<Question> {
  if (request.conversationId !== undefined && request.text !== undefined) {
    throw new ProblemError('validation_failed', 'send either conversationId or text, not both');
  }
  if (request.text !== undefined) {
    if (!request.text.trim()) throw new ProblemError('validation_failed', 'text is blank: send the customer’s message', { errors: [{ field: 'text', message: 'is blank' }] });
    return { text: request.text, conversationId: null, fallbackLanguage: 'en', signals: {} };
  }
  if (request.conversationId === undefined) {
    throw new ProblemError('validation_failed', 'send conversationId (a conversation to read) or text (a customer’s message)');
  }
  const conversation = await ctx.db
    .selectFrom('conversations')
    .innerJoin('customers', 'customers.id', 'conversations.customer_id')
    .select(['conversations.id', 'conversations.subject', 'conversations.category', 'customers.id as customer_id', 'customers.language'])
    .where('conversations.id', '=', request.conversationId)
    .executeTakeFirst();
  if (!conversation) throw notFound(`conversation ${request.conversationId}`);
  const words = await latestCustomerWords(ctx.db, conversation.id);
  const failures = await recentFailures(ctx.db, conversation.customer_id, ctx.now() - FAILURE_WINDOW_MS);
  return {
    text: words.length ? words.join('\n') : conversation.subject,
    conversationId: conversation.id,
    fallbackLanguage: conversation.language as Language,
    signals: { category: conversation.category as Category, failures },
  };
}

/** Macros and past replies that answer a conversation's latest customer messages (or a text), with triage. */
export async function suggest(ctx: ServerContext, index: AssistIndex, request: SuggestRequest): Promise<Suggestions> {
  const question = await questionOf(ctx, request);
  await index.macrosReady();
  const limit = request.limit ?? 5;
  const ranking = index.ranker.rank(question.text, question.signals, limit);
  const categories = CATEGORIES.map((category) => ranking.categories.find((c) => c.category === category)!).sort((a, b) => b.score - a.score);
  const triage = triageOf({ categories }, question.text, question.fallbackLanguage, request.language);
  const language = triage.language;

  const macros: Suggestion[] = ranking.macros.flatMap(({ id, score }) => {
    const macro = index.macro(id);
    if (!macro) return [];
    const body = macro.bodies[language] ?? macro.bodies.en ?? '';
    return [{ kind: 'macro' as const, id, shortcut: macro.shortcut, name: macro.name, category: macro.category, score, preview: preview(body) }];
  });
  const seen = new Set<string>();
  const replies: Suggestion[] = ranking.replies.flatMap(({ messageId, conversationId, score }) => {
    const reply = index.reply(messageId);
    // The same words sent on many conversations (a macro's text, filled in) are one suggestion.
    const text = reply ? preview(reply.body) : '';
    if (!reply || seen.has(text)) return [];
    seen.add(text);
    return [{ kind: 'reply' as const, id: String(messageId), conversationId, category: reply.category, score, preview: text, text: reply.body }];
  });
  const suggestions = [...macros, ...replies].sort((a, b) => b.score - a.score).slice(0, limit);
  return {
    conversationId: question.conversationId,
    language,
    languageDetected: request.language === undefined,
    category: triage.category,
    priority: triage.priority,
    categories: triage.categories,
    priorities: triage.priorities,
    suggestions,
  };
}
