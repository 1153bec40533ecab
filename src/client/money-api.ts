import { randomUUID } from 'node:crypto';
import type {
  ConversationSummary,
  CustomerConversationsQuery,
  QueuePage,
  AccountDetail,
  AccountTransitionResponse,
  AuditPage,
  AuditQuery,
  AuditRecord,
  CloseRequest,
  CreateRefundRequest,
  CustomerContext,
  CustomerTransactionsQuery,
  FreezeRequest,
  PostedTransaction,
  PostTransactionRequest,
  RefundableTransaction,
  RefundableTransactionPage,
  Refund,
  RefundDetail,
  RefundLimits,
  RefundListQuery,
  RefundPage,
  RefundPreview,
  RefundPreviewQuery,
  TransactionDetail,
  UnfreezeRequest,
  UpdateRefundLimitsRequest,
} from '../api/types.js';
import { collectPages } from './collect-pages.js';
import type { Requester } from './requester.js';

/**
 * Accounts, the ledger, refunds, the audit log and customer context, as `client.accounts`,
 * `client.refunds`, `client.transactions`, `client.audit` and `client.customers`.
 *
 * Every call that moves money or changes an account sends an Idempotency-Key: one per logical
 * operation, reused by got's own retries (network errors and 5xx), so the server does it once. To make
 * a retry of your own safe too (the agent presses Enter again after a timeout, a script is re-run),
 * make the key once with `newIdempotencyKey()` and pass it to every attempt.
 */
export interface IdempotentOptions {
  idempotencyKey?: string | undefined;
}

export interface Idempotent<T> {
  result: T;
  /** The server had done this already (same key, same request): this is its first answer again. */
  replayed: boolean;
  idempotencyKey: string;
}

export const newIdempotencyKey = (): string => randomUUID();

type Query = Record<string, string | number | boolean | undefined>;

export async function idempotentPost<T>(client: Requester, path: string, json: unknown, options: IdempotentOptions): Promise<Idempotent<T>> {
  const idempotencyKey = options.idempotencyKey ?? newIdempotencyKey();
  const response = await client.request<T>('POST', path, { json, headers: { 'idempotency-key': idempotencyKey }, idempotent: true });
  return { result: response.body, replayed: response.headers['idempotent-replayed'] === 'true', idempotencyKey };
}

async function get<T>(client: Requester, path: string, query?: Query): Promise<T> {
  return (await client.request<T>('GET', path, query ? { query } : {})).body;
}

