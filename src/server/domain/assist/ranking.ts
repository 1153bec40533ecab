import MiniSearch, { type SearchOptions } from 'minisearch';
import { CATEGORIES, type Category, type FailureReason } from '../../../api/enums.js';
import { CATEGORY_WORDS, FAILURE_WORDS, URGENT_WORDS } from './lexicon.js';
import { PastReplies, type ReplyEntry } from './past-replies.js';
import { termsOf } from './terms.js';

export type { ReplyEntry } from './past-replies.js';

/** A macro as the ranking knows it: every text of it, in every language. */
export interface MacroEntry {
  id: string;
  shortcut: string;
  name: string;
  category: Category | null;
  bodies: Partial<Record<string, string>>;
}

export interface RankedMacro {
  id: string;
  score: number;
}
export interface RankedReply {
  messageId: number;
  conversationId: number;
  score: number;
}

export interface Signals {
  /** The conversation's own category, when it has one beyond "other". */
  category?: Category | undefined;
  /** Causes of the customer's recent failed transactions. */
  failures?: readonly FailureReason[];
}

export interface Ranking {
  macros: RankedMacro[];
  replies: RankedReply[];
  /** Every category with its share of the evidence, highest first; the shares add up to 1. */
  categories: { category: Category; score: number }[];
}

const identity = (term: string) => term;
const isLatin = (term: string) => !/\p{Script=Han}/u.test(term);
// Typos are corrected on Latin words long enough to have one; a Chinese word is matched as written.
const SEARCH: SearchOptions = {
  prefix: (term) => isLatin(term) && term.length >= 4,
  fuzzy: (term) => (isLatin(term) && term.length >= 5 ? 0.2 : false),
  combineWith: 'OR',
};

type MacroDoc = { id: string; name: string; text: string; category: string };
type CategoryDoc = { id: string; words: string };

const round = (n: number) => Math.round(n * 1000) / 1000;
const REPLY_WEIGHT = 0.85;

/**
 * The three indexes behind suggestions, all MiniSearch (BM25+ over the terms of terms.ts): the desk's
 * macros, the replies that resolved past conversations, and the words of each category. Each changes
 * one document at a time, so a saved macro or a resolved conversation counts from the next question.
 */
export class Ranker {
  readonly #macros = new MiniSearch<MacroDoc>({ fields: ['name', 'text'], storeFields: ['category'], tokenize: termsOf, processTerm: identity, searchOptions: SEARCH });
  readonly #replies = new PastReplies();
  readonly #categories = new MiniSearch<CategoryDoc>({ fields: ['words'], tokenize: termsOf, processTerm: identity, searchOptions: SEARCH });
  readonly #macroCategory = new Map<string, Category | null>();

  constructor() {
    this.#categories.addAll(CATEGORIES.map((category) => ({ id: category, words: CATEGORY_WORDS[category] })));
  }

  get macroCount(): number {
    return this.#macros.documentCount;
  }
  get replyCount(): number {
    return this.#replies.count;
  }

  putMacro(macro: MacroEntry): void {
    const doc: MacroDoc = { id: macro.id, name: macro.name, text: Object.values(macro.bodies).join('\n'), category: macro.category ?? '' };
    if (this.#macros.has(macro.id)) this.#macros.replace(doc);
    else this.#macros.add(doc);
    this.#macroCategory.set(macro.id, macro.category);
  }

  removeMacro(id: string): void {
    if (this.#macros.has(id)) this.#macros.discard(id);
    this.#macroCategory.delete(id);
  }

  /** The replies of one conversation, replacing what was indexed for it (none: it is no longer settled). */
  putConversationReplies(conversationId: number, replies: readonly ReplyEntry[]): void {
    this.#replies.put(conversationId, replies);
  }

  /** More replies of one conversation, beside those indexed already (the first build reads them page by page). */
  addConversationReplies(conversationId: number, replies: readonly ReplyEntry[]): void {
    this.#replies.add(conversationId, replies);
  }

  /** The ids of the indexed replies of a conversation. */
  repliesOf(conversationId: number): readonly number[] {
    return this.#replies.repliesOf(conversationId);
  }

  rank(text: string, signals: Signals = {}, limit = 10): Ranking {
    const failureWords = (signals.failures ?? []).map((f) => FAILURE_WORDS[f]).join(' ');
    // The cause of a recent failed payment joins the question: "it did not work" means that failure.
    const macroHits = this.#macros.search(failureWords ? `${text} ${failureWords}` : text).slice(0, 20);
    const terms = termsOf(text);
    const replyHits = this.#replies.search(terms, 20);
    const lexiconHits = this.#categories.search(`${text} ${failureWords}`);

    // Evidence for each category: its words, the macros and the replies that match, the signals.
    const queryTerms = Math.max(1, new Set(terms).size);
    const relevance = (hit: { score: number; queryTerms: string[] }, top: number) => Math.min(1, hit.queryTerms.length / queryTerms) * Math.sqrt(top > 0 ? hit.score / top : 0);
    const evidence = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
    const add = (category: Category | null | undefined, amount: number) => {
      if (category) evidence.set(category, evidence.get(category)! + amount);
    };
    const topLexicon = lexiconHits[0]?.score ?? 0;
    for (const hit of lexiconHits) add(hit.id as Category, (hit.score / topLexicon) * 1.2);
    const topMacro = macroHits[0]?.score ?? 0;
    macroHits.slice(0, 5).forEach((hit, i) => add(this.#macroCategory.get(hit.id as string), relevance(hit, topMacro) * (i === 0 ? 1 : 0.4)));
    const topReply = replyHits[0]?.score ?? 0;
    for (const hit of replyHits.slice(0, 5)) add(hit.category, relevance(hit, topReply) * 0.3);
    if (URGENT_WORDS.test(text)) add('account_security', 1);
    if (signals.category && signals.category !== 'other') add(signals.category, 0.5);
    if (signals.failures?.length) add('payment_failed', 0.2);
    const total = [...evidence.values()].reduce((a, b) => a + b, 0);
    const categories = [...evidence]
      .map(([category, score]) => ({ category, score: total > 0 ? round(score / total) : 0 }))
      .sort((a, b) => b.score - a.score);
    const share = new Map(categories.map((c) => [c.category, c.score]));

    // Relevance: how much of the question a text covers, tempered by its BM25 rank among its kind; a
    // macro of the category the message is most likely about rises above an equal match elsewhere,
    // and the macros of the likeliest categories are candidates even when no word of theirs matched.
    const blend = (rel: number, category: Category | null | undefined) => round(0.6 * rel + 0.4 * (category ? share.get(category)! : 0));
    const macroScores = new Map<string, number>();
    for (const hit of macroHits) macroScores.set(hit.id as string, blend(relevance(hit, topMacro), this.#macroCategory.get(hit.id as string)));
    const likely = new Set(categories.slice(0, 2).map((c) => c.category));
    for (const [id, category] of this.#macroCategory) if (category && likely.has(category) && !macroScores.has(id)) macroScores.set(id, blend(0, category));
    const macros = [...macroScores]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    // A past reply is one agent's words for one customer: below a macro of equal relevance.
    const replies = replyHits.slice(0, limit).flatMap((hit) => {
      const reply = this.#replies.bestReply(hit.conversationId, hit.queryTerms);
      return reply ? [{ messageId: reply.messageId, conversationId: hit.conversationId, score: round(REPLY_WEIGHT * blend(relevance(hit, topReply), hit.category)) }] : [];
    });
    return { macros, replies, categories };
  }
}
