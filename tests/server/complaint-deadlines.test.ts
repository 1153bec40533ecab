import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince, countRows, openFresh } from '../helpers/workflow.js';

const jakarta = (local: string) => Date.parse(`${local}+07:00`);
const isoOf = (local: string) => new Date(jakarta(local)).toISOString();
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

describe('complaint deadlines by the regulator’s rule', () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;
  let legacy: { number: string; replyBy: string };

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { sweepIntervalMs: 0 } });
    [agent, lead, admin] = await Promise.all([server.login('agent@example.com'), server.login('lead@example.com'), server.login('admin@example.com')]);
    server.clock.now = jakarta('2026-03-13T10:00');
    // Opened before any rule: it keeps its 7 calendar days.
    const c = await openFresh(server, admin, { team: 'payments' });
    legacy = await agent.complaints.create({ conversationId: c.id });
    await admin.calendars.create({
      name: 'jakarta',
      zone: 'Asia/Jakarta',
      hours: WEEKDAYS.map((day) => ({ day, from: '08:00', to: '17:00' })),
      holidays: [{ from: '2026-03-18', to: '2026-03-24', name: 'Idul Fitri' }],
      teams: ['payments'],
      jurisdiction: 'ojk',
    });
  });
  afterAll(() => server.close());

  const eventMark = async () => Number((await server.store.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);
  const eventTypesSince = async (mark: number, conversationId: number) =>
    (await server.store.db.selectFrom('events').select('type').where('id', '>', mark).where('conversation_id', '=', conversationId).orderBy('id').execute()).map((e) => e.type);

  /** The agents' replies in a conversation, oldest first: what the customer was sent. */
  const noticesIn = async (conversationId: number) =>
    (await server.store.db.selectFrom('messages').select('body').where('conversation_id', '=', conversationId).where('author_type', '=', 'agent').where('kind', '=', 'reply').orderBy('id').execute()).map((m) => m.body);

  const complaintAt = async (local: string, input: Omit<Parameters<SupportClient['complaints']['create']>[0], 'conversationId'> = {}, team: string | undefined = 'payments') => {
    server.clock.now = jakarta(local);
    const c = await openFresh(server, admin, team ? { team } : {});
    return agent.complaints.create({ conversationId: c.id, ...input });
  };

  it('counts OJK working days on the team’s calendar: spoken 5, written 20, the holiday week skipped', async () => {
    const spoken = await complaintAt('2026-03-16T09:00', { medium: 'spoken' });
    // Tue 17, (Idul Fitri), Wed 25, Thu 26, Fri 27, Mon 30: close of business.
    expect(spoken.replyBy).toBe(isoOf('2026-03-30T17:00'));
    expect(spoken.regulation).toEqual({
      jurisdiction: 'ojk',
      medium: 'spoken',
      complexity: 'simple',
      rule: 'OJK (Indonesia), spoken: 5 working days',
      acknowledgeBy: null,
      extensionAllowed: null,
      extension: null,
      workingDaysLeft: 5,
      choice: { by: 'calendar', country: 'ID', reason: "calendar jakarta's rule, a rule for the customer's country (ID)" },
    });
    const written = await complaintAt('2026-03-16T09:00');
    expect(written.regulation?.rule).toBe('OJK (Indonesia), written: 20 working days');
    expect(written.replyBy).toBe(isoOf('2026-04-20T17:00'));
    // Listed by deadline, each with its working days left.
    server.clock.now = jakarta('2026-03-26T10:00');
    const listed = (await agent.complaints.list({ status: 'open' })).data.filter((c) => c.regulation);
    expect(listed.map((c) => [c.number, c.regulation?.workingDaysLeft])).toEqual([
      [spoken.number, 2],
      [written.number, 17],
    ]);
  });

  it('keeps the deadline existing complaints were given', async () => {
    const kept = await agent.complaints.get(legacy.number);
    expect([kept.replyBy, kept.regulation]).toEqual([legacy.replyBy, null]);
    expect(kept.replyBy).toBe(new Date(jakarta('2026-03-13T10:00') + 7 * 86_400_000).toISOString());
  });

  it('gives BNM’s acknowledgement deadline and its one extension, with the customer notice, audited', async () => {
    const c = await complaintAt('2026-03-13T10:00', { jurisdiction: 'bnm', complexity: 'complex' });
    expect(c.regulation).toMatchObject({ rule: 'Bank Negara Malaysia, complex: 20 working days', acknowledgeBy: isoOf('2026-03-16T17:00'), extensionAllowed: '10 working days when third-party documents are needed' });
    expect(c.replyBy).toBe(isoOf('2026-04-17T17:00'));

    const refused = await apiFailure(agent.complaints.extend(c.number, 'waiting for the bank'));
    expect(refused.status).toBe(403);
    const mark = await auditMark(server.store.db);
    const events = await eventMark();
    const notice = 'We wait for the merchant’s records; our answer comes by 30 April.';
    const extended = await lead.complaints.extend(c.number, notice);
    expect(extended.replyBy).toBe(isoOf('2026-05-01T17:00'));
    expect(extended.regulation?.extension).toMatchObject({ replyByBefore: isoOf('2026-04-17T17:00'), notice, by: { name: 'Wei Chen' }, messageId: expect.any(Number), unsent: null });
    // The notice went to the customer as the supervisor's public reply, in the same change, with the
    // events and audit of any reply; the conversation is not made the supervisor's.
    const detail = await agent.conversations.get(c.conversationId);
    const sent = (await agent.conversations.messages(c.conversationId)).data.find((m) => m.id === extended.regulation?.extension?.messageId);
    expect(sent).toMatchObject({ kind: 'reply', body: notice, author: { type: 'agent', name: 'Wei Chen' } });
    expect(detail.conversation.assignee).toBeNull();
    expect(await auditSince(server.store.db, mark)).toEqual([
      ['succeeded', 'conversation.reply', expect.any(String), undefined],
      ['succeeded', 'complaint.extended', expect.any(String), undefined],
    ]);
    expect(await eventTypesSince(events, c.conversationId)).toEqual(['message.created', 'complaint.updated']);

    const twice = await apiFailure(lead.complaints.extend(c.number, 'again'));
    expect([twice.status, twice.code]).toEqual([409, 'complaint_extension_refused']);
    expect((await agent.complaints.get(c.number)).replyBy).toBe(isoOf('2026-05-01T17:00'));
    expect(await noticesIn(c.conversationId)).toEqual([notice]);
  });

  it('refuses a blank notice, changing nothing and sending nothing', async () => {
    const c = await complaintAt('2026-03-16T09:00', { jurisdiction: 'ojk-portal' });
    const before = await countRows(server.store.db, 'messages');
    const blank = await apiFailure(lead.complaints.extend(c.number, '  \n '));
    expect([blank.status, blank.code, blank.message]).toEqual([400, 'validation_failed', expect.stringContaining('notice')]);
    expect((await agent.complaints.get(c.number)).regulation?.extension).toBeNull();
    expect(await countRows(server.store.db, 'messages')).toBe(before);
    const unknown = await apiFailure(lead.complaints.extend('C-20260316-999999', 'more time'));
    expect([unknown.status, unknown.code]).toEqual([404, 'not_found']);
    expect(await countRows(server.store.db, 'messages')).toBe(before);
  });

  it('records the extension of a complaint whose conversation is closed, and says the notice was not sent', async () => {
    const c = await complaintAt('2026-03-16T09:00', { jurisdiction: 'ojk-portal' });
    await admin.conversations.resolve(c.conversationId);
    await lead.conversations.close(c.conversationId);
    const before = await countRows(server.store.db, 'messages');
    const extended = await lead.complaints.extend(c.number, 'We need ten more working days.');
    expect(extended.regulation?.extension).toMatchObject({
      notice: 'We need ten more working days.',
      messageId: null,
      unsent: `conversation ${c.conversationId} is closed and takes no more messages; tell the customer another way`,
    });
    expect(extended.replyBy).toBe(isoOf('2026-04-20T17:00'));
    expect(await countRows(server.store.db, 'messages')).toBe(before);
  });

  it('refuses an extension the rule does not allow, and a rule without a calendar, changing nothing', async () => {
    const ojk = await complaintAt('2026-03-16T09:00', { medium: 'spoken' });
    const refused = await apiFailure(lead.complaints.extend(ojk.number, 'more time please'));
    expect([refused.status, refused.code, refused.message]).toEqual([409, 'complaint_extension_refused', 'the OJK (Indonesia) rule allows no extension']);
    expect((await agent.complaints.get(ojk.number)).replyBy).toBe(ojk.replyBy);
    expect(await noticesIn(ojk.conversationId)).toEqual([]);

    const before = await server.store.db.selectFrom('complaints').select('id').execute();
    const noCalendar = await apiFailure(complaintAt('2026-03-16T09:00', { jurisdiction: 'psd2' }, 'security'));
    expect([noCalendar.status, noCalendar.code]).toEqual([422, 'calendar_required']);
    expect(await server.store.db.selectFrom('complaints').select('id').execute()).toEqual(before);
  });

  it('extends once when supervisors race for it', async () => {
    const c = await complaintAt('2026-03-16T09:00', { jurisdiction: 'ojk-portal' });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => lead.complaints.extend(c.number, `notice ${i}`)));
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('complaint_extension_refused');
    // Only the extension that won sent its notice, once.
    expect(await noticesIn(c.conversationId)).toEqual([won[0]!.regulation?.extension?.notice]);
    const row = await server.store.db.selectFrom('complaints').selectAll().where('number', '=', c.number).executeTakeFirstOrThrow();
    // 10 working days, then 10 more from that deadline.
    expect([row.reply_by_before_extension, row.reply_by_at]).toEqual([jakarta('2026-04-06T17:00'), jakarta('2026-04-20T17:00')]);
  });

  it('starts the rule’s window again for a second review', async () => {
    const c = await complaintAt('2026-03-16T09:00', { medium: 'spoken' });
    await agent.complaints.answer(c.number, 'we refunded the fee');
    server.clock.now = jakarta('2026-03-27T10:00');
    const review = await agent.complaints.requestSecondReview(c.number, 'the fee was not the problem');
    // Mon 30, Tue 31, Wed 1, Thu 2, Fri 3 April.
    expect(review.replyBy).toBe(isoOf('2026-04-03T17:00'));
  });

  it('counts calendar days to local midnight where the rule says days (BSP)', async () => {
    const c = await complaintAt('2026-03-16T09:00', { jurisdiction: 'bsp' });
    expect(c.replyBy).toBe(isoOf('2026-03-24T00:00'));
  });

  describe('the rule by the customer’s country', () => {
    let n = 0;
    /** A customer with this phone (as the wallet system wrote it; `e164` when its key was filled) and a conversation of theirs. */
    const customerWith = async (phone: string | null, e164: string | null = null, team: string | undefined = 'payments') => {
      const id = `cus_COUNTRY${String(++n).padStart(3, '0')}`;
      await server.store.db.insertInto('customers').values({ id, name: `Country ${n}`, email: null, phone, phone_e164: e164, language: 'en', kyc_level: 'full', two_factor_enabled: 1, created_at: server.clock.now }).execute();
      const { conversation } = await admin.conversations.open({ customerId: id, channel: 'chat', category: 'other', priority: 'normal', subject: `country ${n}`, body: 'hello', ...(team ? { team } : {}) });
      return { customerId: id, conversationId: conversation.id };
    };

    it('counts a Malaysian customer by BNM, a German one by PSD2, on the team’s calendar, and says why', async () => {
      server.clock.now = jakarta('2026-03-16T09:00');
      const my = await agent.complaints.create({ conversationId: (await customerWith('+60 12-345 6789', '+60123456789')).conversationId });
      expect(my.regulation).toMatchObject({ jurisdiction: 'bnm', rule: 'Bank Negara Malaysia, simple: 5 working days', choice: { by: 'customer_country', country: 'MY', reason: "the customer's country, MY (from their phone number)" } });
      // 5 working days on jakarta: Tue 17, (Idul Fitri) Wed 25 … Mon 30.
      expect(my.replyBy).toBe(isoOf('2026-03-30T17:00'));
      const de = await agent.complaints.create({ conversationId: (await customerWith('+49 151 12345678', '+4915112345678')).conversationId });
      expect(de.regulation).toMatchObject({ jurisdiction: 'psd2', choice: { by: 'customer_country', country: 'DE' } });
      // The complaint's page and list say the same.
      expect((await agent.complaints.get(my.number)).regulation?.choice).toEqual(my.regulation?.choice);
    });

    it('keeps the team calendar’s rule for its own country’s customers, and for customers of a country without a rule or without a phone', async () => {
      server.clock.now = jakarta('2026-03-16T09:00');
      // A national number without its key yet: read in the desk's region (Indonesia).
      const id = await agent.complaints.create({ conversationId: (await customerWith('0812 3456 7890')).conversationId });
      expect(id.regulation).toMatchObject({ jurisdiction: 'ojk', choice: { by: 'calendar', country: 'ID', reason: "calendar jakarta's rule, a rule for the customer's country (ID)" } });
      const sg = await agent.complaints.create({ conversationId: (await customerWith('+65 9123 4567', '+6591234567')).conversationId });
      expect(sg.regulation).toMatchObject({ jurisdiction: 'ojk', choice: { by: 'calendar', country: 'SG', reason: "calendar jakarta's rule; no built-in rule for the customer's country (SG)" } });
      const none = await agent.complaints.create({ conversationId: (await customerWith(null)).conversationId });
      expect(none.regulation).toMatchObject({ jurisdiction: 'ojk', choice: { by: 'calendar', country: null, reason: "calendar jakarta's rule; the customer's country is not known (no phone number)" } });
    });

    it('lets the rule asked for win, and keeps a complaint’s rule when the customer’s country changes later', async () => {
      server.clock.now = jakarta('2026-03-16T09:00');
      const customer = await customerWith('+60 12-345 6789', '+60123456789');
      const asked = await agent.complaints.create({ conversationId: customer.conversationId, jurisdiction: 'bsp' });
      expect(asked.regulation).toMatchObject({ jurisdiction: 'bsp', choice: { by: 'request', country: 'MY', reason: 'asked for when the complaint was opened' } });
      await agent.complaints.close(asked.number, 'opened under the wrong rule');
      const byCountry = await agent.complaints.create({ conversationId: customer.conversationId });
      expect(byCountry.regulation?.jurisdiction).toBe('bnm');
      await server.store.db.updateTable('customers').set({ phone: '+63 917 123 4567', phone_e164: '+639171234567' }).where('id', '=', customer.customerId).execute();
      const kept = await agent.complaints.get(byCountry.number);
      expect([kept.replyBy, kept.regulation?.jurisdiction, kept.regulation?.choice?.country]).toEqual([byCountry.replyBy, 'bnm', 'MY']);
    });

    it('gives no rule without a calendar to count on, and refuses a rule that is not one, creating nothing', async () => {
      server.clock.now = jakarta('2026-03-16T09:00');
      const plain = await agent.complaints.create({ conversationId: (await customerWith('+60 12-345 6789', '+60123456789', 'security')).conversationId });
      expect([plain.regulation, plain.replyBy]).toEqual([null, new Date(jakarta('2026-03-16T09:00') + 7 * 86_400_000).toISOString()]);
      const before = await server.store.db.selectFrom('complaints').select('id').execute();
      const { conversationId } = await customerWith('+60 12-345 6789', '+60123456789');
      const bad = await apiFailure(agent.complaints.create({ conversationId, jurisdiction: 'fca' as never }));
      expect([bad.status, bad.code, bad.message]).toEqual([400, 'validation_failed', expect.stringContaining('jurisdiction')]);
      expect(await server.store.db.selectFrom('complaints').select('id').execute()).toEqual(before);
    });
  });
});
