import type { Priority, Category } from '../../api/enums.js';
import type {
  AgentProfile, Complaint, EndCallRequest, ConversationDetail, ConversationSummary, CreateComplaintRequest, CreateRefundRequest, CustomerContext, CustomerTransactionsQuery,
  FreezeRequest, RefundableTransaction, StartConversationRequest, StartConversationResponse, Refund, RefundDetail, RefundPreview, RefundPreviewQuery, RenderedMacro, RenderMacroQuery, ReviewComplaintRequest, Team,
  TransferRequest, UnfreezeRequest, UpdateConversationRequest,
} from '../../api/types.js';
import type { Store } from '../state/store.js';
import type { TransactionFilter } from '../state/transaction-filter.js';

interface Idempotency {
  idempotencyKey?: string;
}

/**
 * What dialogs ask of the API: only these calls. The workspace's client is given for it (effects/);
 * dialogs never import the client, so a dialog is a definition that tests can feed any answers.
 */
export interface DialogClient {
  conversations: {
    get(id: number): Promise<ConversationDetail>;
    snooze(id: number, until: number): Promise<ConversationSummary>;
    transfer(id: number, input: TransferRequest): Promise<ConversationSummary>;
    update(id: number, changes: UpdateConversationRequest & { priority?: Priority; category?: Category }): Promise<ConversationSummary>;
    endCall(id: number, input: EndCallRequest, options?: Idempotency): Promise<unknown>;
    create(customerId: string, input: StartConversationRequest, options?: Idempotency): Promise<{ result: StartConversationResponse }>;
  };
  agents: { listAll(): Promise<AgentProfile[]> };
  teams: { list(): Promise<Team[]> };
  macros: { render(ref: string, query: RenderMacroQuery): Promise<RenderedMacro> };
  complaints: {
    get(number: string): Promise<Complaint>;
    create(input: CreateComplaintRequest): Promise<Complaint>;
    answer(number: string, answer: string): Promise<Complaint>;
    requestSecondReview(number: string, reason: string): Promise<Complaint>;
    review(number: string, input: ReviewComplaintRequest): Promise<Complaint>;
  };
  customers: {
    get(id: string): Promise<CustomerContext>;
    transactionsAll(id: string, query?: Omit<CustomerTransactionsQuery, 'cursor' | 'limit'>, max?: number): Promise<RefundableTransaction[]>;
  };
  accounts: {
    freeze(id: string, input: FreezeRequest, options?: Idempotency): Promise<unknown>;
    unfreeze(id: string, input: UnfreezeRequest, options?: Idempotency): Promise<unknown>;
  };
  refunds: {
    get(id: string): Promise<RefundDetail>;
    preview(query: RefundPreviewQuery): Promise<RefundPreview>;
    create(input: CreateRefundRequest, options?: Idempotency): Promise<{ result: Refund }>;
    approve(id: string, input: { note?: string }, options?: Idempotency): Promise<{ result: Refund }>;
    reject(id: string, input: { reason: string }, options?: Idempotency): Promise<{ result: Refund }>;
  };
}

/** What a dialog's load, preview and submission may use: the API calls above, the store, and resolving. */
export interface DialogDeps {
  client: DialogClient;
  store: Store;
  /** Resolves a conversation (and claims the next); throws when the server refuses, for the dialog to show. */
  resolveNow(id: number, andNext: boolean): Promise<string>;
  /** Narrows the customer screen's transactions (undefined: all again) and loads what the API filters. */
  filterTransactions(customerId: string, filter: TransactionFilter | undefined): void;
}
