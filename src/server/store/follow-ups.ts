import type { Kysely } from 'kysely';
import type { FeedbackTopic, FollowUpStatus, Language } from '../../api/enums.js';
import type { Feedback, FeedbackPage, FollowUp } from '../../api/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { findSurvey } from './surveys.js';
import './survey-tables.js';
import type { Database } from './tables.js';
import { iso } from './time.js';

const FOLLOW_UP_LIST = 'follow-ups';

export async function toFollowUp(db: Kysely<Database>, id: number): Promise<FollowUp | undefined> {
  const row = await db
    .selectFrom('follow_ups')
    .innerJoin('conversations', 'conversations.id', 'follow_ups.conversation_id')
    .leftJoin('agents', 'agents.id', 'follow_ups.closed_by')
    .select(['follow_ups.id', 'follow_ups.survey_id', 'follow_ups.status', 'follow_ups.created_at', 'follow_ups.closed_by', 'follow_ups.closed_at', 'follow_ups.close_note', 'conversations.subject', 'agents.name as closer'])
    .where('follow_ups.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status as FollowUpStatus,
    survey: (await findSurvey(db, row.survey_id))!,
    subject: row.subject,
    openedAt: iso(row.created_at),
    closed: row.closed_by && row.closed_at !== null ? { by: { id: row.closed_by, name: row.closer ?? row.closed_by }, at: iso(row.closed_at), note: row.close_note ?? '' } : null,
  };
}

/** Follow-ups, oldest first (the longest waiting is dealt with first), keyset-paginated. */
export async function listFollowUps(db: Kysely<Database>, status: FollowUpStatus | undefined, limit: number, cursor: string | undefined) {
  let query = db.selectFrom('follow_ups').select('id');
  if (status) query = query.where('status', '=', status);
  if (cursor) {
    const [id] = decodeCursor(FOLLOW_UP_LIST, cursor, ['number']) as number[];
    query = query.where('id', '>', id!);
  }
  const ids = await query.orderBy('id').limit(limit + 1).execute();
  const page = ids.slice(0, limit);
  const data = await Promise.all(page.map(async ({ id }) => (await toFollowUp(db, id))!));
  const last = page.at(-1);
  return { data, nextCursor: ids.length > limit && last ? encodeCursor(FOLLOW_UP_LIST, [last.id]) : null };
}

const FEEDBACK_LIST = 'feedback';

/** Customers' suggestions, newest first, and how many there are per topic. */
export async function listFeedback(db: Kysely<Database>, topic: FeedbackTopic | undefined, limit: number, cursor: string | undefined): Promise<FeedbackPage> {
  let query = db
    .selectFrom('feedback')
    .innerJoin('customers', 'customers.id', 'feedback.customer_id')
    .select(['feedback.id', 'feedback.survey_id', 'feedback.customer_id', 'customers.name', 'feedback.topic', 'feedback.body', 'feedback.language', 'feedback.created_at']);
  if (topic) query = query.where('feedback.topic', '=', topic);
  if (cursor) {
    const [id] = decodeCursor(FEEDBACK_LIST, cursor, ['number']) as number[];
    query = query.where('feedback.id', '<', id!);
  }
  const rows = await query.orderBy('feedback.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const counts = await db
    .selectFrom('feedback')
    .select((eb) => ['topic', eb.fn.countAll<number | string>().as('n')])
    .groupBy('topic')
    .execute();
  const data: Feedback[] = page.map((r) => ({
    id: r.id,
    surveyId: r.survey_id,
    customer: { id: r.customer_id, name: r.name },
    topic: r.topic as FeedbackTopic,
    text: r.body,
    language: r.language as Language,
    at: iso(r.created_at),
  }));
  return {
    data,
    nextCursor: rows.length > limit && last ? encodeCursor(FEEDBACK_LIST, [last.id]) : null,
    topics: counts
      .map((c) => ({ topic: c.topic as FeedbackTopic, count: Number(c.n) }))
      .sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic)),
  };
}
