import type { Kysely } from 'kysely';
import type { Language } from '../../api/enums.js';
import type { RatingSummary, Survey } from '../../api/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import './survey-tables.js';
import type { Database } from './tables.js';
import { iso, isoOrNull } from './time.js';

export interface SurveyFilter {
  conversationId?: number | undefined;
  customerId?: string | undefined;
  agentId?: string | undefined;
  answered?: boolean | undefined;
}

function surveyColumns(db: Kysely<Database>) {
  return db
    .selectFrom('surveys')
    .innerJoin('customers', 'customers.id', 'surveys.customer_id')
    .leftJoin('agents', 'agents.id', 'surveys.agent_id')
    .select([
      'surveys.id',
      'surveys.conversation_id',
      'surveys.customer_id',
      'customers.name as customer_name',
      'surveys.agent_id',
      'agents.name as agent_name',
      'surveys.team',
      'surveys.language',
      'surveys.created_at',
      'surveys.expires_at',
      'surveys.rating',
      'surveys.comment',
      'surveys.answered_at',
      'surveys.reopened_at',
    ]);
}

type SurveyRow = Awaited<ReturnType<ReturnType<typeof surveyColumns>['executeTakeFirstOrThrow']>>;

export function toSurvey(row: SurveyRow): Survey {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    customer: { id: row.customer_id, name: row.customer_name },
    agent: row.agent_id && row.agent_name ? { id: row.agent_id, name: row.agent_name } : null,
    team: row.team,
    language: row.language as Language,
    sentAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    rating: row.rating,
    comment: row.comment,
    answeredAt: isoOrNull(row.answered_at),
    reopenedAt: isoOrNull(row.reopened_at),
  };
}

/** The latest answered survey of a conversation, for its detail: what the customer said of it. */
export async function latestRatingOf(db: Kysely<Database>, conversationId: number): Promise<{ surveyId: number; rating: number; comment: string | null; answeredAt: string } | null> {
  const row = await db
    .selectFrom('surveys')
    .select(['id', 'rating', 'comment', 'answered_at'])
    .where('conversation_id', '=', conversationId)
    .where('answered_at', 'is not', null)
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && row.rating !== null && row.answered_at !== null ? { surveyId: row.id, rating: row.rating, comment: row.comment, answeredAt: iso(row.answered_at) } : null;
}

export async function findSurvey(db: Kysely<Database>, id: number): Promise<Survey | undefined> {
  const row = await surveyColumns(db).where('surveys.id', '=', id).executeTakeFirst();
  return row ? toSurvey(row) : undefined;
}

function filtered(query: ReturnType<typeof surveyColumns>, filter: SurveyFilter) {
  let q = query;
  if (filter.conversationId !== undefined) q = q.where('surveys.conversation_id', '=', filter.conversationId);
  if (filter.customerId !== undefined) q = q.where('surveys.customer_id', '=', filter.customerId);
  if (filter.agentId !== undefined) q = q.where('surveys.agent_id', '=', filter.agentId);
  if (filter.answered === true) q = q.where('surveys.answered_at', 'is not', null);
  if (filter.answered === false) q = q.where('surveys.answered_at', 'is', null);
  return q;
}

const SURVEY_LIST = 'surveys';

/** Surveys, newest first, keyset-paginated. */
export async function listSurveys(db: Kysely<Database>, filter: SurveyFilter, limit: number, cursor: string | undefined) {
  let query = filtered(surveyColumns(db), filter);
  if (cursor) {
    const [id] = decodeCursor(SURVEY_LIST, cursor, ['number']) as number[];
    query = query.where('surveys.id', '<', id!);
  }
  const rows = await query.orderBy('surveys.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(toSurvey), nextCursor: rows.length > limit && last ? encodeCursor(SURVEY_LIST, [last.id]) : null };
}

/** Sent, answered, mean and distribution over every survey the filter selects. */
export async function ratingSummary(db: Kysely<Database>, filter: SurveyFilter): Promise<RatingSummary> {
  const rows = await filtered(surveyColumns(db), { ...filter, answered: undefined })
    .clearSelect()
    .select((eb) => ['surveys.rating', eb.fn.countAll<number | string>().as('n')])
    .groupBy('surveys.rating')
    .execute();
  const distribution = [0, 0, 0, 0, 0];
  let sent = 0;
  for (const row of rows) {
    const n = Number(row.n);
    sent += n;
    if (row.rating !== null) distribution[row.rating - 1]! += n;
  }
  const answered = distribution.reduce((a, b) => a + b, 0);
  const total = distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);
  return { sent, answered, average: answered ? Math.round((total / answered) * 100) / 100 : null, distribution };
}
