import MiniSearch, { type SearchOptions } from 'minisearch';
import { CATEGORIES, type Category, type FailureReason } from '../../../api/enums.js';
import { CATEGORY_WORDS, FAILURE_WORDS, URGENT_WORDS } from './lexicon.js';
import { PastReplies, type ReplyEntry } from './past-replies.js';
import { TermCounts } from './term-counts.js';
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
/** A word a customer may have mistyped or shortened: Latin letters only (a Chinese word, an amount or an id is matched as written). */
const isLatinWord = (term: string) => !/[\p{Script=Han}\p{N}]/u.test(term);
// Typos are corrected on Latin words long enough to have one, one letter at most: the search of two
// letters' difference over every word of the macros costs more than the rest of a suggestion.
const SEARCH: SearchOptions = {
  prefix: (term) => isLatinWord(term) && term.length >= 4,
  fuzzy: (term) => (isLatinWord(term) && term.length >= 5 ? 0.2 : false),
  maxFuzzy: 1,
  combineWith: 'OR',
};

type MacroDoc = { id: string; name: string; text: string; category: string };
type CategoryDoc = { id: string; words: string };

const round = (n: number) => Math.round(n * 1000) / 1000;
const REPLY_WEIGHT = 0.85;
/** Below this many macros holding it, a term is read whatever their share (#asksMacros). */
const COMMON_FLOOR = 100;

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
  /** Each macro's terms, and in how many macros each term occurs (#asksMacros). */
  readonly #macroTerms = new Map<string, string[]>();
  readonly #macroDf = new TermCounts();

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
    this.removeMacro(macro.id);
    this.#macros.add(doc);
    this.#macroCategory.set(macro.id, macro.category);
    const terms = [...termsOf(doc.name), ...termsOf(doc.text)];
    this.#macroTerms.set(macro.id, terms);
    this.#macroDf.add(terms);
  }

  removeMacro(id: string): void {
    if (this.#macros.has(id)) this.#macros.discard(id);
    this.#macroCategory.delete(id);
    this.#macroDf.remove(this.#macroTerms.get(id) ?? []);
    this.#macroTerms.delete(id);
  }

  /**
   * Whether a term is worth reading: one that more than half of the macros hold (的, 了, your, saldo in a
   * desk's every answer) weighs next to nothing in BM25, yet reading it means scoring most macros, which
   * matters once they are many (a small desk reads every word: its macros share many).
   */
  #asksMacros(term: string): boolean {
    const df = this.#macroDf.of(term);
    return df <= COMMON_FLOOR || df * 2 <= this.#macros.documentCount;
  }

  /** The replies of one conversation, replacing what was indexed for it (none: it is no longer settled). */
  putConversationReplies(conversationId: number, replies: readonly ReplyEntry[]): void {
    this.#replies.put(conversationId, replies);
  }

  /** More replies of one conversation, beside those indexed already (the first build reads them page by page). */
  addConversationReplies(conversationId: number, replies: readonly ReplyEntry[]): void {
    this.#replies.add(conversationId, replies);
  }

  /** After the first build: indexes apart up to `count` more of the latest conversations; true once done. */
  indexLatestReplies(count: number): boolean {
    return this.#replies.indexLatest(count);
  }

  /** The ids of the indexed replies of a conversation. */
  repliesOf(conversationId: number): readonly number[] {
    return this.#replies.repliesOf(conversationId);
  }

  rank(text: string, signals: Signals = {}, limit = 10): Ranking {
    const failureWords = (signals.failures ?? []).map((f) => FAILURE_WORDS[f]).join(' ');
    // The cause of a recent failed payment joins the question: "it did not work" means that failure.
    const asked = termsOf(failureWords ? `${text} ${failureWords}` : text).filter((term) => this.#asksMacros(term));
    const macroHits = this.#macros.search(text, { tokenize: () => asked }).slice(0, 20);
    const terms = termsOf(text);
    const replyHits = this.#replies.search(terms, 20);
    const lexiconHits = this.#categories.search(`${text} ${failureWords}`);

    // Evidence for each category: its words, the macros and the replies that match, the signals.
    const queryTerms = Math.max(1, new Set(terms).size);
    const macroQueryTerms = Math.max(1, new Set(terms.filter((term) => this.#asksMacros(term))).size);
    const relevance = (hit: { score: number; queryTerms: string[] }, top: number, of = queryTerms) => Math.min(1, hit.queryTerms.length / of) * Math.sqrt(top > 0 ? hit.score / top : 0);
    const evidence = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
    const add = (category: Category | null | undefined, amount: number) => {
      if (category) evidence.set(category, evidence.get(category)! + amount);
    };
    const topLexicon = lexiconHits[0]?.score ?? 0;
    for (const hit of lexiconHits) add(hit.id as Category, (hit.score / topLexicon) * 1.2);
    const topMacro = macroHits[0]?.score ?? 0;
    macroHits.slice(0, 5).forEach((hit, i) => add(this.#macroCategory.get(hit.id as string), relevance(hit, topMacro, macroQueryTerms) * (i === 0 ? 1 : 0.4)));
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
    for (const hit of macroHits) macroScores.set(hit.id as string, blend(relevance(hit, topMacro, macroQueryTerms), this.#macroCategory.get(hit.id as string)));
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
