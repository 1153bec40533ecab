import { randomUUID } from 'node:crypto';
import type { MessageKind } from '../api/enums.js';
import type { ConversationSummary, QueuePage } from '../api/types.js';
import { isApiError } from '../client/errors.js';
import type { SupportClient } from '../client/support-client.js';
import { emptyEditor } from './editor.js';
import type { OutboxEntry } from './persistence/outbox.js';
import { DEFAULT_QUEUE_STATUS, statusParam } from './queue-view.js';
import { draftOf, withMessage, type MacroPreview, type Store, type TuiState } from './store.js';

const QUEUE_LIMIT = 50_000;
const QUEUE_PAGE = 200;
const HISTORY_PAGE = 200;
const HISTORY_LIMIT = 10_000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** No answer at all, or a server that is down: worth waiting out. */
function isUnreachable(error: unknown): boolean {
  return isApiError(error) && (error.isNetwork || error.status === 502 || error.status === 503 || error.status === 504);
}

export interface ActionOptions {
  /** Called when the outbox changes, to persist it. */
  onOutboxChange?: (entries: OutboxEntry[]) => void;
  /** How long to wait before probing an unreachable API again (ms), doubling up to 30 s. */
  retryBaseMs?: number;
  /** A request for the first page of the default queue that is already under way. */
  firstPage?: Promise<QueuePage>;
}

