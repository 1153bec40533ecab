import Type from 'typebox';
import { COMPLAINT_STATUSES, REVIEW_DECISIONS } from '../enums.js';
import { AgentRef } from './agent.js';
import { Cursor, Limit, Nullable, Page, PatternString, Text, Timestamp } from './common.js';
import { CustomerId } from './wallet.js';

// Conversation ids are spelled here rather than imported: conversation.ts imports ComplaintRef.
const ConversationIdValue = Type.Integer({ minimum: 1, maximum: 2147483647 });

/** C-YYYYMMDD-NNNNNN: the UTC day it was opened and that day's sequence. Never reused. */
export const ComplaintNumber = PatternString('^C-\\d{8}-\\d{6}$', 'must be a complaint number such as C-20261123-000042');

/** What a conversation shows of its complaint. */
export const ComplaintRef = Type.Object({
  number: ComplaintNumber,
  status: Type.Enum(COMPLAINT_STATUSES),
  replyBy: Timestamp,
  overdue: Type.Boolean(),
});

const Note = Text({ minLength: 1, maxLength: 5000 });

export const Complaint = Type.Object({
  number: ComplaintNumber,
  conversationId: ConversationIdValue,
  customer: Type.Object({ id: CustomerId, name: Type.String() }),
  status: Type.Enum(COMPLAINT_STATUSES),
  summary: Type.String(),
  /** The deadline the customer is owed an answer by: set at creation, set again when a second review is asked for. */
  replyBy: Timestamp,
  /** Waiting on the desk (open or second_review) past replyBy. */
  overdue: Type.Boolean(),
  createdBy: AgentRef,
  createdAt: Timestamp,
  answer: Nullable(Type.Object({ text: Type.String(), by: AgentRef, at: Timestamp })),
  secondReview: Nullable(
    Type.Object({
      reason: Type.String(),
      requestedBy: AgentRef,
      requestedAt: Timestamp,
      /** Null until a supervisor decides. */
      decision: Nullable(Type.Enum(REVIEW_DECISIONS)),
      note: Nullable(Type.String()),
      reviewedBy: Nullable(AgentRef),
      reviewedAt: Nullable(Timestamp),
    }),
  ),
  closed: Nullable(Type.Object({ by: AgentRef, at: Timestamp, note: Nullable(Type.String()) })),
  updatedAt: Timestamp,
});

export const CreateComplaintRequest = Type.Object(
  {
    conversationId: ConversationIdValue,
    /** What the complaint is about; the conversation's subject when left out. */
    summary: Type.Optional(Text({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const AnswerComplaintRequest = Type.Object({ answer: Note }, { additionalProperties: false });

export const SecondReviewRequest = Type.Object({ reason: Note }, { additionalProperties: false });

export const ReviewComplaintRequest = Type.Object(
  { decision: Type.Enum(REVIEW_DECISIONS), note: Note },
  { additionalProperties: false },
);

export const CloseComplaintRequest = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false });

export const ComplaintNumberParam = Type.Object({ number: ComplaintNumber });

export const ComplaintQuery = Type.Object(
  {
    status: Type.Optional(
      PatternString(
        `^(${COMPLAINT_STATUSES.join('|')})(,(${COMPLAINT_STATUSES.join('|')}))*$`,
        `must be one or more of ${COMPLAINT_STATUSES.join(', ')}, separated by commas`,
        { maxLength: 100 },
      ),
    ),
    /** true: only complaints waiting on the desk past their reply-by time; false: only the others. */
    overdue: Type.Optional(Type.Boolean()),
    conversationId: Type.Optional(ConversationIdValue),
    /** A customer's complaints, across all their conversations. */
    customerId: Type.Optional(CustomerId),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const ComplaintPage = Page(Complaint);
