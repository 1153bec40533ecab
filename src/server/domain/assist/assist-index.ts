import type { Kysely } from 'kysely';
import type { LiveEvent } from '../../../api/events.js';
import type { Category, Language } from '../../../api/enums.js';
import type { Macro } from '../../../api/types.js';
import { settledRepliesAfter, settledRepliesOf, SETTLED_STATUSES } from '../../store/assist.js';
import { bodiesOf } from '../../store/macros.js';
import type { Database } from '../../store/tables.js';
import { Ranker, type MacroEntry } from './ranking.js';

const PAGE = 5000;

export interface MacroCard {
  id: string;
  shortcut: string;
  name: string;
  category: Category | null;
  bodies: Partial<Record<Language, string>>;
}

export interface ReplyCard {
  conversationId: number;
  category: Category;
  body: string;
}

/**
 * The server's index of what the desk knows, kept in memory and in step with the database: built
 * once from the stored macros and settled conversations (in the background from the moment the
 * server listens), then changed by the live events every instance receives — a macro saved or
 * deleted, a conversation resolved, closed or reopened — so that nothing needs a restart.
 */
export class AssistIndex {
  readonly ranker = new Ranker();
  readonly #db: Kysely<Database>;
  readonly #macros = new Map<string, MacroCard>();
  readonly #replies = new Map<number, ReplyCard>();
  #built: Promise<void> | undefined;
  /** Events that arrive while the index is built: applied after it, in order. */
  #pending: LiveEvent[] = [];
  #applying: Promise<void> = Promise.resolve();
  readonly #onError: (error: unknown) => void;

  constructor(db: Kysely<Database>, onError: (error: unknown) => void = () => {}) {
    this.#db = db;
    this.#onError = onError;
  }

  /** Resolves once the index holds every stored macro and settled reply. */
  ready(): Promise<void> {
    this.#built ??= this.#build();
    return this.#built;
  }

  macro(id: string): MacroCard | undefined {
    return this.#macros.get(id);
  }

  reply(messageId: number): ReplyCard | undefined {
    return this.#replies.get(messageId);
  }

  /** The bus hands every committed event here. */
  receive(event: LiveEvent): void {
    if (!this.#built) return;
    this.#pending.push(event);
    this.#applying = this.#applying
      .then(() => this.#built)
      .then(() => this.#drain())
      .catch((error: unknown) => this.#onError(error));
  }

  /** Every event received so far is applied (tests, and a suggestion that must see a change just made). */
  settled(): Promise<void> {
    return this.#applying;
  }

  async #drain(): Promise<void> {
    const events = this.#pending;
    this.#pending = [];
    for (const event of events) await this.#apply(event);
  }

  async #apply(event: LiveEvent): Promise<void> {
    switch (event.type) {
      case 'macro.created':
      case 'macro.updated': {
        const macro = (event.data as { macro: Macro | null }).macro;
        if (macro) this.#putMacro({ id: macro.id, shortcut: macro.shortcut, name: macro.name, category: macro.category, bodies: macro.bodies });
        return;
      }
      case 'macro.deleted':
        this.#macros.delete((event.data as { id: string }).id);
        this.ranker.removeMacro((event.data as { id: string }).id);
        return;
      case 'conversation.updated': {
        const changes = (event.data as { changes: Record<string, unknown> }).changes;
        if (!('status' in changes) && !('category' in changes)) return;
        await this.#refreshConversation(event.conversationId!);
        return;
      }
      case 'message.created': {
        // A reply added to a conversation already settled (a last word after resolving).
        const status = (event.data as { conversation: { status: string } }).conversation.status;
        if ((SETTLED_STATUSES as readonly string[]).includes(status)) await this.#refreshConversation(event.conversationId!);
        return;
      }
      default:
        return;
    }
  }

  async #refreshConversation(conversationId: number): Promise<void> {
    const replies = await settledRepliesOf(this.#db, conversationId);
    for (const old of this.ranker.repliesOf(conversationId)) this.#replies.delete(old);
    this.ranker.putConversationReplies(conversationId, replies);
    for (const r of replies) this.#replies.set(r.messageId, { conversationId, category: r.category, body: r.body });
  }

  #putMacro(macro: MacroCard): void {
    this.#macros.set(macro.id, macro);
    this.ranker.putMacro(macro as MacroEntry);
  }

  async #build(): Promise<void> {
    const rows = await this.#db.selectFrom('macros').selectAll().execute();
    for (const row of rows) this.#putMacro({ id: row.id, shortcut: row.shortcut, name: row.name, category: row.category as Category | null, bodies: bodiesOf(row) });
    let after = 0;
    for (;;) {
      const page = await settledRepliesAfter(this.#db, after, PAGE);
      const byConversation = new Map<number, typeof page>();
      for (const reply of page) {
        byConversation.set(reply.conversationId, [...(byConversation.get(reply.conversationId) ?? []), reply]);
        this.#replies.set(reply.messageId, { conversationId: reply.conversationId, category: reply.category, body: reply.body });
      }
      for (const [conversationId, replies] of byConversation) this.ranker.addConversationReplies(conversationId, replies);
      if (page.length < PAGE) return;
      after = page.at(-1)!.messageId;
    }
  }
}
