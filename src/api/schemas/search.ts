import Type from 'typebox';
import { CHANNELS, COMPLAINT_STATUSES, CONVERSATION_STATUSES, KYC_LEVELS, LANGUAGES, REFUND_STATUSES, TRANSACTION_STATUSES, TRANSACTION_TYPES } from '../enums.js';
import { Money, Nullable, PatternString, Text, Timestamp } from './common.js';
import { ConversationId } from './conversation.js';
import { RefundId } from './money.js';
import { AccountId, CustomerId, TransactionId } from './wallet.js';

export const SEARCH_KINDS = ['customers', 'conversations', 'transactions', 'refunds', 'complaints', 'messages'] as const;

/** What a lookup tries, in the order it tries them: `tried` of an answer lists those it did. */
export const SEARCH_KEYS = ['conversation_number', 'phone', 'email', 'customer_id', 'wallet_id', 'transaction_id', 'refund_id', 'complaint_number', 'name', 'message_text'] as const;

export const SearchQuery = Type.Object(
  {
    q: Text({ maxLength: 200, description: 'What was typed: a phone number in any writing, an email, a cus_/wal_/txn_/rfd_ id, a complaint number, #123, or part of a name or of a message. At least 2 characters.' }),
    kinds: Type.Optional(
      PatternString(`^(${SEARCH_KINDS.join('|')})(,(${SEARCH_KINDS.join('|')}))*$`, `must be a comma-separated list of ${SEARCH_KINDS.join(', ')}`, {
        maxLength: 200,
        description: 'Only these groups (comma-separated); all by default.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** A customer in a result list: phone and email partly masked (GET /v1/customers/:id shows them whole, and records the view). */
export const CustomerHit = Type.Object({
  id: CustomerId,
  name: Type.String(),
  phone: Nullable(Type.String({ description: 'masked: +62 812-****-7890' })),
  email: Nullable(Type.String({ description: 'masked: a***@example.com' })),
  language: Type.Enum(LANGUAGES),
  kycLevel: Type.Enum(KYC_LEVELS),
  matched: Type.Enum(SEARCH_KEYS, { description: 'which key found this customer' }),
});

export const ConversationHit = Type.Object({
  id: ConversationId,
  subject: Type.String(),
  status: Type.Enum(CONVERSATION_STATUSES),
  channel: Type.Enum(CHANNELS),
  customerId: CustomerId,
  customerName: Type.String(),
  lastMessageAt: Timestamp,
});

export const TransactionHit = Type.Object({
  id: TransactionId,
  accountId: AccountId,
  customerId: CustomerId,
  type: Type.Enum(TRANSACTION_TYPES),
  status: Type.Enum(TRANSACTION_STATUSES),
  amount: Money,
  counterparty: Type.String(),
  createdAt: Timestamp,
});

export const RefundHit = Type.Object({
  id: RefundId,
  transactionId: TransactionId,
  customerId: CustomerId,
  amount: Money,
  status: Type.Enum(REFUND_STATUSES),
  createdAt: Timestamp,
});

export const ComplaintHit = Type.Object({
  number: Type.String(),
  conversationId: ConversationId,
  customerId: CustomerId,
  status: Type.Enum(COMPLAINT_STATUSES),
  summary: Type.String(),
  replyByAt: Timestamp,
});

/** A conversation mentioning the words: the latest matching message of it. */
export const MessageHit = Type.Object({
  conversationId: ConversationId,
  messageId: Type.Integer(),
  subject: Type.String(),
  customerId: CustomerId,
  customerName: Type.String(),
  excerpt: Type.String({ description: 'up to 160 characters of the message around the first match' }),
  at: Timestamp,
});

export const SearchResult = Type.Object({
  query: Type.String(),
  /** The phone number as E.164, when the query was read as one. */
  phone: Type.Optional(Type.String()),
  tried: Type.Array(Type.Enum(SEARCH_KEYS), { description: 'what the query was tried as, in order; with no results, this is what was tried' }),
  customers: Type.Array(CustomerHit),
  conversations: Type.Array(ConversationHit),
  transactions: Type.Array(TransactionHit),
  refunds: Type.Array(RefundHit),
  complaints: Type.Array(ComplaintHit),
  messages: Type.Array(MessageHit),
});