export class AccountsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  /** The account, its status history and `allowedActions` for the caller's role. */
  get(id: string): Promise<AccountDetail> {
    return get(this.#client, `v1/accounts/${encodeURIComponent(id)}`);
  }

  freeze(id: string, input: FreezeRequest, options: IdempotentOptions = {}): Promise<Idempotent<AccountTransitionResponse>> {
    return idempotentPost(this.#client, `v1/accounts/${encodeURIComponent(id)}/freeze`, input, options);
  }

  /** Supervisors and admins; refused (identity_verification_required) without `verification`. */
  unfreeze(id: string, input: UnfreezeRequest, options: IdempotentOptions = {}): Promise<Idempotent<AccountTransitionResponse>> {
    return idempotentPost(this.#client, `v1/accounts/${encodeURIComponent(id)}/unfreeze`, input, options);
  }

  close(id: string, input: CloseRequest, options: IdempotentOptions = {}): Promise<Idempotent<AccountTransitionResponse>> {
    return idempotentPost(this.#client, `v1/accounts/${encodeURIComponent(id)}/close`, input, options);
  }

  /** The wallet backend's entry point (admins): posts a top-up, payment, transfer or withdrawal. */
  postTransaction(id: string, input: PostTransactionRequest, options: IdempotentOptions = {}): Promise<Idempotent<PostedTransaction>> {
    return idempotentPost(this.#client, `v1/accounts/${encodeURIComponent(id)}/transactions`, input, options);
  }
}

export class TransactionsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  /** The transaction with `refundable` and `refundPending`, its wallet and its refunds. */
  get(id: string): Promise<TransactionDetail> {
    return get(this.#client, `v1/transactions/${encodeURIComponent(id)}`);
  }
}

export class RefundsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  /** What create would do (amount, whether it needs approval), without doing it. */
  preview(query: RefundPreviewQuery): Promise<RefundPreview> {
    return get(this.#client, 'v1/refunds/preview', { ...query });
  }

  create(input: CreateRefundRequest, options: IdempotentOptions = {}): Promise<Idempotent<Refund>> {
    return idempotentPost(this.#client, 'v1/refunds', input, options);
  }

  list(query: RefundListQuery = {}): Promise<RefundPage> {
    return get(this.#client, 'v1/refunds', { ...query });
  }

  /** Follows cursors until `max` refunds are collected or the list ends. */
  async listAll(query: Omit<RefundListQuery, 'cursor' | 'limit'> = {}, max = Number.POSITIVE_INFINITY): Promise<Refund[]> {
    return (await collectPages((page) => this.list({ ...query, ...page }), { limit: max })).data;
  }

  /** The refund, its payment and wallet, and `approvalCheck`: whether the caller could approve it now. */
  get(id: string): Promise<RefundDetail> {
    return get(this.#client, `v1/refunds/${encodeURIComponent(id)}`);
  }

  approve(id: string, input: { note?: string } = {}, options: IdempotentOptions = {}): Promise<Idempotent<Refund>> {
    return idempotentPost(this.#client, `v1/refunds/${encodeURIComponent(id)}/approve`, input, options);
  }

  reject(id: string, input: { reason: string }, options: IdempotentOptions = {}): Promise<Idempotent<Refund>> {
    return idempotentPost(this.#client, `v1/refunds/${encodeURIComponent(id)}/reject`, input, options);
  }

  /** Limits per role and currency, and the caller's own allowance (`mine`). */
  limits(): Promise<RefundLimits> {
    return get(this.#client, 'v1/refund-limits');
  }

  /** Admins. PUT is idempotent by nature: no key needed. */
  async setLimits(input: UpdateRefundLimitsRequest): Promise<RefundLimits> {
    return (await this.#client.request<RefundLimits>('PUT', 'v1/refund-limits', { json: input })).body;
  }
}

export class AuditApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  list(query: AuditQuery = {}): Promise<AuditPage> {
    return get(this.#client, 'v1/audit', { ...query });
  }

  async listAll(query: Omit<AuditQuery, 'cursor' | 'limit'> = {}, max = Number.POSITIVE_INFINITY): Promise<AuditRecord[]> {
    return (await collectPages((page) => this.list({ ...query, ...page }), { limit: max })).data;
  }
}

export class CustomersApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  /** KYC, security (2FA, logins, devices), wallets, latest transactions with refundable rest, refunds, conversations. */
  get(id: string): Promise<CustomerContext> {
    return get(this.#client, `v1/customers/${encodeURIComponent(id)}`);
  }

  /** All of a customer's transactions, newest first (the context above has only the latest). */
  transactions(id: string, query: CustomerTransactionsQuery = {}): Promise<RefundableTransactionPage> {
    return get(this.#client, `v1/customers/${encodeURIComponent(id)}/transactions`, query);
  }

  async transactionsAll(id: string, query: Omit<CustomerTransactionsQuery, 'cursor' | 'limit'> = {}, max = Number.POSITIVE_INFINITY): Promise<RefundableTransaction[]> {
    return (await collectPages((page) => this.transactions(id, { ...query, ...page }), { limit: max })).data;
  }

  /** Every conversation of the customer across channels, newest first (the context above has the latest 20). */
  conversations(id: string, query: CustomerConversationsQuery = {}): Promise<QueuePage> {
    return get(this.#client, `v1/customers/${encodeURIComponent(id)}/conversations`, query);
  }

  async conversationsAll(id: string, max = Number.POSITIVE_INFINITY): Promise<ConversationSummary[]> {
    return (await collectPages((page) => this.conversations(id, page), { limit: max })).data;
  }
}
