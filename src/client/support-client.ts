import { randomUUID } from 'node:crypto';
import type { Got, Method, OptionsInit, Response } from 'got';
import type { Availability, PresenceState } from '../api/enums.js';
import type {
  AgentPage,
  AgentProfile,
  Complaint,
  ComplaintPage,
  ComplaintQuery,
  ConversationDetail,
  ConversationSummary,
  CreateAgentRequest,
  CreateComplaintRequest,
  CreateConversationRequest,
  CreateConversationResponse,
  CreateMacroRequest,
  InboundMessageRequest,
  LoginResponse,
  Macro,
  MacroPage,
  MacroQuery,
  Me,
  Message,
  MessagePage,
  PresenceEntry,
  PutSlaPoliciesRequest,
  QueuePage,
  QueueQuery,
  RenderMacroQuery,
  RenderedMacro,
  ResolveResponse,
  ReviewComplaintRequest,
  SendMessageRequest,
  SlaPolicy,
  Team,
  TransferRequest,
  UpdateAgentRequest,
  UpdateConversationRequest,
  UpdateMacroRequest,
} from '../api/types.js';
import { collectPages } from './collect-pages.js';
import type { EventSubscription, SubscribeOptions } from './event-stream.js';
import { subscribeEvents } from './event-stream.js';
import { createHttp, IDEMPOTENT_METHODS, type HttpOptions } from './http.js';
import { createLeanHttp, type LeanRequest } from './lean-http.js';
import { AccountsApi, AuditApi, CustomersApi, RefundsApi, TransactionsApi } from './money-api.js';
import { SearchApi } from './search-api.js';
import { DeskConversationsApi } from './desk-conversations-api.js';
import { translateError } from './translate-error.js';

export type ClientOptions = HttpOptions;

export interface SentMessage {
  message: Message;
  conversation: ConversationSummary;
  /** The server had this clientMessageId already: nothing new was stored. */
  replayed: boolean;
}

type Query = Record<string, string | number | boolean | undefined>;

function searchParams(query: Query | undefined): Record<string, string | number | boolean> | undefined {
  if (!query) return undefined;
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>;
}

