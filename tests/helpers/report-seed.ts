import type { Kysely } from 'kysely';
import '../../src/server/store/survey-tables.js';
import type { Database } from '../../src/server/store/tables.js';

const at = (isoTime: string) => Date.parse(isoTime);
const HOUR = 3_600_000;
const MIN = 60_000;

export interface SeededDesk {
  agent: string;
  other: string;
  conversations: number[];
}

/**
 * A small desk in March 2020 (before any demo data) with answers known by hand: conversations at
 * instants that fall on different local days in Asia/Jakarta (+7) and America/New_York (DST began
 * 2020-03-08 02:00 there), no conversation on Thursday to Saturday, responses, resolutions with
 * ratings, replies, complaints, refunds and quality reviews.
 */
export async function seedReportDesk(db: Kysely<Database>): Promise<SeededDesk> {
  const agents = await db.selectFrom('agents').select(['id', 'email']).execute();
  const agent = agents.find((a) => a.email === 'agent@example.com')!.id;
  const other = agents.find((a) => a.email === 'budi@example.com')!.id;
  const customer = (await db.selectFrom('customers').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;

  const shape = [
    // created (UTC)               team        resolved after   assignee
    ['2020-03-02T01:30:00Z', 'payments', 2 * HOUR, agent],
    ['2020-03-02T18:00:00Z', 'payments', 30 * HOUR, agent],
    ['2020-03-04T09:15:00Z', 'payments', null, other],
    ['2020-03-08T16:59:00Z', 'general', 20 * MIN, other],
    ['2020-03-08T17:30:00Z', 'general', null, agent],
  ] as const;
  const conversations: number[] = [];
  for (const [i, [created, team, resolvedAfter, assignee]] of shape.entries()) {
    const createdAt = at(created);
    const resolvedAt = resolvedAfter === null ? null : createdAt + resolvedAfter;
    const row = await db
      .insertInto('conversations')
      .values({
        customer_id: customer,
        subject: `report ${i}`,
        status: resolvedAt === null ? 'open' : 'resolved',
        priority: 'normal',
        priority_rank: 2,
        channel: 'chat',
        category: 'other',
        tags: '[]',
        assignee_id: assignee,
        first_response_due_at: null,
        next_response_due_at: null,
        resolution_due_at: null,
        due_at: 8_640_000_000_000_000,
        first_responded_at: null,
        resolved_at: resolvedAt,
        snoozed_until: null,
        message_count: 1,
        last_message_preview: 'x',
        last_message_at: createdAt,
        created_at: createdAt,
        updated_at: createdAt,
        team,
        external_id: null,
        first_response_started_at: null,
        next_response_started_at: null,
        resolution_started_at: null,
        response_paused_at: null,
        resolution_paused_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    conversations.push(Number(row.id));
  }
  const [c1, c2, c3, c4] = conversations as [number, number, number, number];

  // Responses: first response within 1 h is met. Durations in minutes.
  const responses = [
    [c1, 'first_response', '2020-03-02T01:40:00Z', 10, agent],
    [c2, 'first_response', '2020-03-02T19:30:00Z', 90, agent],
    [c2, 'next_response', '2020-03-03T02:00:00Z', 30, agent],
    [c3, 'first_response', '2020-03-04T09:20:00Z', 5, other],
    [c4, 'first_response', '2020-03-08T17:02:00Z', 3, other],
  ] as const;
  for (const [conversation, clock, responded, minutes, by] of responses) {
    const respondedAt = at(responded);
    const started = respondedAt - minutes * MIN;
    const message = await db
      .insertInto('messages')
      .values({ conversation_id: conversation, client_message_id: null, kind: 'reply', author_type: 'agent', author_id: by, author_name: 'x', body: 'reply', created_at: respondedAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('response_times')
      .values({ conversation_id: conversation, clock, started_at: started, due_at: started + HOUR, responded_at: respondedAt, duration_ms: minutes * MIN, agent_id: by, message_id: Number(message.id) })
      .execute();
  }
  // A note is not a reply.
  await db.insertInto('messages').values({ conversation_id: c1, client_message_id: null, kind: 'note', author_type: 'agent', author_id: agent, author_name: 'x', body: 'note', created_at: at('2020-03-02T02:00:00Z') }).execute();

  // Resolutions (one survey each): c1 by agent rated 5, c2 by agent rated 2 and reopened, c4 by other, unanswered.
  const resolutions = [
    [c1, agent, 'payments', 5, null, 4 * HOUR],
    [c2, agent, 'payments', 2, at('2020-03-04T00:00:00Z'), 24 * HOUR],
    [c4, other, 'general', null, null, 8 * HOUR],
  ] as const;
  for (const [i, [conversation, by, team, rating, reopenedAt, window]] of resolutions.entries()) {
    const c = shape[conversations.indexOf(conversation)]!;
    const created = at(c[0]);
    const resolvedAt = created + c[2]!;
    const survey = await db
      .insertInto('surveys')
      .values({
        conversation_id: conversation,
        customer_id: customer,
        agent_id: by,
        team,
        token: `srv_reportseed${i}${Math.random().toString(36).slice(2)}`,
        language: 'en',
        created_at: resolvedAt,
        expires_at: resolvedAt + 7 * 24 * HOUR,
        rating,
        comment: null,
        answered_at: rating === null ? null : resolvedAt + HOUR,
        reopened_at: reopenedAt,
        resolution_ms: c[2]!,
        resolution_due_at: created + window,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (rating !== null && rating <= 2) {
      await db.insertInto('follow_ups').values({ survey_id: Number(survey.id), conversation_id: conversation, status: 'open', created_at: resolvedAt + HOUR, closed_by: null, closed_at: null, close_note: null }).execute();
    }
  }

  // Complaints: one answered in time, one answered late then upheld on second review, one waiting.
  const complaint = (n: number, conversation: number, created: string, answeredAfter: number | null, review: 'upheld' | null) => {
    const createdAt = at(created);
    return db
      .insertInto('complaints')
      .values({
        number: `C-20200302-90000${n}`,
        conversation_id: conversation,
        customer_id: customer,
        status: review ? 'answered' : answeredAfter === null ? 'open' : 'answered',
        summary: 's',
        reply_by_at: createdAt + 24 * HOUR,
        created_by: agent,
        created_at: createdAt,
        answer: answeredAfter === null ? null : 'a',
        answered_by: answeredAfter === null ? null : agent,
        answered_at: answeredAfter === null ? null : createdAt + answeredAfter,
        review_reason: review ? 'r' : null,
        review_requested_by: review ? agent : null,
        review_requested_at: review ? createdAt + 3 * 24 * HOUR : null,
        review_decision: review,
        review_note: review ? 'n' : null,
        reviewed_by: null,
        reviewed_at: null,
        close_note: null,
        closed_by: null,
        closed_at: null,
        updated_at: createdAt,
      })
      .execute();
  };
  await complaint(1, c1, '2020-03-02T02:00:00Z', 2 * HOUR, null);
  await complaint(2, c2, '2020-03-02T20:00:00Z', 48 * HOUR, 'upheld');
  await complaint(3, c3, '2020-03-04T10:00:00Z', null, null);

  // Refunds: two IDR (one waited 3 h for approval), one USD rejected after 1 h, one waiting.
  const txn = await db.selectFrom('transactions').innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id').select(['transactions.id', 'transactions.account_id']).limit(1).executeTakeFirstOrThrow();
  const refund = (n: number, created: string, amount: number, currency: string, status: string, approvalWait: number | null) => {
    const createdAt = at(created);
    return db
      .insertInto('refunds')
      .values({
        id: `ref_reportseed${n}`,
        transaction_id: txn.id,
        account_id: txn.account_id,
        customer_id: customer,
        amount,
        currency,
        reason: 'duplicate',
        note: null,
        status,
        approval_reason: approvalWait === null && status === 'succeeded' ? null : 'per_refund_limit',
        requested_by: n === 4 ? other : agent,
        requested_by_role: 'agent',
        authorized_by: null,
        authorized_at: null,
        decided_by: approvalWait === null ? null : agent,
        decided_at: approvalWait === null ? null : createdAt + approvalWait,
        decision_note: null,
        refund_transaction_id: null,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
  };
  await refund(1, '2020-03-02T03:00:00Z', 50_000, 'IDR', 'succeeded', null);
  await refund(2, '2020-03-03T03:00:00Z', 250_000, 'IDR', 'succeeded', 3 * HOUR);
  await refund(3, '2020-03-04T03:00:00Z', 1_999, 'USD', 'rejected', HOUR);
  await refund(4, '2020-03-08T12:00:00Z', 75_000, 'IDR', 'pending_approval', null);

  // Quality: agent reviewed on c1 (scores 4,5,3,4), other on c4 (2,3,3,2).
  const review = async (conversation: number, of: string, reviewed: string, scores: number[]) => {
    const r = await db
      .insertInto('quality_reviews')
      .values({ conversation_id: conversation, agent_id: of, picked_by: 'hand', week_start: at('2020-03-02T00:00:00Z'), status: 'done', created_at: at(reviewed), reviewer_id: null, comment: null, reviewed_at: at(reviewed) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const criteria = ['accuracy', 'attitude', 'resolution', 'policy'];
    await db.insertInto('quality_scores').values(scores.map((score, i) => ({ review_id: Number(r.id), criterion_id: criteria[i]!, score, comment: null }))).execute();
  };
  await review(c1, agent, '2020-03-03T10:00:00Z', [4, 5, 3, 4]);
  await review(c4, other, '2020-03-08T18:00:00Z', [2, 3, 3, 2]);
  return { agent, other, conversations };
}
