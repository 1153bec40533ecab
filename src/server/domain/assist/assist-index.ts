import type { Kysely } from 'kysely';
import type { LiveEvent } from '../../../api/events.js';
import type { Category, Language } from '../../../api/enums.js';
import type { Macro } from '../../../api/types.js';
import { settledRepliesAfter, settledRepliesOf, SETTLED_STATUSES } from '../../store/assist.js';
import { bodiesOf } from '../../store/macros.js';
import type { Database } from '../../store/tables.js';
import { Ranker, type MacroEntry } from './ranking.js';

const PAGE = 2000;
/** Replies indexed between two turns of the event loop (a few milliseconds of work). */
const YIELD_EVERY = 50;

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
  #build: { macros: Promise<void>; replies: Promise<void> } | undefined;
  /**
   * Events apply in order, each after the part of the index it changes is built: macro changes as soon
   * as the macros are in, conversation changes once every settled reply is (the first build reads
   * replies page by page, and a change must not be overtaken by an older page).
   */
  #applyingMacros: Promise<void> = Promise.resolve();
  #applyingReplies: Promise<void> = Promise.resolve();
  readonly #onError: (error: unknown) => void;

  constructor(db: Kysely<Database>, onError: (error: unknown) => void = () => {}) {
    this.#db = db;
    this.#onError = onError;
  }

  #started() {
    if (!this.#build) {
      const macros = this.#loadMacros();
      this.#build = { macros, replies: macros.then(() => this.#loadReplies()) };
    }
    return this.#build;
  }

  /** Resolves once the index holds every stored macro and settled reply. */
  async ready(): Promise<void> {
    await this.#started().replies;
  }

  /** Resolves once the macros are in: suggestions answer from then on, with the replies indexed so far. */
  async macrosReady(): Promise<void> {
    await this.#started().macros;
  }

  macro(id: string): MacroCard | undefined {
    return this.#macros.get(id);
  }

  reply(messageId: number): ReplyCard | undefined {
    return this.#replies.get(messageId);
  }

  /** The bus hands every committed event here. */
  receive(event: LiveEvent): void {
    if (!this.#build) return;
    const build = this.#build;
    const run = () => this.#apply(event).catch((error: unknown) => this.#onError(error));
    if (event.type.startsWith('macro.')) this.#applyingMacros = this.#applyingMacros.then(() => build.macros).then(run, run);
    else if (event.type === 'conversation.updated' || event.type === 'message.created') this.#applyingReplies = this.#applyingReplies.then(() => build.replies).then(run, run);
  }

  /** Every event received so far is applied (tests, and a suggestion that must see a change just made). */
  async settled(): Promise<void> {
    await Promise.all([this.#applyingMacros, this.#applyingReplies]);
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

  async #loadMacros(): Promise<void> {
    const rows = await this.#db.selectFrom('macros').selectAll().execute();
    for (const row of rows) this.#putMacro({ id: row.id, shortcut: row.shortcut, name: row.name, category: row.category as Category | null, bodies: bodiesOf(row) });
  }

  /** Page by page, a conversation at a time, giving the event loop back often: requests are answered while it runs. */
  async #loadReplies(): Promise<void> {
    let after = 0;
    for (;;) {
      const page = await settledRepliesAfter(this.#db, after, PAGE);
      const byConversation = new Map<number, typeof page>();
      for (const reply of page) byConversation.set(reply.conversationId, [...(byConversation.get(reply.conversationId) ?? []), reply]);
      let sinceYield = 0;
      for (const [conversationId, replies] of byConversation) {
        this.ranker.addConversationReplies(conversationId, replies);
        for (const r of replies) this.#replies.set(r.messageId, { conversationId, category: r.category, body: r.body });
        sinceYield += replies.length;
        if (sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (page.length < PAGE) break;
      after = page.at(-1)!.messageId;
    }
    while (!this.ranker.indexLatestReplies(YIELD_EVERY)) await new Promise((resolve) => setImmediate(resolve));
  }
}
