import type { Agent, ConversationDetail, ConversationSummary, Message } from '../api/types.js';
import { emptyEditor, type EditorState } from './editor.js';

export type Screen = { name: 'queue' } | { name: 'conversation'; id: number };

export interface LoadState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data?: T;
  error?: string;
}

export interface TuiState {
  agent: Agent;
  profile: string;
  screen: Screen;
  queue: LoadState<ConversationSummary[]>;
  selected: number;
  conversations: Record<number, LoadState<ConversationDetail>>;
  /** Lines scrolled up from the newest message, per conversation. */
  scroll: Record<number, number>;
  drafts: Record<number, EditorState>;
  sending: Record<number, boolean>;
  sendError: Record<number, string | undefined>;
  connection: 'online' | 'offline';
  flash: { text: string; kind: 'info' | 'error' } | undefined;
}

type Listener = () => void;

/** One store for everything the screens show; responses and events go in, screens read slices. */
export class Store {
  #state: TuiState;
  readonly #listeners = new Set<Listener>();

  constructor(initial: TuiState) {
    this.#state = initial;
  }

  getState = (): TuiState => this.#state;

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  update(change: (state: TuiState) => Partial<TuiState>): void {
    this.#state = { ...this.#state, ...change(this.#state) };
    for (const listener of this.#listeners) listener();
  }
}

export function initialState(agent: Agent, profile: string): TuiState {
  return {
    agent,
    profile,
    screen: { name: 'queue' },
    queue: { status: 'idle' },
    selected: 0,
    conversations: {},
    scroll: {},
    drafts: {},
    sending: {},
    sendError: {},
    connection: 'online',
    flash: undefined,
  };
}

export const draftOf = (state: TuiState, id: number): EditorState => state.drafts[id] ?? emptyEditor;

/** Adds a sent message to the open conversation and moves its queue row, without refetching. */
export function withSentMessage(state: TuiState, id: number, message: Message, summary: ConversationSummary): Partial<TuiState> {
  const current = state.conversations[id];
  const detail = current?.data;
  const conversations =
    detail && !detail.messages.some((m) => m.id === message.id)
      ? { ...state.conversations, [id]: { ...current, data: { ...detail, conversation: summary, messages: [...detail.messages, message] } } }
      : state.conversations;
  const queue = state.queue.data
    ? { ...state.queue, data: state.queue.data.map((c) => (c.id === id ? summary : c)) }
    : state.queue;
  return { conversations, queue };
}
