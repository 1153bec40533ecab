import MiniSearch from 'minisearch';
import type { Category } from '../../../api/enums.js';
import { TermCounts } from './term-counts.js';
import { termsOf } from './terms.js';

/** An agent's public reply on a conversation that was resolved, with the customer's words it answered. */
export interface ReplyEntry {
  messageId: number;
  conversationId: number;
  category: Category;
  question: string;
  body: string;
}

/** A settled conversation that matched a question. */
export interface ConversationHit {
  conversationId: number;
  category: Category;
  score: number;
  queryTerms: string[];
}

/**
 * One document per settled conversation: its question once, and its replies together. A conversation
 * is what is alike or not (its replies share the question, and one of them is suggested), and a
 * question's words counted once per conversation rather than once per reply make a posting list a
 * few times shorter: the work of a suggestion is the postings read.
 */
type ConversationDoc = { id: number; question: string; body: string; category: string };

/**
 * termsOf, remembering the last few texts: a conversation's texts are cut once for the document
 * frequencies and once for the index.
 */
function recentTermsOf(size: number): (text: string) => string[] {
  const recent = new Map<string, string[]>();
  return (text) => {
    let terms = recent.get(text);
    if (!terms) {
      terms = termsOf(text);
      recent.set(text, terms);
      if (recent.size > size) recent.delete(recent.keys().next().value!);
    }
    return terms;
  };
}
const conversationTerms = recentTermsOf(8);

/**
 * A question's terms are read in at most this many conversations in all, the rarest terms first (BM25
 * weighs them most): over 25,000 conversations, a word that thousands of them contain says little
 * about which one fits, and reading its postings costs more than a suggestion may take.
 */
const POSTINGS_BUDGET = 1000;

/** The replies that resolved past conversations, searchable by the question and by what was answered. */
export class PastReplies {
  readonly #index = new MiniSearch<ConversationDoc>({
    fields: ['question', 'body'],
    storeFields: ['category'],
    tokenize: conversationTerms,
    processTerm: (term) => term,
    // Exact terms only, and only the selective ones (#selectiveTerms): typo and prefix expansion over
    // this index cost more than a suggestion may take; the macros, a small index, absorb the typos.
    searchOptions: { combineWith: 'OR', boost: { question: 2 } },
  });
  readonly #entries = new Map<number, ReplyEntry>();
  readonly #repliesOf = new Map<number, number[]>();
  /** In how many indexed conversations each term occurs. */
  readonly #df = new TermCounts();

  /** Replies indexed (a conversation holds a few). */
  get count(): number {
    return this.#entries.size;
  }

  /** The ids of the indexed replies of a conversation. */
  repliesOf(conversationId: number): readonly number[] {
    return this.#repliesOf.get(conversationId) ?? [];
  }

  /** The replies of one conversation, replacing what was indexed for it (none: it is no longer settled). */
  put(conversationId: number, replies: readonly ReplyEntry[]): void {
    this.#remove(conversationId);
    this.#insert(conversationId, replies);
  }

  /** More replies of one conversation, beside those indexed already (the first build reads them page by page). */
  add(conversationId: number, replies: readonly ReplyEntry[]): void {
    const fresh = replies.filter((r) => !this.#entries.has(r.messageId));
    if (fresh.length === 0) return;
    const kept = this.repliesOf(conversationId).map((id) => this.#entries.get(id)!);
    this.#remove(conversationId);
    this.#insert(conversationId, [...kept, ...fresh]);
  }

  #docOf(conversationId: number, replies: readonly ReplyEntry[]): ConversationDoc {
    const last = replies.at(-1)!;
    return { id: conversationId, question: last.question, body: replies.map((r) => r.body).join('\n'), category: last.category };
  }

  #termsOfDoc(doc: ConversationDoc): string[] {
    return [...conversationTerms(doc.question), ...conversationTerms(doc.body)];
  }

  #remove(conversationId: number): void {
    const ids = this.#repliesOf.get(conversationId);
    if (!ids) return;
    const doc = this.#docOf(conversationId, ids.map((id) => this.#entries.get(id)!));
    this.#df.remove(this.#termsOfDoc(doc));
    this.#index.discard(conversationId);
    for (const id of ids) this.#entries.delete(id);
    this.#repliesOf.delete(conversationId);
  }

  #insert(conversationId: number, replies: readonly ReplyEntry[]): void {
    if (replies.length === 0) return;
    const doc = this.#docOf(conversationId, replies);
    this.#df.add(this.#termsOfDoc(doc));
    this.#index.add(doc);
    for (const r of replies) this.#entries.set(r.messageId, r);
    this.#repliesOf.set(conversationId, replies.map((r) => r.messageId));
  }

  /** The question's terms that conversations contain, rarest first, as many as the postings budget allows. */
  #selectiveTerms(terms: readonly string[]): string[] {
    const counted = [...new Set(terms)].flatMap((term) => {
      const df = this.#df.of(term);
      return df > 0 ? [{ term, df }] : [];
    });
    counted.sort((a, b) => a.df - b.df);
    const chosen: string[] = [];
    let postings = 0;
    for (const { term, df } of counted) {
      if (postings + df > POSTINGS_BUDGET) break;
      postings += df;
      chosen.push(term);
    }
    return chosen;
  }

  /**
   * The reply of a conversation that holds most of the words it matched (ConversationHit.queryTerms, each once);
   * of equals, the longest (an answer, not a greeting). Asked only of the conversations suggested.
   */
  bestReply(conversationId: number, matched: readonly string[]): ReplyEntry | undefined {
    const ids = this.repliesOf(conversationId);
    if (ids.length <= 1) return ids.length ? this.#entries.get(ids[0]!) : undefined;
    let best: { entry: ReplyEntry; shared: number } | undefined;
    for (const id of ids) {
      const entry = this.#entries.get(id)!;
      // Found in the text rather than among its terms: cutting every reply into terms again (Chinese
      // through ICU) would cost more than the search; a term is its word or the start of it.
      const lower = entry.body.toLowerCase();
      const shared = matched.filter((term) => lower.includes(term)).length;
      if (!best || shared > best.shared || (shared === best.shared && entry.body.length > best.entry.body.length)) best = { entry, shared };
    }
    return best?.entry;
  }

  /** The conversations most like a question (its terms), best first. */
  search(terms: readonly string[], limit: number): ConversationHit[] {
    const selective = this.#selectiveTerms(terms);
    if (selective.length === 0) return [];
    return this.#index
      .search(selective.join(' '), { tokenize: (query) => query.split(' ') })
      .slice(0, limit)
      .map((hit) => ({ conversationId: hit.id as number, category: hit['category'] as Category, score: hit.score, queryTerms: hit.queryTerms }));
  }
}