/** Typed calls to the Support API. Every failure is an ApiError. */
export class SupportClient {
  readonly baseUrl: string;
  readonly #http: Got;
  /** Accounts, ledger, refunds, audit and customer context (money-api.ts). */
  readonly accounts = new AccountsApi(this);
  readonly transactions = new TransactionsApi(this);
  readonly refunds = new RefundsApi(this);
  readonly audit = new AuditApi(this);
  readonly customers = new CustomersApi(this);
  readonly search = new SearchApi(this);
  readonly conversations = new DeskConversationsApi(this);
  readonly #options: ClientOptions;
  readonly #lean: LeanRequest | undefined;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#http = createHttp(options);
    this.#lean = options.lean ? createLeanHttp(options) : undefined;
    this.#options = options;
  }

  /**
   * Sends one request. `idempotent` marks a POST that is safe to retry (it carries an idempotency key
   * or a client message id); other POSTs are never retried.
   */
  async request<T>(method: Method, path: string, options: { json?: unknown; query?: Query; headers?: Record<string, string>; idempotent?: boolean } = {}) {
    if (this.#lean) {
      const query = searchParams(options.query);
      const answer = await this.#lean(method, path, { ...(options.json !== undefined ? { json: options.json } : {}), ...(query ? { query } : {}), ...(options.headers ? { headers: options.headers } : {}) });
      return { body: (answer.status === 204 ? undefined : answer.body) as T, status: answer.status, headers: answer.headers };
    }
    const init: OptionsInit = {
      method,
      ...(options.json !== undefined ? { json: options.json } : {}),
      ...(options.query ? { searchParams: searchParams(options.query) } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.idempotent ? { retry: { methods: [...IDEMPOTENT_METHODS, method] } } : {}),
    };
    try {
      const response = (await this.#http(path.replace(/^\//, ''), init)) as Response<unknown>;
      return { body: (response.statusCode === 204 ? undefined : response.body) as T, status: response.statusCode, headers: response.headers };
    } catch (error) {
      throw translateError(error, this.baseUrl);
    }
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    return (await this.request<LoginResponse>('POST', 'v1/auth/login', { json: { email, password } })).body;
  }

  async logout(): Promise<void> {
    await this.request('POST', 'v1/auth/logout');
  }

  async me(): Promise<Me> {
    return (await this.request<Me>('GET', 'v1/me')).body;
  }

  // Macros: `ref` is the macro id (mac_…) or its shortcut.

  async macros(query: MacroQuery = {}): Promise<MacroPage> {
    return (await this.request<MacroPage>('GET', 'v1/macros', { query })).body;
  }

  /** Every macro matching the filter, following cursors: what a picker loads once and filters locally. */
  async macrosAll(query: Omit<MacroQuery, 'cursor' | 'limit'> = {}): Promise<Macro[]> {
    return (await collectPages((page) => this.macros({ ...query, ...page }), { limit: Number.POSITIVE_INFINITY })).data;
  }

  async macro(ref: string): Promise<Macro> {
    return (await this.request<Macro>('GET', `v1/macros/${encodeURIComponent(ref)}`)).body;
  }

  /**
   * The macro filled in for a conversation. Fails with ApiError code `macro_variable_unfillable` (or
   * `macro_variable_unknown`) naming each variable in `fieldErrors`; never returns a half-filled text.
   */
  async renderMacro(ref: string, query: RenderMacroQuery): Promise<RenderedMacro> {
    return (await this.request<RenderedMacro>('GET', `v1/macros/${encodeURIComponent(ref)}/render`, { query })).body;
  }

  async createMacro(input: CreateMacroRequest): Promise<Macro> {
    return (await this.request<Macro>('POST', 'v1/macros', { json: input })).body;
  }

  async updateMacro(ref: string, changes: UpdateMacroRequest): Promise<Macro> {
    return (await this.request<Macro>('PATCH', `v1/macros/${encodeURIComponent(ref)}`, { json: changes })).body;
  }

  async deleteMacro(ref: string): Promise<void> {
    await this.request('DELETE', `v1/macros/${encodeURIComponent(ref)}`);
  }

  // Complaints, by number (C-YYYYMMDD-NNNNNN).

  async createComplaint(input: CreateComplaintRequest): Promise<Complaint> {
    return (await this.request<Complaint>('POST', 'v1/complaints', { json: input })).body;
  }

  async complaint(number: string): Promise<Complaint> {
    return (await this.request<Complaint>('GET', `v1/complaints/${encodeURIComponent(number)}`)).body;
  }

  async complaints(query: ComplaintQuery = {}): Promise<ComplaintPage> {
    return (await this.request<ComplaintPage>('GET', 'v1/complaints', { query })).body;
  }

  async answerComplaint(number: string, answer: string): Promise<Complaint> {
    return (await this.request<Complaint>('POST', `v1/complaints/${encodeURIComponent(number)}/answer`, { json: { answer } })).body;
  }

  /** The customer disputes the outcome: the complaint goes to a supervisor. */
  async requestSecondReview(number: string, reason: string): Promise<Complaint> {
    return (await this.request<Complaint>('POST', `v1/complaints/${encodeURIComponent(number)}/second-review`, { json: { reason } })).body;
  }

  /** A supervisor's decision; not by the agent who answered (ApiError code four_eyes_required). */
  async reviewComplaint(number: string, input: ReviewComplaintRequest): Promise<Complaint> {
    return (await this.request<Complaint>('POST', `v1/complaints/${encodeURIComponent(number)}/review`, { json: input })).body;
  }

  async closeComplaint(number: string, note?: string): Promise<Complaint> {
    return (await this.request<Complaint>('POST', `v1/complaints/${encodeURIComponent(number)}/close`, { json: note === undefined ? {} : { note } })).body;
  }

  async queue(query: QueueQuery = {}): Promise<QueuePage> {
    return (await this.request<QueuePage>('GET', 'v1/queue', { query })).body;
  }

  /** Follows cursors until `max` conversations are collected or the queue ends. */
  async queueAll(query: Omit<QueueQuery, 'cursor' | 'limit'> = {}, max = Number.POSITIVE_INFINITY): Promise<ConversationSummary[]> {
    return (await collectPages((page) => this.queue({ ...query, ...page }), { limit: max })).data;
  }

  async conversation(id: number): Promise<ConversationDetail> {
    return (await this.request<ConversationDetail>('GET', `v1/conversations/${id}`)).body;
  }

  async messages(id: number, options: { cursor?: string; limit?: number } = {}): Promise<MessagePage> {
    return (await this.request<MessagePage>('GET', `v1/conversations/${id}/messages`, { query: options })).body;
  }

  /** Sends a reply or note. The clientMessageId makes retries safe: the server stores the message once. */
  async sendMessage(id: number, input: SendMessageRequest): Promise<SentMessage> {
    const json = { ...input, clientMessageId: input.clientMessageId ?? randomUUID() };
    const response = await this.request<{ message: Message; conversation: ConversationSummary }>('POST', `v1/conversations/${id}/messages`, {
      json,
      idempotent: true,
    });
    return { ...response.body, replayed: response.headers['idempotent-replayed'] === 'true' };
  }

  // The agent's workflow: claim, status changes, transfer, tags, presence (issue 4).

  /** Assigns the next conversation in queue order to me. Fails with queue_empty, at_capacity or agent_unavailable (409). */
  async claimNext(): Promise<ConversationSummary> {
    return (await this.request<{ conversation: ConversationSummary }>('POST', 'v1/queue/claim')).body.conversation;
  }

  /** Resolves; with claimNext, claims the next conversation in the same call (`next`, or null and `nextError`). */
  async resolve(id: number, options: { claimNext?: boolean } = {}): Promise<ResolveResponse> {
    return (await this.request<ResolveResponse>('POST', `v1/conversations/${id}/resolve`, { json: options })).body;
  }

  async reopen(id: number): Promise<ConversationSummary> {
    return (await this.request<{ conversation: ConversationSummary }>('POST', `v1/conversations/${id}/reopen`)).body.conversation;
  }

  /** Waiting on the customer: the response clocks pause until they write. */
  async setPending(id: number): Promise<ConversationSummary> {
    return (await this.request<{ conversation: ConversationSummary }>('POST', `v1/conversations/${id}/pending`)).body.conversation;
  }

  /** Closes a resolved conversation for good (supervisors). */
  async close(id: number): Promise<ConversationSummary> {
    return (await this.request<{ conversation: ConversationSummary }>('POST', `v1/conversations/${id}/close`)).body.conversation;
  }

  async snooze(id: number, until: Date | number | string): Promise<ConversationSummary> {
    const iso = typeof until === 'string' ? until : new Date(until).toISOString();
    return (await this.request<{ conversation: ConversationSummary }>('POST', `v1/conversations/${id}/snooze`, { json: { until: iso } })).body.conversation;
  }

  /** To an agent (toAgentId) or a team's queue (toTeam); the note is stored as an internal note. */
  async transfer(id: number, input: TransferRequest): Promise<ConversationSummary> {
    return (await this.request<{ conversation: ConversationSummary }>('POST', `v1/conversations/${id}/transfer`, { json: input })).body.conversation;
  }

  /** Priority, category, tags (replace) or addTags/removeTags. */
  async updateConversation(id: number, changes: UpdateConversationRequest): Promise<ConversationSummary> {
    return (await this.request<{ conversation: ConversationSummary }>('PATCH', `v1/conversations/${id}`, { json: changes })).body.conversation;
  }

  /** Heartbeat (every ~10 s while the conversation is open; entries expire after 30 s). Answers who is there. */
  async presence(id: number, state: PresenceState): Promise<PresenceEntry[]> {
    return (await this.request<{ presence: PresenceEntry[] }>('POST', `v1/conversations/${id}/presence`, { json: { state } })).body.presence;
  }

  async leaveConversation(id: number): Promise<PresenceEntry[]> {
    return (await this.request<{ presence: PresenceEntry[] }>('DELETE', `v1/conversations/${id}/presence`)).body.presence;
  }

  // Channel integrations (admin tokens).

  /** Opens a conversation with the customer's first message; an externalId makes a redelivery return the first. */
  async openConversation(input: CreateConversationRequest): Promise<CreateConversationResponse & { replayed: boolean }> {
    const response = await this.request<CreateConversationResponse>('POST', 'v1/conversations', { json: input, idempotent: input.externalId !== undefined });
    return { ...response.body, replayed: response.headers['idempotent-replayed'] === 'true' };
  }

  /** A customer's message from a channel; the clientMessageId (generated if absent) makes retries safe. */
  async inbound(id: number, input: InboundMessageRequest): Promise<SentMessage> {
    const json = { ...input, clientMessageId: input.clientMessageId ?? randomUUID() };
    const response = await this.request<{ message: Message; conversation: ConversationSummary }>('POST', `v1/conversations/${id}/inbound`, { json, idempotent: true });
    return { ...response.body, replayed: response.headers['idempotent-replayed'] === 'true' };
  }

  // Agents, teams, availability, SLA policies.

  async agents(query: { limit?: number; cursor?: string } = {}): Promise<AgentPage> {
    return (await this.request<AgentPage>('GET', 'v1/agents', { query })).body;
  }

  async agentsAll(): Promise<AgentProfile[]> {
    const out: AgentProfile[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.agents({ limit: 200, ...(cursor ? { cursor } : {}) });
      out.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  async agent(id: string): Promise<AgentProfile> {
    return (await this.request<{ agent: AgentProfile }>('GET', `v1/agents/${id}`)).body.agent;
  }

  async createAgent(input: CreateAgentRequest): Promise<AgentProfile> {
    return (await this.request<{ agent: AgentProfile }>('POST', 'v1/agents', { json: input })).body.agent;
  }

  async updateAgent(id: string, changes: UpdateAgentRequest): Promise<AgentProfile> {
    return (await this.request<{ agent: AgentProfile }>('PATCH', `v1/agents/${id}`, { json: changes })).body.agent;
  }

  /** My availability: online, away or offline (offline agents cannot claim). */
  async setAvailability(availability: Availability): Promise<AgentProfile> {
    return (await this.request<{ agent: AgentProfile }>('PATCH', 'v1/me', { json: { availability } })).body.agent;
  }

  async teams(): Promise<Team[]> {
    return (await this.request<{ data: Team[] }>('GET', 'v1/teams')).body.data;
  }

  async slaPolicies(): Promise<SlaPolicy[]> {
    return (await this.request<{ data: SlaPolicy[] }>('GET', 'v1/sla-policies')).body.data;
  }

  async setSlaPolicies(policies: PutSlaPoliciesRequest['policies']): Promise<SlaPolicy[]> {
    return (await this.request<{ data: SlaPolicy[] }>('PUT', 'v1/sla-policies', { json: { policies } })).body.data;
  }

  /**
   * Live events (GET /v1/events): reconnects with backoff and Last-Event-ID, so nothing is missed or
   * repeated across drops; onState reports connecting, connected, reconnecting and closed.
   */
  subscribe(options: SubscribeOptions): EventSubscription {
    return subscribeEvents({ baseUrl: this.baseUrl, token: this.#options.token, userAgent: this.#options.userAgent }, options);
  }
}
