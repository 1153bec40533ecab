import type { Category } from '../../../api/enums.js';
import { ConversationIndex, type ConversationDoc, type ConversationHit } from './conversation-index.js';

export type { ConversationHit } from './conversation-index.js';

/** An agent's public reply on a conversation that was resolved, with the customer's words it answered. */
export interface ReplyEntry {
  messageId: number;
  conversationId: number;
  category: Category;
  question: string;
  body: string;
}

/**
 * The latest settled conversations, searched again on their own when a question holds no word
 * selective among all of them: a word too common across the desk's history may still tell apart
 * the last few thousand conversations, and the desk's latest answers are the ones worth showing.
 */
const RECENT = 5000;

/** The replies that resolved past conversations: every settled conversation, and the latest ones apart. */
export class PastReplies {
  readonly #all = new ConversationIndex();
  readonly #recent = new ConversationIndex();
  /** The latest conversations, oldest first, and those of them #recent holds. */
  readonly #latest = new Set<number>();
  readonly #apart = new Set<number>();
  /** Whether a conversation indexed goes into #recent at once (not while the first build reads pages: most would leave it soon after). */
  #live = true;
  readonly #entries = new Map<number, ReplyEntry>();
  readonly #repliesOf = new Map<number, number[]>();

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

  /**
   * More replies of one conversation, beside those indexed already: the first build, page by page.
   * The latest conversations are indexed apart afterwards (indexLatest).
   */
  add(conversationId: number, replies: readonly ReplyEntry[]): void {
    this.#live = false;
    const fresh = replies.filter((r) => !this.#entries.has(r.messageId));
    if (fresh.length === 0) return;
    const kept = this.repliesOf(conversationId).map((id) => this.#entries.get(id)!);
    this.#remove(conversationId);
    this.#insert(conversationId, [...kept, ...fresh]);
  }

  /** Indexes apart up to `count` of the latest conversations not yet; true once all are (and those to come will be at once). */
  indexLatest(count: number): boolean {
    let left = count;
    for (const id of this.#latest) {
      if (this.#apart.has(id)) continue;
      if (left-- <= 0) return false;
      this.#recent.add(this.#docOf(id)!);
      this.#apart.add(id);
    }
    this.#live = true;
    return true;
  }

  /** The conversation as indexed, from its replies indexed (undefined: none). */
  #docOf(conversationId: number): ConversationDoc | undefined {
    const replies = this.repliesOf(conversationId).map((id) => this.#entries.get(id)!);
    const last = replies.at(-1);
    return last && { id: conversationId, question: last.question, body: replies.map((r) => r.body).join('\n'), category: last.category };
  }

  #remove(conversationId: number): void {
    const doc = this.#docOf(conversationId);
    if (!doc) return;
    this.#all.remove(doc);
    this.#latest.delete(conversationId);
    if (this.#apart.delete(conversationId)) this.#recent.remove(doc);
    for (const id of this.repliesOf(conversationId)) this.#entries.delete(id);
    this.#repliesOf.delete(conversationId);
  }

  #insert(conversationId: number, replies: readonly ReplyEntry[]): void {
    if (replies.length === 0) return;
    for (const r of replies) this.#entries.set(r.messageId, r);
    this.#repliesOf.set(conversationId, replies.map((r) => r.messageId));
    const doc = this.#docOf(conversationId)!;
    this.#all.add(doc);
    this.#latest.add(conversationId);
    if (this.#live) {
      this.#recent.add(doc);
      this.#apart.add(conversationId);
    }
    if (this.#latest.size > RECENT) {
      const oldest = this.#latest.values().next().value!;
      this.#latest.delete(oldest);
      if (this.#apart.delete(oldest)) this.#recent.remove(this.#docOf(oldest)!);
    }
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

  /** The conversations most like a question (its terms), best first: among all, else among the latest. */
  search(terms: readonly string[], limit: number): ConversationHit[] {
    const hits = this.#all.search(terms, limit);
    return hits.length ? hits : this.#recent.search(terms, limit);
  }
}