/** What keys and effects do: each talks to the API through the client and records the outcome. */
export function createActions(store: Store, client: SupportClient, options: ActionOptions = {}) {
  const retryBase = options.retryBaseMs ?? 2000;
  let probeTimer: NodeJS.Timeout | undefined;
  let probeDelay = retryBase;
  let flushing = false;
  let disposed = false;

  function flash(text: string, kind: 'info' | 'error' = 'info') {
    store.update(() => ({ flash: { text, kind, at: Date.now() } }));
  }

  function setOutbox(change: (entries: OutboxEntry[]) => OutboxEntry[]) {
    store.update((s) => ({ outbox: change(s.outbox) }));
    options.onOutboxChange?.(store.getState().outbox);
  }

  /** Records the outcome of a call: an answer means online; no answer starts probing until it returns. */
  function reached(ok: boolean, error?: unknown) {
    if (ok) {
      const wasOffline = store.getState().connection !== 'online';
      if (wasOffline) store.update(() => ({ connection: 'online' }));
      probeDelay = retryBase;
      if (wasOffline) void flushOutbox();
      return;
    }
    if (isUnreachable(error)) {
      store.update(() => ({ connection: 'offline' }));
      scheduleProbe();
    }
  }

  function scheduleProbe() {
    if (probeTimer || disposed) return;
    probeTimer = setTimeout(async () => {
      probeTimer = undefined;
      store.update(() => ({ connection: 'reconnecting' }));
      try {
        await client.me();
        reached(true);
        void loadQueue();
      } catch (error) {
        probeDelay = Math.min(probeDelay * 2, 30_000);
        store.update(() => ({ connection: 'offline' }));
        if (isUnreachable(error)) scheduleProbe();
      }
    }, probeDelay);
    probeTimer.unref();
  }

  let queueGeneration = 0;
  let prefetched = options.firstPage;

  /**
   * Loads the queue page by page: the first page is on screen at once, the rest follows in the
   * background. A newer load (another filter, a reload) makes an older one stop.
   */
  async function loadQueue(): Promise<void> {
    const generation = ++queueGeneration;
    store.update((s) => ({ queue: { ...s.queue, status: 'loading' } }));
    const status = statusParam(store.getState().filter.status);
    const rows: ConversationSummary[] = [];
    let cursor: string | undefined;
    try {
      do {
        const usePrefetched = prefetched && !cursor && status === DEFAULT_QUEUE_STATUS;
        const page = await (usePrefetched ? prefetched! : client.queue({ status, limit: QUEUE_PAGE, ...(cursor ? { cursor } : {}) }));
        prefetched = undefined;
        if (generation !== queueGeneration || disposed) return;
        rows.push(...page.data);
        cursor = page.nextCursor ?? undefined;
        // A new array per page, so that views keyed on the data see the change.
        const data = rows.slice();
        const done = !cursor || rows.length >= QUEUE_LIMIT;
        store.update((s) => ({ queue: { status: done ? 'ready' : 'loading', data }, selectedId: s.selectedId ?? data[0]?.id }));
        if (rows.length === page.data.length) reached(true);
      } while (cursor && rows.length < QUEUE_LIMIT);
    } catch (error) {
      if (generation !== queueGeneration) return;
      store.update((s) => ({ queue: { ...s.queue, status: 'error', error: messageOf(error) } }));
      reached(false, error);
    }
  }

  async function loadHistory(id: number): Promise<void> {
    let cursor = store.getState().conversations[id]?.data?.olderMessagesCursor ?? null;
    let loaded = store.getState().conversations[id]?.data?.messages.length ?? 0;
    while (cursor && loaded < HISTORY_LIMIT && !disposed) {
      const page = await client.messages(id, { cursor, limit: HISTORY_PAGE });
      cursor = page.nextCursor;
      loaded += page.data.length;
      store.update((s) => {
        const entry = s.conversations[id];
        if (!entry?.data) return {};
        const known = new Set(entry.data.messages.map((m) => m.id));
        const older = page.data.filter((m) => !known.has(m.id));
        return { conversations: { ...s.conversations, [id]: { ...entry, data: { ...entry.data, messages: [...older, ...entry.data.messages], olderMessagesCursor: cursor } } } };
      });
    }
    store.update((s) => (s.conversations[id] ? { conversations: { ...s.conversations, [id]: { ...s.conversations[id], historyComplete: true } } } : {}));
  }

  async function loadConversation(id: number): Promise<void> {
    store.update((s) => ({ conversations: { ...s.conversations, [id]: { ...s.conversations[id], status: 'loading' } } }));
    try {
      const data = await client.conversation(id);
      store.update((s) => ({ conversations: { ...s.conversations, [id]: { status: 'ready', data, historyComplete: !data.olderMessagesCursor } } }));
      reached(true);
      if (data.olderMessagesCursor) await loadHistory(id);
    } catch (error) {
      store.update((s) => ({ conversations: { ...s.conversations, [id]: { ...s.conversations[id], status: 'error', error: messageOf(error) } } }));
      reached(false, error);
    }
  }

  function openConversation(id: number): void {
    store.update(() => ({ screen: { name: 'conversation', id }, selectedId: id }));
    void loadConversation(id);
  }

  async function deliver(entry: OutboxEntry) {
    const sent = await client.sendMessage(entry.conversationId, { body: entry.body, kind: entry.kind, clientMessageId: entry.clientMessageId });
    store.update((s) => withMessage(s, entry.conversationId, sent.message, sent.conversation));
    return sent;
  }

  /**
   * Sends the draft. Refused by the server: the text stays in the composer with the reason. No answer:
   * the message waits in the outbox (on disk) and goes out, once, when the API is back.
   */
  async function sendDraft(id: number): Promise<void> {
    const state = store.getState();
    const draft = draftOf(state, id);
    const body = draft.text.replace(/\s+$/, '');
    if (!body.trim() || state.sending[id]) return;
    const kind: MessageKind = state.composeKind[id] ?? 'reply';
    const entry: OutboxEntry = { conversationId: id, body, kind, clientMessageId: randomUUID(), queuedAt: Date.now() };
    if (state.connection !== 'online' || state.outbox.some((e) => !e.error)) {
      // Keep the order: behind what is already waiting.
      queueEntry(entry);
      return;
    }
    store.update((s) => ({ sending: { ...s.sending, [id]: true }, sendError: { ...s.sendError, [id]: undefined } }));
    try {
      await deliver(entry);
      store.update((s) => ({ drafts: { ...s.drafts, [id]: emptyEditor }, sending: { ...s.sending, [id]: false }, scroll: { ...s.scroll, [id]: 0 } }));
      reached(true);
    } catch (error) {
      store.update((s) => ({ sending: { ...s.sending, [id]: false } }));
      if (isUnreachable(error)) {
        queueEntry(entry);
        reached(false, error);
        return;
      }
      store.update((s) => ({ sendError: { ...s.sendError, [id]: messageOf(error) } }));
    }
  }

  function queueEntry(entry: OutboxEntry) {
    setOutbox((entries) => [...entries, entry]);
    store.update((s) => ({ drafts: { ...s.drafts, [entry.conversationId]: emptyEditor }, scroll: { ...s.scroll, [entry.conversationId]: 0 } }));
    flash('Not connected: the message waits in the outbox and goes out when the API is back');
    if (store.getState().connection === 'online') void flushOutbox();
  }

  /** Sends waiting messages in order; stops at the first that gets no answer. */
  async function flushOutbox(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      for (;;) {
        const next = store.getState().outbox.find((e) => !e.error);
        if (!next || disposed) return;
        try {
          await deliver(next);
          setOutbox((entries) => entries.filter((e) => e.clientMessageId !== next.clientMessageId));
          reached(true);
        } catch (error) {
          if (isUnreachable(error)) {
            reached(false, error);
            return;
          }
          // Refused for good: the text goes back to its composer, with the reason, rather than being lost.
          setOutbox((entries) => entries.filter((e) => e.clientMessageId !== next.clientMessageId));
          store.update((s) => {
            const draft = draftOf(s, next.conversationId);
            const text = draft.text ? `${next.body}\n${draft.text}` : next.body;
            return {
              drafts: { ...s.drafts, [next.conversationId]: { text, cursor: text.length } },
              sendError: { ...s.sendError, [next.conversationId]: messageOf(error) },
            };
          });
          flash(`A queued message to #${next.conversationId} was refused: ${messageOf(error)}`, 'error');
        }
      }
    } finally {
      flushing = false;
    }
  }

  async function loadMacros(): Promise<void> {
    if (store.getState().macros.status === 'ready' || store.getState().macros.status === 'loading') return;
    store.update(() => ({ macros: { status: 'loading' } }));
    try {
      const data = await client.macrosAll();
      store.update(() => ({ macros: { status: 'ready', data } }));
    } catch (error) {
      store.update(() => ({ macros: { status: 'error', error: messageOf(error) } }));
      reached(false, error);
    }
  }

  let previewGeneration = 0;

  /** Fills the macro for the open conversation, for the picker to show before anything is inserted. */
  async function previewMacro(conversationId: number, macroId: string): Promise<void> {
    const generation = ++previewGeneration;
    const setPreview = (preview: MacroPreview) =>
      store.update((s) => (s.overlay?.kind === 'macros' && generation === previewGeneration ? { overlay: { ...s.overlay, preview } } : {}));
    setPreview({ macroId, status: 'loading' });
    try {
      const rendered = await client.renderMacro(macroId, { conversationId });
      setPreview({ macroId, status: 'ready', text: rendered.text, notice: rendered.notice });
    } catch (error) {
      setPreview({ macroId, status: 'error', error: messageOf(error) });
    }
  }

  function restore(state: Pick<TuiState, 'drafts' | 'outbox'>) {
    store.update(() => ({ drafts: state.drafts, outbox: state.outbox }));
    if (state.outbox.length) void flushOutbox();
  }

  function dispose() {
    disposed = true;
    if (probeTimer) clearTimeout(probeTimer);
  }

  return { loadQueue, loadConversation, openConversation, sendDraft, flushOutbox, loadMacros, previewMacro, restore, flash, dispose };
}

export type Actions = ReturnType<typeof createActions>;
