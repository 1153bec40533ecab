import type { Kysely } from 'kysely';
import type { ComplaintStatus, ReviewDecision } from '../../api/enums.js';
import type { AgentRef, Complaint, ComplaintRef } from '../../api/types.js';
import { workingDaysLeft } from '../../api/business-time.js';
import { COMPLAINT_RULES, dayCountText, type ComplaintComplexity, type ComplaintMedium, type Jurisdiction, type RuleChosenBy } from '../../api/jurisdictions.js';
import { knownRules, loadVersions } from './calendars.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { ComplaintsTable, Database } from './tables.js';
import { iso, isoOrNull } from './time.js';

export type ComplaintRow = Omit<ComplaintsTable, 'id'> & { id: number };

/** Statuses in which the desk owes the customer an answer: the reply-by clock runs. */
export const WAITING_ON_DESK: readonly ComplaintStatus[] = ['open', 'second_review'];

export function isOverdue(row: Pick<ComplaintRow, 'status' | 'reply_by_at'>, now: number): boolean {
  return WAITING_ON_DESK.includes(row.status as ComplaintStatus) && row.reply_by_at <= now;
}

export function toComplaintRef(row: Pick<ComplaintRow, 'number' | 'status' | 'reply_by_at'>, now: number): ComplaintRef {
  return { number: row.number, status: row.status as ComplaintStatus, replyBy: iso(row.reply_by_at), overdue: isOverdue(row, now) };
}

/** Names of the agents a set of complaints mentions, in one query. */
export async function agentNames(db: Kysely<Database>, rows: ComplaintRow[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const r of rows) {
    for (const id of [r.created_by, r.answered_by, r.review_requested_by, r.reviewed_by, r.closed_by, r.extended_by]) if (id) ids.add(id);
  }
  if (ids.size === 0) return new Map();
  const agents = await db.selectFrom('agents').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(agents.map((a) => [a.id, a.name]));
}

export async function customerNames(db: Kysely<Database>, rows: ComplaintRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.customer_id))];
  if (ids.length === 0) return new Map();
  const customers = await db.selectFrom('customers').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(customers.map((c) => [c.id, c.name]));
}

export function toComplaint(row: ComplaintRow, names: { agents: Map<string, string>; customers: Map<string, string> }, now: number): Complaint {
  const agent = (id: string): AgentRef => ({ id, name: names.agents.get(id) ?? id });
  return {
    number: row.number,
    conversationId: row.conversation_id,
    customer: { id: row.customer_id, name: names.customers.get(row.customer_id) ?? row.customer_id },
    status: row.status as ComplaintStatus,
    summary: row.summary,
    replyBy: iso(row.reply_by_at),
    overdue: isOverdue(row, now),
    createdBy: agent(row.created_by),
    createdAt: iso(row.created_at),
    answer: row.answer !== null && row.answered_by && row.answered_at !== null ? { text: row.answer, by: agent(row.answered_by), at: iso(row.answered_at) } : null,
    secondReview:
      row.review_reason !== null && row.review_requested_by && row.review_requested_at !== null
        ? {
            reason: row.review_reason,
            requestedBy: agent(row.review_requested_by),
            requestedAt: iso(row.review_requested_at),
            decision: row.review_decision as ReviewDecision | null,
            note: row.review_note,
            reviewedBy: row.reviewed_by ? agent(row.reviewed_by) : null,
            reviewedAt: isoOrNull(row.reviewed_at),
          }
        : null,
    closed: row.closed_by && row.closed_at !== null ? { by: agent(row.closed_by), at: iso(row.closed_at), note: row.close_note } : null,
    updatedAt: iso(row.updated_at),
    regulation: regulationOf(row, agent, now),
  };
}

