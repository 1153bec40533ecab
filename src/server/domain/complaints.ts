import type { Updateable } from 'kysely';
import type { ComplaintStatus, ReviewDecision } from '../../api/enums.js';
import type { Complaint, CreateComplaintRequest } from '../../api/types.js';
import { regulatoryDeadline, reviewDeadline } from './complaint-deadlines.js';
import { SUPERVISORS, type AuthenticatedAgent, type ServerContext } from '../context.js';
import { conflict, notFound, ProblemError } from './errors.js';
import { nextComplaintNumber } from '../store/complaint-numbers.js';
import { findComplaint, toComplaints, type ComplaintRow } from '../store/complaints.js';
import { isUniqueViolation } from '../store/constraint.js';
import { forUpdate } from '../store/locking.js';
import type { ComplaintsTable } from '../store/tables.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * The complaint life cycle, in one place:
 *
 *   open ──answer──▶ answered ──close──▶ closed
 *     └────close (with a note: withdrawn)────▲
 *   answered ──request second review──▶ second_review ──review (supervisor, not the answerer)──▶ answered
 *
 * A second review happens at most once. closed is final. A complaint in second_review can only leave it
 * through a supervisor's decision: nobody closes their way around the review. Every refused change
 * throws before anything is written, so it changes nothing.
 */
export type ComplaintAction = 'answer' | 'request_second_review' | 'review' | 'close';

export const COMPLAINT_TRANSITIONS: Record<ComplaintAction, { from: readonly ComplaintStatus[]; to: ComplaintStatus }> = {
  answer: { from: ['open'], to: 'answered' },
  request_second_review: { from: ['answered'], to: 'second_review' },
  review: { from: ['second_review'], to: 'answered' },
  close: { from: ['open', 'answered'], to: 'closed' },
};

const AUDIT_ACTION: Record<ComplaintAction, string> = {
  answer: 'complaint.answered',
  request_second_review: 'complaint.second_review_requested',
  review: 'complaint.reviewed',
  close: 'complaint.closed',
};

const VERB: Record<ComplaintAction, string> = {
  answer: 'answered',
  request_second_review: 'sent to second review',
  review: 'reviewed',
  close: 'closed',
};

export const TRANSITION_REFUSED = 'complaint_transition_refused';
export const COMPLAINT_ALREADY_OPEN = 'complaint_already_open';
export const FOUR_EYES_REQUIRED = 'four_eyes_required';

export interface ChangedComplaint {
  complaint: Complaint;
}

const STATE: Record<ComplaintStatus, string> = { open: 'open', answered: 'answered', second_review: 'in second review', closed: 'closed' };

function refused(row: ComplaintRow, action: ComplaintAction, why?: string): ProblemError {
  const allowed = COMPLAINT_TRANSITIONS[action].from.map((s) => STATE[s]).join(' or ');
  const hint = row.status === 'second_review' ? '; a supervisor decides it first (support complaint review --decision)' : '';
  return conflict(TRANSITION_REFUSED, why ?? `complaint ${row.number} is ${STATE[row.status as ComplaintStatus]}; only a complaint that is ${allowed} can be ${VERB[action]}${hint}`);
}

async function publish(
  uow: UnitOfWork<AuthenticatedAgent>,
  change: { type: 'complaint.created' | 'complaint.updated'; action: string; before: ComplaintRow | null; after: ComplaintRow; reason?: string | null },
): Promise<Complaint> {
  const [after, before] = await toComplaints(uow.trx, change.before ? [change.after, change.before] : [change.after], uow.now);
  await uow.emit({ type: change.type, conversationId: change.after.conversation_id, payload: { action: change.action, complaint: after } });
  await uow.audit({
    action: change.action,
    targetType: 'complaint',
    targetId: change.after.number,
    before: before ?? undefined,
    after,
    reason: change.reason ?? null,
  });
  return after!;
}

