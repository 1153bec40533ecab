import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince } from '../helpers/workflow.js';

const DAY = 86_400_000;
const WINDOW = 3 * DAY;

describe('complaints through the client', () => {
  let server: TestServer;
  let agent: SupportClient;
  let budi: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let ids: Record<'agent' | 'budi' | 'lead' | 'admin', string>;
  const used = new Set<number>();

  beforeAll(async () => {
    // A reply-by window other than the default, to show it is the server's setting that counts.
    // Tokens outlive the clock moves below (days, past reply-by deadlines).
    server = await startTestServer({ demo: true, settings: { complaintReplyWindowMs: WINDOW, tokenTtlMs: 365 * DAY } });
    [agent, budi, lead, admin] = (await Promise.all(['agent', 'budi', 'lead', 'admin'].map((name) => server.login(`${name}@example.com`)))) as [SupportClient, SupportClient, SupportClient, SupportClient];
    const [agentId, budiId, leadId, adminId] = await Promise.all([agent, budi, lead, admin].map(async (c) => (await c.me.get()).agent.id));
    ids = { agent: agentId!, budi: budiId!, lead: leadId!, admin: adminId! };
  });
  afterAll(() => server.close());

  const db = () => server.store.db;
  const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');

  /** A conversation that has no complaint (demo or earlier test). */
  async function freshConversation(): Promise<{ id: number; subject: string }> {
    const rows = await db()
      .selectFrom('conversations')
      .select(['id', 'subject'])
      .where('id', 'not in', db().selectFrom('complaints').select('conversation_id'))
      .orderBy('id')
      .execute();
    const row = rows.find((r) => !used.has(r.id))!;
    used.add(row.id);
    return row;
  }

  async function count(table: 'complaints' | 'audit_log' | 'events'): Promise<number> {
    const row = await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Everything a refused change must leave as it was; the audit log gains its denied entries (auditSince). */
  async function snapshot(number: string) {
    return {
      row: await db().selectFrom('complaints').selectAll().where('number', '=', number).executeTakeFirstOrThrow(),
      events: await count('events'),
      counters: await db().selectFrom('complaint_counters').selectAll().orderBy('day').execute(),
    };
  }

  async function answered(client = agent): Promise<Complaint> {
    const c = await freshConversation();
    const complaint = await client.complaints.create({ conversationId: c.id });
    return client.complaints.answer(complaint.number, 'We refunded the fee and apologised.');
  }

  async function inSecondReview(answerer = agent): Promise<Complaint> {
    const complaint = await answered(answerer);
    return agent.complaints.requestSecondReview(complaint.number, 'The customer says the fee was not the problem.');
  }

  describe('opening', () => {
    it('gives a number C-YYYYMMDD-NNNNNN of the UTC day and a reply-by deadline, and the conversation shows it', async () => {
      const c = await freshConversation();
      const before = (await db().selectFrom('complaint_counters').select('last').where('day', '=', utcDay(server.clock.now)).executeTakeFirst())?.last ?? 0;
      const complaint = await agent.complaints.create({ conversationId: c.id });
      expect(complaint.number).toBe(`C-${utcDay(server.clock.now)}-${String(before + 1).padStart(6, '0')}`);
      expect(complaint).toMatchObject({
        conversationId: c.id,
        status: 'open',
        summary: c.subject,
        overdue: false,
        createdBy: { name: 'Ayu Lestari' },
        answer: null,
        secondReview: null,
        closed: null,
      });
      expect(Date.parse(complaint.replyBy) - Date.parse(complaint.createdAt)).toBe(WINDOW);
      expect(await budi.complaints.get(complaint.number)).toEqual(complaint);
      expect((await agent.conversations.get(c.id)).complaint).toEqual({ number: complaint.number, status: 'open', replyBy: complaint.replyBy, overdue: false });
    });

    it('takes a summary, and writes an audit record and a live event in the same transaction', async () => {
      const c = await freshConversation();
      const [audits, events] = [await count('audit_log'), await count('events')];
      const complaint = await agent.complaints.create({ conversationId: c.id, summary: '  Agent hung up on the customer  ' });
      expect(complaint.summary).toBe('Agent hung up on the customer');
      expect([await count('audit_log'), await count('events')]).toEqual([audits + 1, events + 1]);
      const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'complaint.created').where('target_id', '=', complaint.number).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after!)).toEqual(complaint);
      expect([audit.target_type, audit.outcome, audit.actor_role]).toEqual(['complaint', 'succeeded', 'agent']);
      const event = await db().selectFrom('events').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect([event.type, event.conversation_id]).toEqual(['complaint.created', c.id]);
      expect(JSON.parse(event.payload)).toEqual({ action: 'complaint.created', complaint });
    });

    it('allows one complaint that is not closed per conversation; another is 409 and uses up no number', async () => {
      const c = await freshConversation();
      const first = await agent.complaints.create({ conversationId: c.id });
      const state = await snapshot(first.number);
      const mark = await auditMark(db());
      const again = await apiFailure(budi.complaints.create({ conversationId: c.id }));
      expect([again.status, again.code, again.message]).toEqual([409, 'complaint_already_open', `conversation ${c.id} already has complaint ${first.number} (open); close it before opening another`]);
      expect(await snapshot(first.number)).toEqual(state);
      expect(await auditSince(db(), mark)).toEqual([['denied', 'complaint.created', ids.budi, 'complaint_already_open']]);

      await agent.complaints.close(first.number, 'The customer withdrew it.');
      const second = await agent.complaints.create({ conversationId: c.id });
      expect(second.number > first.number).toBe(true);
      expect(Number(second.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
      expect((await agent.conversations.get(c.id)).complaint?.number).toBe(second.number);
      expect((await agent.complaints.list({ conversationId: c.id })).data.map((x) => x.number)).toEqual([first.number, second.number]);
    });

    it('refuses an unknown conversation or a blank summary, and stores nothing', async () => {
      const before = [await count('complaints'), await count('audit_log'), await db().selectFrom('complaint_counters').selectAll().orderBy('day').execute()];
      const missing = await apiFailure(agent.complaints.create({ conversationId: 999_999 }));
      expect([missing.status, missing.message]).toEqual([404, 'conversation 999999 does not exist']);
      const blank = await apiFailure(agent.complaints.create({ conversationId: (await freshConversation()).id, summary: '   ' }));
      expect([blank.status, blank.code]).toEqual([400, 'validation_failed']);
      const extra = await apiFailure(agent.request('POST', 'v1/complaints', { json: { conversationId: 1, status: 'closed' } }));
      expect(extra.fieldErrors).toEqual(['status: is not a known field']);
      expect([await count('complaints'), await count('audit_log'), await db().selectFrom('complaint_counters').selectAll().orderBy('day').execute()]).toEqual(before);
    });

    it('answers 404 for an unknown number and 400 for a malformed one', async () => {
      expect((await apiFailure(agent.complaints.get('C-20000101-000001'))).message).toBe('complaint C-20000101-000001 does not exist');
      const bad = await apiFailure(agent.complaints.get('C-1'));
      expect([bad.status, bad.fieldErrors]).toEqual([400, ['number (path): must be a complaint number such as C-20261123-000042']]);
    });
  });

  describe('life cycle', () => {
    it('goes open → answered → second_review → answered (reviewed) → closed, recording who did what', async () => {
      const c = await freshConversation();
      const opened = await agent.complaints.create({ conversationId: c.id });
      server.clock.advance(60_000);
      const answer = await agent.complaints.answer(opened.number, 'We refunded the fee and apologised.');
      expect(answer).toMatchObject({ status: 'answered', overdue: false, answer: { text: 'We refunded the fee and apologised.', by: { name: 'Ayu Lestari' } } });

      server.clock.advance(DAY);
      const disputed = await budi.complaints.requestSecondReview(opened.number, 'The customer says the fee was not the problem.');
      expect(disputed.status).toBe('second_review');
      expect(disputed.secondReview).toEqual({
        reason: 'The customer says the fee was not the problem.',
        requestedBy: { id: expect.any(String), name: 'Budi Hartono' },
        requestedAt: new Date(server.clock.now).toISOString(),
        decision: null,
        note: null,
        reviewedBy: null,
        reviewedAt: null,
      });
      // The review gets its own reply-by deadline.
      expect(disputed.replyBy).toBe(new Date(server.clock.now + WINDOW).toISOString());

      const reviewed = await lead.complaints.review(opened.number, { decision: 'overturned', note: 'Refund the payment in full.' });
      expect(reviewed).toMatchObject({ status: 'answered', secondReview: { decision: 'overturned', note: 'Refund the payment in full.', reviewedBy: { name: 'Wei Chen' } } });
      expect(reviewed.answer).toEqual(answer.answer);

      const closed = await agent.complaints.close(opened.number);
      expect(closed).toMatchObject({ status: 'closed', closed: { by: { name: 'Ayu Lestari' }, note: null } });
      expect((await agent.conversations.get(c.id)).complaint).toMatchObject({ number: opened.number, status: 'closed' });

      const audit = await db().selectFrom('audit_log').select(['action', 'actor_role', 'before', 'after', 'reason']).where('target_type', '=', 'complaint').where('target_id', '=', opened.number).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['complaint.created', 'complaint.answered', 'complaint.second_review_requested', 'complaint.reviewed', 'complaint.closed']);
      expect(JSON.parse(audit[3]!.before!)).toEqual(disputed);
      expect(JSON.parse(audit[3]!.after!)).toEqual(reviewed);
      expect([audit[2]!.reason, audit[3]!.actor_role]).toEqual(['The customer says the fee was not the problem.', 'supervisor']);
      const events = await db().selectFrom('events').select(['type', 'payload']).where('conversation_id', '=', c.id).where('type', 'like', 'complaint.%').orderBy('id').execute();
      expect(events.map((e) => [e.type, (JSON.parse(e.payload) as { complaint: Complaint }).complaint.status])).toEqual([
        ['complaint.created', 'open'],
        ['complaint.updated', 'answered'],
        ['complaint.updated', 'second_review'],
        ['complaint.updated', 'answered'],
        ['complaint.updated', 'closed'],
      ]);
    });

    it('refuses every change the status does not allow, and changes nothing', async () => {
      const open = await agent.complaints.create({ conversationId: (await freshConversation()).id });
      const isAnswered = await answered();
      const review = await inSecondReview();
      const closed = await answered();
      await agent.complaints.close(closed.number);

      const refusals: [Complaint, () => Promise<unknown>, string, string, 'agent' | 'lead'][] = [
        [open, () => agent.complaints.requestSecondReview(open.number, 'x'), `complaint ${open.number} is open; only a complaint that is answered can be sent to second review`, 'complaint.second_review_requested', 'agent'],
        [open, () => lead.complaints.review(open.number, { decision: 'upheld', note: 'x' }), `complaint ${open.number} is open; only a complaint that is in second review can be reviewed`, 'complaint.reviewed', 'lead'],
        [isAnswered, () => agent.complaints.answer(isAnswered.number, 'again'), `complaint ${isAnswered.number} is answered; only a complaint that is open can be answered`, 'complaint.answered', 'agent'],
        [isAnswered, () => lead.complaints.review(isAnswered.number, { decision: 'upheld', note: 'x' }), `complaint ${isAnswered.number} is answered; only a complaint that is in second review can be reviewed`, 'complaint.reviewed', 'lead'],
        [review, () => agent.complaints.answer(review.number, 'x'), `complaint ${review.number} is in second review; only a complaint that is open can be answered; a supervisor decides it first (support complaint review --decision)`, 'complaint.answered', 'agent'],
        [review, () => agent.complaints.requestSecondReview(review.number, 'x'), `complaint ${review.number} is in second review; only a complaint that is answered can be sent to second review; a supervisor decides it first (support complaint review --decision)`, 'complaint.second_review_requested', 'agent'],
        [review, () => agent.complaints.close(review.number, 'closing around the review'), `complaint ${review.number} is in second review; only a complaint that is open or answered can be closed; a supervisor decides it first (support complaint review --decision)`, 'complaint.closed', 'agent'],
        [closed, () => agent.complaints.answer(closed.number, 'x'), `complaint ${closed.number} is closed; only a complaint that is open can be answered`, 'complaint.answered', 'agent'],
        [closed, () => agent.complaints.requestSecondReview(closed.number, 'x'), `complaint ${closed.number} is closed; only a complaint that is answered can be sent to second review`, 'complaint.second_review_requested', 'agent'],
        [closed, () => agent.complaints.close(closed.number), `complaint ${closed.number} is closed; only a complaint that is open or answered can be closed`, 'complaint.closed', 'agent'],
      ];
      for (const [complaint, attempt, message, action, actor] of refusals) {
        const before = await snapshot(complaint.number);
        const mark = await auditMark(db());
        const error = await apiFailure(attempt());
        expect([error.status, error.code, error.message]).toEqual([409, 'complaint_transition_refused', message]);
        expect(await snapshot(complaint.number)).toEqual(before);
        expect(await auditSince(db(), mark)).toEqual([['denied', action, ids[actor], 'complaint_transition_refused']]);
      }
    });

    it('holds one second review per complaint', async () => {
      const review = await inSecondReview();
      await lead.complaints.review(review.number, { decision: 'upheld', note: 'The first answer stands.' });
      const before = await snapshot(review.number);
      const mark = await auditMark(db());
      const again = await apiFailure(agent.complaints.requestSecondReview(review.number, 'Still unhappy'));
      expect([again.status, again.code, again.message]).toEqual([409, 'complaint_transition_refused', `complaint ${review.number} already had its second review (upheld); a second review happens once`]);
      expect(await snapshot(review.number)).toEqual(before);
      expect(await auditSince(db(), mark)).toEqual([['denied', 'complaint.second_review_requested', ids.agent, 'complaint_transition_refused']]);
    });

    it('closes a never-answered complaint only with a note saying why', async () => {
      const open = await agent.complaints.create({ conversationId: (await freshConversation()).id });
      const before = await snapshot(open.number);
      const mark = await auditMark(db());
      const bare = await apiFailure(agent.complaints.close(open.number));
      expect([bare.status, bare.code, bare.message]).toEqual([422, 'unprocessable', `complaint ${open.number} was never answered; closing it needs a note saying why (e.g. the customer withdrew it)`]);
      expect((await apiFailure(agent.complaints.close(open.number, '  '))).code).toBe('validation_failed');
      expect(await snapshot(open.number)).toEqual(before);
      // The refusal to close without a note is audited; the blank note is malformed and leaves no entry.
      expect(await auditSince(db(), mark)).toEqual([['denied', 'complaint.closed', ids.agent, 'unprocessable']]);
      expect(await agent.complaints.close(open.number, 'The customer withdrew the complaint.')).toMatchObject({ status: 'closed', answer: null, closed: { note: 'The customer withdrew the complaint.' } });
    });

    it('refuses blank answers and reasons, and unknown fields, changing nothing', async () => {
      const open = await agent.complaints.create({ conversationId: (await freshConversation()).id });
      const before = await snapshot(open.number);
      const mark = await auditMark(db());
      expect((await apiFailure(agent.complaints.answer(open.number, ' \n '))).message).toBe('answer is blank: write the outcome the customer was told');
      expect((await apiFailure(agent.complaints.answer(open.number, ''))).fieldErrors).toEqual(['answer: must not have fewer than 1 characters']);
      const extra = await apiFailure(agent.request('POST', `v1/complaints/${open.number}/answer`, { json: { answer: 'ok', status: 'closed' } }));
      expect(extra.fieldErrors).toEqual(['status: is not a known field']);
      expect(await snapshot(open.number)).toEqual(before);
      // Malformed answers are not refusals of the change: no audit entry either.
      expect(await auditSince(db(), mark)).toEqual([]);
    });
  });

  describe('second review: four eyes and roles', () => {
    it('goes to a supervisor: an agent cannot decide it (403), and nothing changes', async () => {
      const review = await inSecondReview();
      const before = await snapshot(review.number);
      const mark = await auditMark(db());
      for (const client of [agent, budi]) {
        const error = await apiFailure(client.complaints.review(review.number, { decision: 'upheld', note: 'x' }));
        expect([error.status, error.code]).toEqual([403, 'forbidden']);
      }
      // Both refusals are recorded as denied, on this complaint; nothing else changes.
      expect(await auditSince(db(), mark)).toEqual([ids.agent, ids.budi].map((id) => ['denied', 'complaint.reviewed', id, 'forbidden']));
      const targets = await db().selectFrom('audit_log').select('target_id').where('id', '>', mark).execute();
      expect(targets.map((t) => t.target_id)).toEqual([review.number, review.number]);
      expect(await snapshot(review.number)).toEqual(before);
    });

    it('refuses the supervisor who answered the complaint (four eyes); another supervisor or an admin decides', async () => {
      const review = await inSecondReview(lead);
      const before = await snapshot(review.number);
      const mark = await auditMark(db());
      const own = await apiFailure(lead.complaints.review(review.number, { decision: 'upheld', note: 'My answer was right.' }));
      expect([own.status, own.code, own.message]).toEqual([403, 'four_eyes_required', `you answered complaint ${review.number}; another supervisor must review it (four eyes)`]);
      expect(await snapshot(review.number)).toEqual(before);
      expect(await auditSince(db(), mark)).toEqual([['denied', 'complaint.reviewed', ids.lead, 'four_eyes_required']]);
      const decided = await admin.complaints.review(review.number, { decision: 'upheld', note: 'The answer stands.' });
      expect(decided.secondReview).toMatchObject({ decision: 'upheld', reviewedBy: { name: 'Sam Admin' } });
    });

    it('lets the supervisor who only recorded the dispute decide it', async () => {
      const complaint = await answered(agent);
      await lead.complaints.requestSecondReview(complaint.number, 'Recorded by the supervisor on the phone.');
      expect((await lead.complaints.review(complaint.number, { decision: 'overturned', note: 'Refund in full.' })).status).toBe('answered');
    });

    it('refuses a decision outside upheld|overturned and a blank note', async () => {
      const review = await inSecondReview();
      const before = await snapshot(review.number);
      const mark = await auditMark(db());
      const bad = await apiFailure(lead.complaints.review(review.number, { decision: 'maybe' as never, note: 'x' }));
      expect(bad.fieldErrors).toEqual(['decision: must be one of: upheld, overturned']);
      expect((await apiFailure(lead.complaints.review(review.number, { decision: 'upheld', note: '   ' }))).message).toBe('note is blank: write the outcome of the review');
      expect(await snapshot(review.number)).toEqual(before);
      expect(await auditSince(db(), mark)).toEqual([]);
    });
  });

  describe('listing', () => {
    it('lists by reply-by time with filters, and pages with cursors without gaps or repeats', async () => {
      const all: Complaint[] = [];
      let cursor: string | undefined;
      do {
        const page = await agent.complaints.list({ limit: 4, ...(cursor ? { cursor } : {}) });
        expect(page.data.length).toBeLessThanOrEqual(4);
        all.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(all).toHaveLength(await count('complaints'));
      expect(new Set(all.map((c) => c.number)).size).toBe(all.length);
      for (let i = 1; i < all.length; i++) expect(Date.parse(all[i - 1]!.replyBy)).toBeLessThanOrEqual(Date.parse(all[i]!.replyBy));

      const waiting = await agent.complaints.list({ status: 'open,second_review', limit: 200 });
      expect(waiting.data.length).toBe(all.filter((c) => c.status === 'open' || c.status === 'second_review').length);
      expect(waiting.data.every((c) => c.status === 'open' || c.status === 'second_review')).toBe(true);

      expect((await apiFailure(agent.complaints.list({ status: 'pending' }))).fieldErrors).toEqual(['status (query): must be one or more of open, answered, second_review, closed, separated by commas']);
      expect((await apiFailure(agent.complaints.list({ cursor: 'bm9wZQ' }))).code).toBe('bad_cursor');
    });

    it('marks complaints waiting on the desk past reply-by as overdue, and filters on it', async () => {
      const open = await agent.complaints.create({ conversationId: (await freshConversation()).id });
      const isAnswered = await answered();
      expect((await agent.complaints.list({ overdue: true, limit: 200 })).data.map((c) => c.number)).not.toContain(open.number);

      server.clock.now = Date.parse(open.replyBy) - 1;
      expect((await agent.complaints.get(open.number)).overdue).toBe(false);
      server.clock.now = Date.parse(open.replyBy);
      expect((await agent.complaints.get(open.number)).overdue).toBe(true);
      expect((await agent.complaints.get(isAnswered.number)).overdue).toBe(false);

      const overdue = await agent.complaints.list({ overdue: true, limit: 200 });
      expect(overdue.data.map((c) => c.number)).toContain(open.number);
      expect(overdue.data.every((c) => c.overdue && (c.status === 'open' || c.status === 'second_review'))).toBe(true);
      const notOverdue = await agent.complaints.list({ overdue: false, limit: 200 });
      expect(notOverdue.data.some((c) => c.overdue)).toBe(false);
      expect(overdue.data.length + notOverdue.data.length).toBe(await count('complaints'));
      expect((await agent.conversations.get(open.conversationId)).complaint?.overdue).toBe(true);
    });
  });

  describe('numbers', () => {
    it('start again at 000001 on a new UTC day, and never repeat', async () => {
      const midnight = Math.ceil((server.clock.now + DAY) / DAY) * DAY;
      server.clock.now = midnight - 1;
      const late = await agent.complaints.create({ conversationId: (await freshConversation()).id });
      server.clock.now = midnight;
      const early = await agent.complaints.create({ conversationId: (await freshConversation()).id });
      expect(late.number.slice(2, 10)).toBe(utcDay(midnight - 1));
      expect(early.number).toBe(`C-${utcDay(midnight)}-000001`);
      const numbers = (await db().selectFrom('complaints').select('number').execute()).map((r) => r.number);
      expect(new Set(numbers).size).toBe(numbers.length);
    });

    it('refuses a complaint when the day has used all 999999 numbers, and stores nothing', async () => {
      const day = utcDay(server.clock.now);
      await db().updateTable('complaint_counters').set({ last: 999_999 }).where('day', '=', day).execute();
      const before = await count('complaints');
      const error = await apiFailure(agent.complaints.create({ conversationId: (await freshConversation()).id }));
      expect([error.status, error.code]).toEqual([503, 'complaint_numbers_exhausted']);
      expect(await count('complaints')).toBe(before);
      expect((await db().selectFrom('complaint_counters').select('last').where('day', '=', day).executeTakeFirstOrThrow()).last).toBe(999_999);
    });
  });
});
