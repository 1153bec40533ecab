import { randomUUID } from 'node:crypto';
import type { Got, Method, OptionsInit, Response } from 'got';
import type {
  Complaint,
  ComplaintPage,
  ComplaintQuery,
  ConversationDetail,
  CreateComplaintRequest,
  CreateMacroRequest,
  Macro,
  MacroPage,
  MacroQuery,
  RenderedMacro,
  RenderMacroQuery,
  ReviewComplaintRequest,
  UpdateMacroRequest,
  ConversationSummary,
  LoginResponse,
  Me,
  Message,
  MessagePage,
  QueuePage,
  QueueQuery,
  SendMessageRequest,
} from '../api/types.js';
import { collectPages } from './collect-pages.js';
import { createHttp, IDEMPOTENT_METHODS, type HttpOptions } from './http.js';
import { AccountsApi, AuditApi, CustomersApi, RefundsApi, TransactionsApi } from './money-api.js';
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

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#http = createHttp(options);
  }

  /**
   * Sends one request. `idempotent` marks a POST that is safe to retry (it carries an idempotency key
   * or a client message id); other POSTs are never retried.
   */
  async request<T>(method: Method, path: string, options: { json?: unknown; query?: Query; headers?: Record<string, string>; idempotent?: boolean } = {}) {
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
}
