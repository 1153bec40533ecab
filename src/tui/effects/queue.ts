import { sanitize } from '../../api/text/sanitize.js';
import type { Availability } from '../../api/enums.js';
import type { ConversationSummary, QueuePage } from '../../api/types.js';
import { withConversation } from '../state/changes.js';
import { NO_FILTER } from '../state/types.js';
import { DEFAULT_QUEUE_STATUS, queueView, serverQuery } from '../state/queue-view.js';
import type { Connection } from './connection.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';

const QUEUE_LIMIT = 50_000;
const QUEUE_PAGE = 200;
const AVAILABILITY_CYCLE: Availability[] = ['online', 'away', 'offline'];

export interface QueueOptions {
  /** A request for the first page of the default queue that is already under way. */
  firstPage?: Promise<QueuePage> | undefined;
  /** That page, already in the store: loading goes on from its cursor. */
  initialPage?: QueuePage | undefined;
  /** Opens a conversation (claimed, or the next after resolving). */
  open(id: number): void;
}

/** The queue and what changes a conversation's place in it: loading, claiming, resolving, status. */
export function createQueueEffects(ctx: EffectContext, connection: Connection, options: QueueOptions) {
  const { store, client, flash } = ctx;
  const { reached } = connection;
  let queueGeneration = 0;
  let prefetched = options.initialPage ? Promise.resolve(options.initialPage) : options.firstPage;

  /**
   * Loads the queue page by page: the first page is on screen at once, the rest follows in the
   * background. A newer load (another filter, a reload) makes an older one stop.
   */
  async function loadQueue(): Promise<void> {
    const generation = ++queueGeneration;
    store.update((s) => ({ queue: { ...s.queue, status: 'loading' } }));
    const query = serverQuery(store.getState());
    // The page requested at start is the default queue's: a view asks for its own.
    const usePrefetched = store.getState().activeView === undefined && query.status === DEFAULT_QUEUE_STATUS;
    const rows: ConversationSummary[] = [];
    let cursor: string | undefined;
    try {
      do {
        const first = !cursor && usePrefetched ? prefetched : undefined;
        const page = await (first ?? client.queue.list({ ...query, limit: QUEUE_PAGE, ...(cursor ? { cursor } : {}) }));
        prefetched = undefined;
        if (generation !== queueGeneration || ctx.disposed()) return;
        rows.push(...page.data);
        cursor = page.nextCursor ?? undefined;
        // A new array per page, so that views keyed on the data see the change.
        const data = rows.slice();
        const done = !cursor || rows.length >= QUEUE_LIMIT;
        // The first row as shown: a view may sort otherwise than the server.
        store.update((s) => ({ queue: { status: done ? 'ready' : 'loading', data }, selectedId: s.selectedId ?? queueView({ ...s, queue: { status: 'ready', data } }).rows[0]?.id }));
        if (rows.length === page.data.length) reached(true);
      } while (cursor && rows.length < QUEUE_LIMIT);
    } catch (error) {
      if (generation !== queueGeneration) return;
      store.update((s) => ({ queue: { ...s.queue, status: 'error', error: messageOf(error) } }));
      reached(false, error);
    }
  }

  const upsertConversation = (c: ConversationSummary) => store.update((s) => withConversation(s, c));

  /** n: the next conversation the server picks for this agent, assigned and opened. Never automatic. */
  async function claimNext(): Promise<void> {
    try {
      const c = await client.queue.claimNext();
      upsertConversation(c);
      options.open(c.id);
      flash(`Claimed #${c.id}: ${c.subject}`);
      reached(true);
    } catch (error) {
      flash(messageOf(error), 'error');
      reached(false, error);
    }
  }

  /**
   * e (E also claims the next one, only because the agent asked for it). Returns what to tell the
   * agent; throws when the server refuses, for a dialog to show in place.
   */
  async function resolveNow(id: number, andNext: boolean): Promise<string> {
    try {
      const result = await client.conversations.resolve(id, { claimNext: andNext });
      reached(true);
      upsertConversation(result.conversation);
      if (!andNext) return `Resolved #${id}`;
      if (!result.next) return `Resolved #${id}; nothing to claim: ${result.nextError?.detail ?? 'the queue is empty for you'}`;
      upsertConversation(result.next);
      options.open(result.next.id);
      return `Resolved #${id}; claimed #${result.next.id}`;
    } catch (error) {
      reached(false, error);
      throw error;
    }
  }

  async function resolve(id: number, andNext: boolean): Promise<void> {
    try {
      flash(await resolveNow(id, andNext));
    } catch (error) {
      flash(messageOf(error), 'error');
    }
  }

  async function changeStatus(id: number, change: 'reopen' | 'pending'): Promise<void> {
    try {
      const c = change === 'reopen' ? await client.conversations.reopen(id) : await client.conversations.setPending(id);
      upsertConversation(c);
      flash(change === 'reopen' ? `Reopened #${id}` : `#${id} waits on the customer`);
    } catch (error) {
      flash(messageOf(error), 'error');
      reached(false, error);
    }
  }

  /** Shows a view of the config file (undefined: the default queue): its filters, afresh, with its columns and sort. */
  function selectView(index: number | undefined): void {
    const views = store.getState().views;
    const view = index === undefined ? undefined : views[index];
    if (index !== undefined && !view) return;
    store.update(() => ({ activeView: index, filter: NO_FILTER, searching: false, selectedId: undefined, queue: { status: 'loading' } }));
    flash(view ? `View ${index! + 1}: ${sanitize(view.name, { multiline: false })}` : 'The default queue');
    void loadQueue();
  }

  async function cycleAvailability(): Promise<void> {
    const current = store.getState().agent.availability;
    const next = AVAILABILITY_CYCLE[(AVAILABILITY_CYCLE.indexOf(current) + 1) % AVAILABILITY_CYCLE.length] ?? 'online';
    try {
      const profile = await client.me.setAvailability(next);
      store.update((s) => ({ agent: { ...s.agent, availability: profile.availability } }));
      flash(`You are ${profile.availability}`);
    } catch (error) {
      flash(messageOf(error), 'error');
    }
  }

  return { loadQueue, claimNext, resolveNow, resolve, changeStatus, cycleAvailability, selectView };
}
