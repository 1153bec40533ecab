import MiniSearch from 'minisearch';
import type { Category } from '../../../api/enums.js';
import { TermCounts } from './term-counts.js';
import { termsOf } from './terms.js';

/**
 * One document per settled conversation: its question once, and its replies together. A conversation
 * is what is alike or not (its replies share the question, and one of them is suggested), and a
 * question's words counted once per conversation rather than once per reply make a posting list a
 * few times shorter: the work of a suggestion is the postings read.
 */
export type ConversationDoc = { id: number; question: string; body: string; category: string };

/** A settled conversation that matched a question. */
export interface ConversationHit {
  conversationId: number;
  category: Category;
  score: number;
  queryTerms: string[];
}

/**
 * termsOf, remembering the last few texts: a conversation's texts are cut once for the document
 * frequencies and once for each index that holds it.
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

export function termsOfConversation(doc: ConversationDoc): string[] {
  return [...conversationTerms(doc.question), ...conversationTerms(doc.body)];
}

/**
 * A question's terms are read in at most this many conversations in all, the rarest terms first (BM25
 * weighs them most): a word that thousands of conversations contain says little about which one
 * fits, and reading its postings costs more than a suggestion may take.
 */
const POSTINGS_BUDGET = 1000;

/** Settled conversations, searchable by the question and by what was answered, by their selective words. */
export class ConversationIndex {
  readonly #index = new MiniSearch<ConversationDoc>({
    fields: ['question', 'body'],
    storeFields: ['category'],
    tokenize: conversationTerms,
    processTerm: (term) => term,
    // Exact terms only, and only the selective ones: typo and prefix expansion over this index cost
    // more than a suggestion may take; the macros, a small index, absorb the typos.
    searchOptions: { combineWith: 'OR', boost: { question: 2 } },
  });
  /** In how many conversations each term occurs. */
  readonly #df = new TermCounts();

  add(doc: ConversationDoc): void {
    this.#df.add(termsOfConversation(doc));
    this.#index.add(doc);
  }

  remove(doc: ConversationDoc): void {
    this.#df.remove(termsOfConversation(doc));
    this.#index.discard(doc.id);
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

  /** The conversations most like a question (its terms), best first; none when none of its words is selective. */
  search(terms: readonly string[], limit: number): ConversationHit[] {
    const selective = this.#selectiveTerms(terms);
    if (selective.length === 0) return [];
    return this.#index
      .search(selective.join(' '), { tokenize: (query) => query.split(' ') })
      .slice(0, limit)
      .map((hit) => ({ conversationId: hit.id as number, category: hit['category'] as Category, score: hit.score, queryTerms: hit.queryTerms }));
  }
}
