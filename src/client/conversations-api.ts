import { randomUUID } from 'node:crypto';
import type { PresenceState } from '../api/enums.js';
import type {
  ConversationDetail,
  ConversationSummary,
  CreateConversationRequest,
  CreateConversationResponse,
  InboundMessageRequest,
  Message,
  MessagePage,
  PresenceEntry,
  QueuePage,
  QueueQuery,
  ResolveResponse,
  SendMessageRequest,
  TransferRequest,
  UpdateConversationRequest,
  EndCallRequest,
  EndCallResponse,
  StartConversationRequest,
  StartConversationResponse,
} from '../api/types.js';
import { collectPages } from './collect-pages.js';
import { idempotentPost, type Idempotent, type IdempotentOptions } from './money-api.js';
import type { Requester } from './requester.js';

export interface SentMessage {
  message: Message;
  conversation: ConversationSummary;
  /** The server had this clientMessageId already: nothing new was stored. */
  replayed: boolean;
}

const replayedOf = (headers: Record<string, string | string[] | undefined>) => headers['idempotent-replayed'] === 'true';

/** The queue as `client.queue`: pages of it, all of it, and claiming from it. */
export class QueueApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async list(query: QueueQuery = {}): Promise<QueuePage> {
    return (await this.#client.request<QueuePage>('GET', 'v1/queue', { query })).body;
  }

  /** Follows cursors until `max` conversations are collected or the queue ends. */
  async listAll(query: Omit<QueueQuery, 'cursor' | 'limit'> = {}, max = Number.POSITIVE_INFINITY): Promise<ConversationSummary[]> {
    return (await collectPages((page) => this.list({ ...query, ...page }), { limit: max })).data;
  }

  /** Assigns the next conversation in queue order to me. Fails with queue_empty, at_capacity or agent_unavailable (409). */
  async claimNext(): Promise<ConversationSummary> {
    return (await this.#client.request<{ conversation: ConversationSummary }>('POST', 'v1/queue/claim')).body.conversation;
  }
}

/** Conversations as `client.conversations`: reading, messages, the agent's workflow, presence, channels. */
export class ConversationsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async #transition(id: number, action: string, json?: unknown): Promise<ConversationSummary> {
    return (await this.#client.request<{ conversation: ConversationSummary }>('POST', `v1/conversations/${id}/${action}`, json === undefined ? {} : { json })).body.conversation;
  }

  async get(id: number): Promise<ConversationDetail> {
    return (await this.#client.request<ConversationDetail>('GET', `v1/conversations/${id}`)).body;
  }

  async messages(id: number, options: { cursor?: string; limit?: number } = {}): Promise<MessagePage> {
    return (await this.#client.request<MessagePage>('GET', `v1/conversations/${id}/messages`, { query: options })).body;
  }

  /** Sends a reply or note. The clientMessageId makes retries safe: the server stores the message once. */
  async send(id: number, input: SendMessageRequest): Promise<SentMessage> {
    const json = { ...input, clientMessageId: input.clientMessageId ?? randomUUID() };
    const response = await this.#client.request<{ message: Message; conversation: ConversationSummary }>('POST', `v1/conversations/${id}/messages`, { json, idempotent: true });
    return { ...response.body, replayed: replayedOf(response.headers) };
  }

  /** Resolves; with claimNext, claims the next conversation in the same call (`next`, or null and `nextError`). */
  async resolve(id: number, options: { claimNext?: boolean } = {}): Promise<ResolveResponse> {
    return (await this.#client.request<ResolveResponse>('POST', `v1/conversations/${id}/resolve`, { json: options })).body;
  }

  reopen(id: number): Promise<ConversationSummary> {
    return this.#transition(id, 'reopen');
  }

  /** Waiting on the customer: the response clocks pause until they write. */
  setPending(id: number): Promise<ConversationSummary> {
    return this.#transition(id, 'pending');
  }

  /** Closes a resolved conversation for good (supervisors). */
  close(id: number): Promise<ConversationSummary> {
    return this.#transition(id, 'close');
  }

  snooze(id: number, until: Date | number | string): Promise<ConversationSummary> {
    return this.#transition(id, 'snooze', { until: typeof until === 'string' ? until : new Date(until).toISOString() });
  }

  /** To an agent (toAgentId) or a team's queue (toTeam); the note is stored as an internal note. */
  transfer(id: number, input: TransferRequest): Promise<ConversationSummary> {
    return this.#transition(id, 'transfer', input);
  }

  /** Priority, category, tags (replace) or addTags/removeTags. */
  async update(id: number, changes: UpdateConversationRequest): Promise<ConversationSummary> {
    return (await this.#client.request<{ conversation: ConversationSummary }>('PATCH', `v1/conversations/${id}`, { json: changes })).body.conversation;
  }

  /** Heartbeat (every ~10 s while the conversation is open; entries expire after 30 s). Answers who is there. */
  async presence(id: number, state: PresenceState): Promise<PresenceEntry[]> {
    return (await this.#client.request<{ presence: PresenceEntry[] }>('POST', `v1/conversations/${id}/presence`, { json: { state } })).body.presence;
  }

  async leave(id: number): Promise<PresenceEntry[]> {
    return (await this.#client.request<{ presence: PresenceEntry[] }>('DELETE', `v1/conversations/${id}/presence`)).body.presence;
  }

  // Channel integrations (admin tokens).

  /** Opens a conversation with the customer's first message; an externalId makes a redelivery return the first. */
  async open(input: CreateConversationRequest): Promise<CreateConversationResponse & { replayed: boolean }> {
    const response = await this.#client.request<CreateConversationResponse>('POST', 'v1/conversations', { json: input, idempotent: input.externalId !== undefined });
    return { ...response.body, replayed: replayedOf(response.headers) };
  }

  /** A customer's message from a channel; the clientMessageId (generated if absent) makes retries safe. */
  async inbound(id: number, input: InboundMessageRequest): Promise<SentMessage> {
    const json = { ...input, clientMessageId: input.clientMessageId ?? randomUUID() };
    const response = await this.#client.request<{ message: Message; conversation: ConversationSummary }>('POST', `v1/conversations/${id}/inbound`, { json, idempotent: true });
    return { ...response.body, replayed: replayedOf(response.headers) };
  }
  /**
   * A conversation an agent starts: logs a phone call or writes first by email, chat or social. Sends
   * an Idempotency-Key (pass your own to make a retry of yours safe too).
   */
  create(customerId: string, input: StartConversationRequest, options: IdempotentOptions = {}): Promise<Idempotent<StartConversationResponse>> {
    return idempotentPost(this.#client, `v1/customers/${encodeURIComponent(customerId)}/conversations`, input, options);
  }

  /** Ends a logged call with its summary (required). */
  endCall(conversationId: number, input: EndCallRequest, options: IdempotentOptions = {}): Promise<Idempotent<EndCallResponse>> {
    return idempotentPost(this.#client, `v1/conversations/${conversationId}/call-end`, input, options);
  }
}