function regulationOf(row: ComplaintRow, agent: (id: string) => AgentRef, now: number): Complaint['regulation'] {
  if (!row.jurisdiction || !row.medium || !row.complexity || !row.rule) return null;
  const rule = COMPLAINT_RULES[row.jurisdiction as Jurisdiction];
  const calendar = row.calendar_version === null ? undefined : knownRules(row.calendar_version);
  return {
    jurisdiction: row.jurisdiction as Jurisdiction,
    medium: row.medium as ComplaintMedium,
    complexity: row.complexity as ComplaintComplexity,
    rule: row.rule,
    acknowledgeBy: isoOrNull(row.acknowledge_by_at),
    extensionAllowed: rule.extension ? `${dayCountText(rule.extension)} ${rule.extension.when}` : null,
    extension:
      row.extended_at !== null && row.extended_by && row.extension_notice !== null && row.reply_by_before_extension !== null
        ? {
            at: iso(row.extended_at),
            by: agent(row.extended_by),
            notice: row.extension_notice,
            replyByBefore: iso(row.reply_by_before_extension),
            messageId: row.extension_message_id,
            unsent: row.extension_unsent,
          }
        : null,
    workingDaysLeft: calendar && WAITING_ON_DESK.includes(row.status as ComplaintStatus) ? workingDaysLeft(calendar, now, row.reply_by_at) : null,
    choice: row.rule_chosen_by && row.rule_reason ? { by: row.rule_chosen_by as RuleChosenBy, country: row.rule_country, reason: row.rule_reason } : null,
  };
}

/** Complaints as the API shows them, with agent and customer names looked up once for all. */
export async function toComplaints(db: Kysely<Database>, rows: ComplaintRow[], now: number): Promise<Complaint[]> {
  const [agents, customers] = await Promise.all([agentNames(db, rows), customerNames(db, rows), loadVersions(db, rows.map((r) => r.calendar_version))]);
  return rows.map((row) => toComplaint(row, { agents, customers }, now));
}

export async function findComplaint(db: Kysely<Database>, number: string): Promise<ComplaintRow | undefined> {
  return (await db.selectFrom('complaints').selectAll().where('number', '=', number).executeTakeFirst()) as ComplaintRow | undefined;
}

/**
 * The conversation's complaint: the latest one. At most one is not closed, and a new one can only be
 * opened once the previous is closed, so the latest is the open one when there is one.
 */
export async function latestComplaintOf(db: Kysely<Database>, conversationId: number): Promise<ComplaintRow | undefined> {
  return (await db
    .selectFrom('complaints')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()) as ComplaintRow | undefined;
}

/** What the conversation detail shows of its complaint (null when it never had one). */
export async function complaintRefOf(db: Kysely<Database>, conversationId: number, now: number): Promise<ComplaintRef | null> {
  const row = await latestComplaintOf(db, conversationId);
  return row ? toComplaintRef(row, now) : null;
}

export interface ComplaintFilter {
  statuses?: ComplaintStatus[] | undefined;
  /** true: waiting on the desk past reply-by; false: everything else. */
  overdue?: boolean | undefined;
  conversationId?: number | undefined;
  customerId?: string | undefined;
}

const COMPLAINT_LIST = 'complaints';

/** Complaints by reply-by time (what is due first), then id; keyset-paginated. */
export async function listComplaints(db: Kysely<Database>, filter: ComplaintFilter, now: number, limit: number, cursor: string | undefined) {
  let query = db.selectFrom('complaints').selectAll();
  if (filter.statuses) query = query.where('status', 'in', filter.statuses);
  if (filter.conversationId !== undefined) query = query.where('conversation_id', '=', filter.conversationId);
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  if (filter.overdue === true) {
    query = query.where('status', 'in', [...WAITING_ON_DESK]).where('reply_by_at', '<=', now);
  } else if (filter.overdue === false) {
    query = query.where((eb) => eb.or([eb('status', 'not in', [...WAITING_ON_DESK]), eb('reply_by_at', '>', now)]));
  }
  if (cursor) {
    const [replyBy, id] = decodeCursor(COMPLAINT_LIST, cursor, ['number', 'number']) as number[];
    query = query.where((eb) => eb(eb.refTuple('reply_by_at', 'id'), '>', eb.tuple(replyBy!, id!)));
  }
  const rows = (await query.orderBy('reply_by_at').orderBy('id').limit(limit + 1).execute()) as ComplaintRow[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(COMPLAINT_LIST, [last.reply_by_at, last.id]) : null };
}
