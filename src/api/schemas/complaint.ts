import Type from 'typebox';
import { COMPLAINT_STATUSES, REVIEW_DECISIONS } from '../enums.js';
import { COMPLAINT_COMPLEXITIES, COMPLAINT_MEDIUMS, JURISDICTIONS, RULE_CHOSEN_BY } from '../jurisdictions.js';
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
  /**
   * The regulator's rule the deadline was counted by (issue 16); null for complaints opened without
   * one (7 calendar days), which keep the deadline they were given.
   */
  regulation: Type.Optional(
    Nullable(
      Type.Object({
        jurisdiction: Type.Enum(JURISDICTIONS),
        medium: Type.Enum(COMPLAINT_MEDIUMS),
        complexity: Type.Enum(COMPLAINT_COMPLEXITIES),
        /** How the window was counted: "OJK (Indonesia), written: 20 working days". */
        rule: Type.String(),
        /** Where the rule sets one: receipt must be acknowledged by then. */
        acknowledgeBy: Nullable(Timestamp),
        /** The one extension the rule allows, and when ("with approval"); null when it allows none. */
        extensionAllowed: Nullable(Type.String()),
        extension: Nullable(
          Type.Object({
            at: Timestamp,
            by: AgentRef,
            notice: Type.String(),
            replyByBefore: Timestamp,
            /** The public reply in the complaint's conversation the notice went out as. */
            messageId: Nullable(Type.Integer()),
            /** Why the notice was recorded but not sent (the conversation is closed); both null: extended before notices were sent. */
            unsent: Nullable(Type.String()),
          }),
        ),
        /** While the desk owes an answer: working days after today up to the deadline (0: due today; negative: overdue). */
        workingDaysLeft: Nullable(Type.Integer()),
        /**
         * How the rule was chosen when the complaint opened: asked for (`request`), the customer's
         * country (`customer_country`, from their phone number) or the team calendar's (`calendar`),
         * and why in words; null for complaints opened before rules were chosen this way.
         */
        choice: Nullable(Type.Object({ by: Type.Enum(RULE_CHOSEN_BY), country: Nullable(Type.String()), reason: Type.String() })),
      }),
    ),
  ),
});

export const CreateComplaintRequest = Type.Object(
  {
    conversationId: ConversationIdValue,
    /** What the complaint is about; the conversation's subject when left out. */
    summary: Type.Optional(Text({ minLength: 1, maxLength: 500 })),
    /** Spoken (phone, chat) or written; picks the window where the rule tells them apart. Default: spoken for phone calls, written otherwise. */
    medium: Type.Optional(Type.Enum(COMPLAINT_MEDIUMS)),
    /** Simple (default) or complex; picks the window where the rule tells them apart. */
    complexity: Type.Optional(Type.Enum(COMPLAINT_COMPLEXITIES)),
    /** The rule to count by; default: the customer's country's rule (from their phone number), else the team calendar's. */
    jurisdiction: Type.Optional(Type.Enum(JURISDICTIONS)),
  },
  { additionalProperties: false },
);

/** The one extension the rule allows, with the notice the customer is sent. */
export const ExtendComplaintRequest = Type.Object({ notice: Note }, { additionalProperties: false });

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