/** Opens a complaint on a conversation: a new number, a reply-by deadline. One open complaint per conversation. */
export async function createComplaint(uow: UnitOfWork<AuthenticatedAgent>, input: CreateComplaintRequest): Promise<Complaint> {
  const { trx, ctx, actor: agent, now } = uow;
  const summary = input.summary?.trim();
  if (input.summary !== undefined && !summary) {
    throw new ProblemError('validation_failed', 'summary is blank: say what the complaint is about, or leave summary out to use the subject', {
      errors: [{ field: 'summary', message: 'is blank' }],
    });
  }
  try {
    // Locking the conversation serialises creations on it: the second one sees the first's complaint.
    const conversation = await forUpdate(
      trx.selectFrom('conversations').select(['id', 'customer_id', 'subject', 'team', 'channel']).where('id', '=', input.conversationId),
      ctx.engine,
    ).executeTakeFirst();
    if (!conversation) throw notFound(`conversation ${input.conversationId}`);
    const open = await trx
      .selectFrom('complaints')
      .select(['number', 'status'])
      .where('conversation_id', '=', conversation.id)
      .where('status', '<>', 'closed')
      .executeTakeFirst();
    if (open) {
      throw conflict(COMPLAINT_ALREADY_OPEN, `conversation ${conversation.id} already has complaint ${open.number} (${STATE[open.status as ComplaintStatus]}); close it before opening another`);
    }
    const deadline = await regulatoryDeadline(trx, conversation, input, now, ctx.settings.defaultRegion);
    const number = await nextComplaintNumber(trx, now);
    const row = (await trx
      .insertInto('complaints')
      .values({
        number,
        conversation_id: conversation.id,
        customer_id: conversation.customer_id,
        status: 'open',
        summary: summary ?? conversation.subject,
        reply_by_at: now + uow.ctx.settings.complaintReplyWindowMs,
        ...deadline,
        created_by: agent.id,
        created_at: now,
        answer: null,
        answered_by: null,
        answered_at: null,
        review_reason: null,
        review_requested_by: null,
        review_requested_at: null,
        review_decision: null,
        review_note: null,
        reviewed_by: null,
        reviewed_at: null,
        close_note: null,
        closed_by: null,
        closed_at: null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()) as ComplaintRow;
    return await publish(uow, { type: 'complaint.created', action: 'complaint.created', before: null, after: row });
  } catch (error) {
    // The database's own guard (one open complaint per conversation), should a race get past the lock.
    if (isUniqueViolation(error, 'complaints_one_open_per_conversation') || isUniqueViolation(error, 'complaints.conversation_id')) {
      throw conflict(COMPLAINT_ALREADY_OPEN, `conversation ${input.conversationId} already has an open complaint; close it before opening another`);
    }
    throw error;
  }
}

/**
 * Applies one action to a complaint, under a row lock: checks the transition and the action's own rule,
 * writes the change, the event and the audit record in one transaction.
 */
async function transition(
  uow: UnitOfWork<AuthenticatedAgent>,
  number: string,
  action: ComplaintAction,
  change: (row: ComplaintRow, now: number) => Updateable<ComplaintsTable>,
  reason: string | null,
): Promise<Complaint> {
  const { trx, ctx, now } = uow;
  const row = (await forUpdate(trx.selectFrom('complaints').selectAll().where('number', '=', number), ctx.engine).executeTakeFirst()) as
    | ComplaintRow
    | undefined;
  if (!row) throw notFound(`complaint ${number}`);
  const rule = COMPLAINT_TRANSITIONS[action];
  if (!rule.from.includes(row.status as ComplaintStatus)) throw refused(row, action);
  const values = { ...change(row, now), status: rule.to, updated_at: now };
  const result = await trx.updateTable('complaints').set(values).where('id', '=', row.id).where('status', '=', row.status).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw refused(row, action, `complaint ${number} changed while this request ran; load it again`);
  const after = { ...row, ...values } as ComplaintRow;
  return publish(uow, { type: 'complaint.updated', action: AUDIT_ACTION[action], before: row, after, reason });
}

function required(field: string, value: string | undefined, what: string): string {
  const text = value?.trim();
  if (!text) throw new ProblemError('validation_failed', `${field} is blank: ${what}`, { errors: [{ field, message: 'is blank' }] });
  return text;
}

/** Records the outcome told to the customer: open → answered. */
export function answerComplaint(uow: UnitOfWork<AuthenticatedAgent>, number: string, answer: string) {
  const agent = uow.actor;
  const text = required('answer', answer, 'write the outcome the customer was told');
  return transition(uow, number, 'answer', (_row, now) => ({ answer: text, answered_by: agent.id, answered_at: now }), null);
}

/**
 * The customer disputes the outcome: answered → second_review, once per complaint. The reply-by clock
 * starts again for the review.
 */
export async function requestSecondReview(uow: UnitOfWork<AuthenticatedAgent>, number: string, reason: string) {
  const agent = uow.actor;
  const text = required('reason', reason, "write what the customer disputes");
  // A complaint counted by a regulator's rule gets its window again; the others the desk's reply-by window.
  const regulated = await reviewDeadline(uow.trx, number, uow.now);
  return transition(
    uow,
    number,
    'request_second_review',
    (row, now) => {
      if (row.review_decision !== null) {
        throw refused(row, 'request_second_review', `complaint ${row.number} already had its second review (${row.review_decision}); a second review happens once`);
      }
      return { review_reason: text, review_requested_by: agent.id, review_requested_at: now, reply_by_at: regulated ?? now + uow.ctx.settings.complaintReplyWindowMs };
    },
    text,
  );
}

/**
 * A supervisor's decision on a second review: second_review → answered. Four eyes: the reviewer is a
 * supervisor or admin and not the agent who gave the answer under review.
 */
export function reviewComplaint(uow: UnitOfWork<AuthenticatedAgent>, number: string, input: { decision: ReviewDecision; note: string }) {
  const agent = uow.actor;
  const note = required('note', input.note, 'write the outcome of the review');
  return transition(
    uow,
    number,
    'review',
    (row, now) => {
      if (!SUPERVISORS.includes(agent.role)) {
        throw new ProblemError('forbidden', `your role (${agent.role}) cannot decide a second review; a supervisor or admin does`);
      }
      if (row.answered_by === agent.id) {
        throw new ProblemError(FOUR_EYES_REQUIRED, `you answered complaint ${row.number}; another supervisor must review it (four eyes)`, { status: 403 });
      }
      return { review_decision: input.decision, review_note: note, reviewed_by: agent.id, reviewed_at: now };
    },
    note,
  );
}

/** answered → closed, or open → closed with a note (the customer withdrew). Never from second_review. */
export function closeComplaint(uow: UnitOfWork<AuthenticatedAgent>, number: string, note: string | undefined) {
  const agent = uow.actor;
  const text = note?.trim() || null;
  if (note !== undefined && !text) throw new ProblemError('validation_failed', 'note is blank: leave it out or say why', { errors: [{ field: 'note', message: 'is blank' }] });
  return transition(
    uow,
    number,
    'close',
    (row, now) => {
      if (row.status === 'open' && !text) {
        throw new ProblemError('unprocessable', `complaint ${row.number} was never answered; closing it needs a note saying why (e.g. the customer withdrew it)`, {
          status: 422,
          errors: [{ field: 'note', message: 'is required to close a complaint that was never answered' }],
        });
      }
      return { close_note: text, closed_by: agent.id, closed_at: now };
    },
    text,
  );
}

/** A complaint by number, for reads. */
export async function getComplaint(ctx: ServerContext, number: string): Promise<Complaint> {
  const row = await findComplaint(ctx.db, number);
  if (!row) throw notFound(`complaint ${number}`);
  const [complaint] = await toComplaints(ctx.db, [row], ctx.now());
  return complaint!;
}
