import Type from 'typebox';
import {
  ACCOUNT_ACTIONS,
  ACCOUNT_STATUSES,
  APPROVAL_REASONS,
  AUDIT_OUTCOMES,
  CLOSE_REASONS,
  FREEZE_REASONS,
  LOGIN_OUTCOMES,
  PAYMENT_METHODS,
  POSTABLE_TRANSACTION_TYPES,
  TRANSACTION_STATUSES,
  TRANSACTION_TYPES,
  REFUND_REASONS,
  REFUND_STATUSES,
  ROLES,
  TWO_FACTOR_METHODS,
  VERIFICATION_METHODS,
} from '../enums.js';
import { MAX_MINOR_UNITS } from '../money.js';
import { AgentId, AgentRef } from './agent.js';
import { CurrencyCode, Cursor, Limit, Money, Nullable, Page, PatternString, PrefixedId, Text, Timestamp } from './common.js';
import { ConversationSummary } from './conversation.js';
import { AccountId, Customer, CustomerId, Transaction, TransactionId, WalletAccount } from './wallet.js';

export const RefundId = PrefixedId('rfd');
export const VerificationId = PrefixedId('idv');
export const DeviceId = PrefixedId('dev');

/** Stripe's header: one key per logical operation, reused on every retry of it. */
export const IdempotencyKey = PatternString('^[\\x21-\\x7e]{1,255}$', 'must be 1 to 255 visible ASCII characters (a UUID works)', { maxLength: 255 });

/**
 * The schema lets through every integer JSON carries exactly, so that an amount beyond the bound
 * reaches the ledger and is refused there like its other refusals (422, audited), not as a malformed request.
 */
const MinorUnits = Type.Integer({
  minimum: 1,
  maximum: Number.MAX_SAFE_INTEGER,
  description: `integer minor units of the currency, at most ${MAX_MINOR_UNITS} (10^15): a larger amount is refused with 422 amount_out_of_range`,
});
const Note = Text({ minLength: 1, maxLength: 2000 });

export const AccountParams = Type.Object({ id: AccountId });
export const TransactionParams = Type.Object({ id: TransactionId });
export const RefundParams = Type.Object({ id: RefundId });
export const CustomerParams = Type.Object({ id: CustomerId });

// ── Accounts ────────────────────────────────────────────────────────────────────────────────────

export const FreezeRequest = Type.Object(
  { reason: Type.Enum(FREEZE_REASONS), note: Note },
  { additionalProperties: false },
);

export const IdentityVerificationInput = Type.Object(
  {
    method: Type.Enum(VERIFICATION_METHODS),
    /** The document number, call recording id or ticket that proves the check happened. */
    reference: Text({ minLength: 1, maxLength: 200 }),
    /** Who checked the customer's identity; defaults to the agent unfreezing. */
    verifiedBy: Type.Optional(AgentId),
  },
  { additionalProperties: false },
);

/** `verification` is optional in the schema so that leaving it out gets its own clear refusal. */
export const UnfreezeRequest = Type.Object(
  { verification: Type.Optional(IdentityVerificationInput), note: Type.Optional(Note) },
  { additionalProperties: false },
);

export const CloseRequest = Type.Object({ reason: Type.Enum(CLOSE_REASONS), note: Note }, { additionalProperties: false });

export const IdentityVerification = Type.Object({
  id: VerificationId,
  method: Type.Enum(VERIFICATION_METHODS),
  reference: Type.String(),
  verifiedBy: AgentRef,
  verifiedAt: Timestamp,
});

export const Actor = Type.Object({ id: AgentId, name: Type.String(), role: Type.Enum(ROLES) });

export const AccountStatusChange = Type.Object({
  id: Type.Integer(),
  accountId: AccountId,
  action: Type.Enum(ACCOUNT_ACTIONS),
  from: Type.Enum(ACCOUNT_STATUSES),
  to: Type.Enum(ACCOUNT_STATUSES),
  /** The freeze or close reason code; null for unfreeze. */
  reason: Nullable(Type.String()),
  note: Nullable(Type.String()),
  verification: Nullable(IdentityVerification),
  actor: Actor,
  at: Timestamp,
});

