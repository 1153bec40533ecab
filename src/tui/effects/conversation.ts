import { withWallets } from '../state/changes.js';
import type { Connection } from './connection.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';
import type { Presence } from './presence.js';

const HISTORY_PAGE = 200;
const HISTORY_LIMIT = 10_000;

/** A conversation and its customer: opening, loading (the whole history in the background), leaving. */
export function createConversationEffects(ctx: EffectContext, connection: Connection, presence: Presence, loadIncidentOf: (id: number) => Promise<void>) {
  const { store, client } = ctx;
  const { reached } = connection;

  async function loadHistory(id: number): Promise<void> {
    let cursor = store.getState().conversations[id]?.data?.olderMessagesCursor ?? null;
    let loaded = store.getState().conversations[id]?.data?.messages.length ?? 0;
    while (cursor && loaded < HISTORY_LIMIT && !ctx.disposed()) {
      const page = await client.conversations.messages(id, { cursor, limit: HISTORY_PAGE });
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
    store.update((s) => {
      const entry = s.conversations[id];
      return entry ? { conversations: { ...s.conversations, [id]: { ...entry, historyComplete: true } } } : {};
    });
  }

  async function loadConversation(id: number): Promise<void> {
    store.update((s) => ({ conversations: { ...s.conversations, [id]: { ...s.conversations[id], status: 'loading' } } }));
    try {
      const data = await client.conversations.get(id);
      store.update((s) => ({ conversations: { ...s.conversations, [id]: { status: 'ready', data, historyComplete: !data.olderMessagesCursor } }, ...withWallets(s, data.accounts) }));
      reached(true);
      if (data.olderMessagesCursor) await loadHistory(id);
    } catch (error) {
      store.update((s) => ({ conversations: { ...s.conversations, [id]: { ...s.conversations[id], status: 'error', error: messageOf(error) } } }));
      reached(false, error);
    }
  }

  async function loadCustomer(customerId: string): Promise<void> {
    store.update((s) => ({ customers: { ...s.customers, [customerId]: { ...s.customers[customerId], status: 'loading' } } }));
    try {
      const data = await client.customers.get(customerId);
      store.update((s) => ({ customers: { ...s.customers, [customerId]: { status: 'ready', data } }, ...withWallets(s, data.accounts) }));
    } catch (error) {
      store.update((s) => ({ customers: { ...s.customers, [customerId]: { ...s.customers[customerId], status: 'error', error: messageOf(error) } } }));
    }
  }

  /** Opens a conversation in reading mode; its customer's context loads beside it, others see us there. */
  function openConversation(id: number): void {
    const previous = store.getState().screen;
    if (previous.name === 'conversation' && previous.id !== id) presence.leaveConversation(previous.id);
    store.update(() => ({ screen: { name: 'conversation', id }, selectedId: id, composing: false }));
    presence.startPresence(id);
    void loadIncidentOf(id);
    void loadConversation(id).then(() => {
      const customerId = store.getState().conversations[id]?.data?.customer.id;
      if (customerId) void loadCustomer(customerId);
    });
  }

  return { loadConversation, loadCustomer, openConversation };
}
