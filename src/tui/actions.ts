import { randomUUID } from 'node:crypto';
import { isApiError } from '../client/errors.js';
import type { SupportClient } from '../client/support-client.js';
import { emptyEditor } from './editor.js';
import { draftOf, withSentMessage, type Store } from './store.js';

const QUEUE_LIMIT = 10_000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What keys and effects do to the store: each talks to the API through the client and records the outcome. */
export function createActions(store: Store, client: SupportClient) {
  const networkState = (error: unknown) => (isApiError(error) && error.isNetwork ? 'offline' : 'online');

  async function loadQueue(): Promise<void> {
    store.update((s) => ({ queue: { ...s.queue, status: 'loading' } }));
    try {
      const data = await client.queueAll({}, QUEUE_LIMIT);
      store.update((s) => ({ queue: { status: 'ready', data }, selected: Math.min(s.selected, Math.max(0, data.length - 1)), connection: 'online' }));
    } catch (error) {
      store.update((s) => ({ queue: { ...s.queue, status: 'error', error: messageOf(error) }, connection: networkState(error) }));
    }
  }

  async function loadConversation(id: number): Promise<void> {
    store.update((s) => ({ conversations: { ...s.conversations, [id]: { ...s.conversations[id], status: 'loading' } } }));
    try {
      const data = await client.conversation(id);
      store.update((s) => ({ conversations: { ...s.conversations, [id]: { status: 'ready', data } }, connection: 'online' }));
    } catch (error) {
      store.update((s) => ({
        conversations: { ...s.conversations, [id]: { ...s.conversations[id], status: 'error', error: messageOf(error) } },
        connection: networkState(error),
      }));
    }
  }

  function openConversation(id: number): void {
    store.update(() => ({ screen: { name: 'conversation', id } }));
    void loadConversation(id);
  }

  /** Sends the draft. On failure the text stays in the composer, with the error beside it. */
  async function sendReply(id: number): Promise<void> {
    const state = store.getState();
    const draft = draftOf(state, id);
    const body = draft.text.trim();
    if (!body || state.sending[id]) return;
    store.update((s) => ({ sending: { ...s.sending, [id]: true }, sendError: { ...s.sendError, [id]: undefined } }));
    try {
      const sent = await client.sendMessage(id, { body, kind: 'reply', clientMessageId: randomUUID() });
      store.update((s) => ({
        ...withSentMessage(s, id, sent.message, sent.conversation),
        drafts: { ...s.drafts, [id]: emptyEditor },
        sending: { ...s.sending, [id]: false },
        scroll: { ...s.scroll, [id]: 0 },
        connection: 'online',
      }));
    } catch (error) {
      store.update((s) => ({
        sending: { ...s.sending, [id]: false },
        sendError: { ...s.sendError, [id]: messageOf(error) },
        connection: networkState(error),
      }));
    }
  }

  return { loadQueue, loadConversation, openConversation, sendReply };
}

export type Actions = ReturnType<typeof createActions>;