export const AccountDetail = Type.Object({
  account: WalletAccount,
  customer: Type.Object({ id: CustomerId, name: Type.String() }),
  /** Every status change, newest first. */
  history: Type.Array(AccountStatusChange),
  /** What the caller's role may do to the account in its current state. */
  allowedActions: Type.Array(Type.Enum(ACCOUNT_ACTIONS)),
});

export const AccountTransitionResponse = Type.Object({ account: WalletAccount, change: AccountStatusChange });

// ── Ledger ──────────────────────────────────────────────────────────────────────────────────────

export const PostTransactionRequest = Type.Object(
  {
    type: Type.Enum(POSTABLE_TRANSACTION_TYPES),
    amount: MinorUnits,
    /** Must be the account's currency: a check that the sender reads minor units the same way. */
    currency: CurrencyCode,
    counterparty: Text({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Text({ maxLength: 500 })),
    paymentMethod: Type.Optional(Type.Enum(PAYMENT_METHODS)),
  },
  { additionalProperties: false },
);

/** A transaction with what support can still refund of it. */
export const RefundableTransaction = Type.Object({
  ...Transaction.properties,
  /** What a new refund may take now: captured minus refunded minus refunds awaiting approval. */
  refundable: Money,
  /** Held by refunds that wait for approval. */
  refundPending: Money,
});

export const PostedTransaction = Type.Object({ transaction: RefundableTransaction, account: WalletAccount });

export const CustomerTransactionsQuery = Type.Object(
  {
    /** Only succeeded payments not yet refunded in full (a refund awaiting approval may hold the rest: see `refundable`). */
    refundable: Type.Optional(Type.Boolean()),
    status: Type.Optional(Type.Enum(TRANSACTION_STATUSES)),
    type: Type.Optional(Type.Enum(TRANSACTION_TYPES)),
    /** Only transactions made at or after this instant. */
    since: Type.Optional(Timestamp),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const RefundableTransactionPage = Page(RefundableTransaction);

// ── Refunds ─────────────────────────────────────────────────────────────────────────────────────

export const Refund = Type.Object({
  id: RefundId,
  /** The refunded payment. */
  transactionId: TransactionId,
  accountId: AccountId,
  customerId: CustomerId,
  amount: Money,
  reason: Type.Enum(REFUND_REASONS),
  note: Nullable(Type.String()),
  status: Type.Enum(REFUND_STATUSES),
  /** Why it needed a second person; null when the requester's own limit covered it. */
  approvalReason: Nullable(Type.Enum(APPROVAL_REASONS)),
  requestedBy: AgentRef,
  decidedBy: Nullable(AgentRef),
  decidedAt: Nullable(Timestamp),
  decisionNote: Nullable(Type.String()),
  /** The ledger's `refund` transaction that credited the wallet, once it succeeded. */
  refundTransactionId: Nullable(TransactionId),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** A transaction with its wallet and every refund of it, newest first. */
export const TransactionDetail = Type.Object({
  transaction: RefundableTransaction,
  account: WalletAccount,
  refunds: Type.Array(Refund),
});

export const CreateRefundRequest = Type.Object(
  {
    transactionId: TransactionId,
    /** Minor units of the payment's currency; left out, the whole refundable rest. */
    amount: Type.Optional(MinorUnits),
    reason: Type.Enum(REFUND_REASONS),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);

export const ApproveRefundRequest = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false });
export const RejectRefundRequest = Type.Object({ reason: Note }, { additionalProperties: false });

export const RefundListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(REFUND_STATUSES)),
    /** Pending refunds the caller may decide: awaiting approval and requested by someone else. */
    approvable: Type.Optional(Type.Boolean()),
    transactionId: Type.Optional(TransactionId),
    accountId: Type.Optional(AccountId),
    customerId: Type.Optional(CustomerId),
    requestedBy: Type.Optional(PatternString('^(me|agt_[0-9A-Za-z]{6,32})$', 'must be me or an agent id (agt_…)')),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const RefundPage = Page(Refund);

/** What the caller may still refund on their own in one currency. */
export const RefundAllowance = Type.Object({
  currency: CurrencyCode,
  perRefund: Money,
  perDay: Money,
  /** Refunds the caller authorised (made within their limit, or approved) in the last 24 hours. */
  usedLast24h: Money,
  remainingLast24h: Money,
});

export const ApprovalCheck = Type.Object({
  /** Whether the caller could approve it now; when not, code and detail say why. */
  allowed: Type.Boolean(),
  code: Nullable(Type.String()),
  detail: Nullable(Type.String()),
});

export const RefundDetail = Type.Object({
  refund: Refund,
  transaction: RefundableTransaction,
  account: WalletAccount,
  /** For refunds awaiting approval: the approval rules evaluated for the caller, now. */
  approvalCheck: Nullable(ApprovalCheck),
});

export const RefundPreviewQuery = Type.Object(
  { transactionId: TransactionId, amount: Type.Optional(MinorUnits) },
  { additionalProperties: false },
);

/** What POST /v1/refunds would do with these inputs, without doing it. */
export const RefundPreview = Type.Object({
  transaction: RefundableTransaction,
  account: WalletAccount,
  amount: Money,
  approvalRequired: Type.Boolean(),
  approvalReason: Nullable(Type.Enum(APPROVAL_REASONS)),
  allowance: RefundAllowance,
});

export const RefundLimit = Type.Object({
  role: Type.Enum(ROLES),
  currency: CurrencyCode,
  perRefund: Money,
  perDay: Money,
  updatedBy: Nullable(AgentRef),
  updatedAt: Timestamp,
});

export const RefundLimits = Type.Object({
  data: Type.Array(RefundLimit),
  /** The caller's own allowance per currency that has a limit for their role. */
  mine: Type.Object({ role: Type.Enum(ROLES), allowances: Type.Array(RefundAllowance) }),
});

export const UpdateRefundLimitsRequest = Type.Object(
  {
    limits: Type.Array(
      Type.Object(
        {
          role: Type.Enum(ROLES),
          currency: CurrencyCode,
          perRefund: Type.Integer({ minimum: 0, maximum: MAX_MINOR_UNITS }),
          perDay: Type.Integer({ minimum: 0, maximum: MAX_MINOR_UNITS }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

// ── Audit ───────────────────────────────────────────────────────────────────────────────────────

export const AuditRecord = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  /** Null for what the system did on its own. */
  actor: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()), role: Nullable(Type.String()) })),
  action: Type.String(),
  target: Type.Object({ type: Type.String(), id: Type.String() }),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  idempotencyKey: Nullable(Type.String()),
  outcome: Type.Enum(AUDIT_OUTCOMES),
});

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(AgentId),
    targetType: Type.Optional(PatternString('^[a-z_]{1,40}$', 'must be a target type such as account, refund, transaction or conversation')),
    targetId: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    /** An action (refund.approve) or every action of an area (refund.*). */
    action: Type.Optional(PatternString('^[a-z_]{1,40}(\\.([a-z_]{1,40}|\\*))*$', 'must be an action such as refund.approve, or refund.* for every refund action')),
    outcome: Type.Optional(Type.Enum(AUDIT_OUTCOMES)),
    since: Type.Optional(Timestamp),
    until: Type.Optional(Timestamp),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const AuditPage = Page(AuditRecord);

// ── Customer context ────────────────────────────────────────────────────────────────────────────

export const CustomerDevice = Type.Object({
  id: DeviceId,
  name: Type.String(),
  platform: Type.String(),
  trusted: Type.Boolean(),
  firstSeenAt: Timestamp,
  lastSeenAt: Timestamp,
});

export const CustomerLogin = Type.Object({
  at: Timestamp,
  outcome: Type.Enum(LOGIN_OUTCOMES),
  ip: Type.String(),
  location: Type.String(),
  device: Nullable(Type.Object({ id: DeviceId, name: Type.String() })),
});

export const CustomerSecurity = Type.Object({
  twoFactorEnabled: Type.Boolean(),
  twoFactorMethod: Nullable(Type.Enum(TWO_FACTOR_METHODS)),
  passwordChangedAt: Nullable(Timestamp),
  /** Newest first. */
  recentLogins: Type.Array(CustomerLogin),
  /** Most recently seen first. */
  devices: Type.Array(CustomerDevice),
});

export const CustomerContext = Type.Object({
  customer: Customer,
  security: CustomerSecurity,
  accounts: Type.Array(WalletAccount),
  /** The latest transactions across the customer's wallets, newest first. */
  transactions: Type.Array(RefundableTransaction),
  /** The latest refunds, newest first. */
  refunds: Type.Array(Refund),
  /** Conversations with this customer, newest first. */
  conversations: Type.Array(ConversationSummary),
});
