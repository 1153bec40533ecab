import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const NOW = Date.UTC(2026, 11, 3, 9, 0, 0);

describe('conversations agents start (POST /v1/customers/:id/conversations, call-end)', () => {
  let server: TestServer;
  let agent: SupportClient;
  let customerId: string;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true, clockStart: NOW });
    agent = await server.login();
    customerId = (await server.store.db.selectFrom('customers').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => server.close());

  it('logs a phone call: the agent’s note, the call’s start, then its end with the summary, each audited', async () => {
    const { result } = await agent.conversations.create(customerId, { channel: 'phone', subject: 'Phone stolen', body: 'Customer calls: phone stolen last night, asks to freeze the wallet.' });
    expect(result.call).toEqual({ startedAt: new Date(NOW).toISOString(), endedAt: null, summary: null });
    expect(result.conversation).toMatchObject({ channel: 'phone', status: 'open', subject: 'Phone stolen', customer: { id: customerId }, assignee: { name: 'Ayu Lestari' } });
    expect(result.message).toMatchObject({ kind: 'note', author: { type: 'agent', name: 'Ayu Lestari' } });

    server.clock.advance(5 * 60_000);
    const ended = await agent.conversations.endCall(result.conversation.id, { summary: 'Wallet frozen; customer will visit with ID.' });
    expect(ended.result.call).toEqual({ startedAt: new Date(NOW).toISOString(), endedAt: new Date(NOW + 300_000).toISOString(), summary: 'Wallet frozen; customer will visit with ID.' });
    expect(ended.result.note).toMatchObject({ kind: 'note', body: 'Call summary: Wallet frozen; customer will visit with ID.' });

    const again = await apiFailure(agent.conversations.endCall(result.conversation.id, { summary: 'twice' }));
    expect([again.status, again.code]).toEqual([409, 'call_already_ended']);
    const audit = await server.store.db.selectFrom('audit_log').select(['action', 'outcome']).where('target_id', '=', String(result.conversation.id)).orderBy('id').execute();
    // The refused second end is recorded as denied, as every refused change is.
    expect(audit).toEqual([{ action: 'conversation.create', outcome: 'succeeded' }, { action: 'conversation.call_end', outcome: 'succeeded' }, { action: 'conversation.call_end', outcome: 'denied' }]);
  });

  it('requires a summary when a call ends, and changes nothing without one', async () => {
    const { result } = await agent.conversations.create(customerId, { channel: 'phone', subject: 'Top-up missing', body: 'Asks about a top-up.' });
    const before = await server.store.db.selectFrom('messages').select('id').where('conversation_id', '=', result.conversation.id).execute();
    const empty = await apiFailure(agent.conversations.endCall(result.conversation.id, { summary: '   ' }));
    expect([empty.status, empty.code]).toEqual([422, 'call_summary_required']);
    const logged = await apiFailure(agent.conversations.create(customerId, { channel: 'phone', subject: 'Earlier call', body: 'Called earlier.', callStartedAt: new Date(NOW - 600_000).toISOString(), callEndedAt: new Date(NOW - 300_000).toISOString() }));
    expect([logged.status, logged.code]).toEqual([422, 'call_summary_required']);
    const row = await server.store.db.selectFrom('conversations').select(['call_ended_at', 'call_summary']).where('id', '=', result.conversation.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ call_ended_at: null, call_summary: null });
    expect(await server.store.db.selectFrom('messages').select('id').where('conversation_id', '=', result.conversation.id).execute()).toEqual(before);
  });

  it('logs a call afterwards in one request, and starts an outbound email that waits for the customer', async () => {
    const { result } = await agent.conversations.create(customerId, { channel: 'phone', subject: 'Earlier call', body: 'Called about a refund.', callStartedAt: new Date(NOW - 600_000).toISOString(), callEndedAt: new Date(NOW - 300_000).toISOString(), summary: 'Explained refund timing.' });
    expect(result.call?.summary).toBe('Explained refund timing.');
    const email = await agent.conversations.create(customerId, { channel: 'email', subject: 'Your refund', body: 'Dear customer, your refund is on its way.' });
    expect([email.result.call, email.result.conversation.status, email.result.message.kind]).toEqual([null, 'pending', 'reply']);
    const notCall = await apiFailure(agent.conversations.endCall(email.result.conversation.id, { summary: 'x' }));
    expect([notCall.status, notCall.code]).toEqual([409, 'not_a_call']);
  });

  it('replays a retry with the same idempotency key instead of starting a second conversation', async () => {
    const input = { channel: 'chat' as const, subject: 'Follow-up', body: 'Hi, following up.' };
    const first = await agent.conversations.create(customerId, input, { idempotencyKey: 'start-follow-up-1' });
    const retry = await agent.conversations.create(customerId, input, { idempotencyKey: 'start-follow-up-1' });
    expect([retry.replayed, retry.result.conversation.id]).toEqual([true, first.result.conversation.id]);
  });

  it('answers 404 for an unknown customer', async () => {
    const unknown = await apiFailure(agent.conversations.create('cus_doesnotexist', { channel: 'email', subject: 's', body: 'b' }));
    expect([unknown.status, unknown.code]).toEqual([404, 'not_found']);
  });
});
