import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateConversationRequest } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { countRows, openFresh, someCustomerId } from '../helpers/workflow.js';

/** A channel's externalId works as Stripe's idempotency keys: the same request replays, another is refused. */
describe(`externalId and clientMessageId reused with other content (${ENGINE})`, () => {
  let server: TestServer;
  let admin: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true });
    admin = await server.login('admin@example.com');
  });
  afterAll(() => server.close());

  const counts = async () => ({ conversations: await countRows(server.store.db, 'conversations'), messages: await countRows(server.store.db, 'messages') });
  const deniedAudit = async (action: string, targetId: string) =>
    (await server.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).where('outcome', '=', 'denied').execute()).map(
      (e) => JSON.parse(e.after!) as Record<string, unknown>,
    );
  const thread = async (): Promise<CreateConversationRequest> => ({
    customerId: await someCustomerId(server),
    channel: 'email',
    category: 'payment_failed',
    subject: 'Double charge',
    body: 'I was charged twice for order 1182',
    externalId: `mail-${randomUUID()}`,
  });

  it('a redelivery of the same request replays the first answer with Idempotent-Replayed: true, even with other routing hints', async () => {
    const input = await thread();
    const first = await admin.conversations.open(input);
    expect(first.replayed).toBe(false);
    const before = await counts();
    for (const again of [input, { ...input, priority: 'urgent' as const, tags: ['vip'] }]) {
      const replay = await admin.conversations.open(again);
      expect([replay.replayed, replay.conversation.id, replay.message.id, replay.message.body]).toEqual([true, first.conversation.id, first.message.id, input.body]);
    }
    expect((await admin.conversations.open(input)).conversation.priority).toBe('normal');
    expect(await counts()).toEqual(before);
  });

  it('the same externalId with another body, subject or channel is refused with 409 external_id_reused naming the existing conversation and message; nothing is stored', async () => {
    const input = await thread();
    const first = await admin.conversations.open(input);
    const before = await counts();
    const cases = [
      [{ ...input, body: 'And now the refund is missing too' }, 'another first message'],
      [{ ...input, subject: 'Refund missing' }, 'another subject'],
      [{ ...input, channel: 'chat' as const }, 'another channel (email)'],
    ] as const;
    for (const [request, what] of cases) {
      const refused = await apiFailure(admin.conversations.open(request));
      expect([refused.status, refused.code, refused.message]).toEqual([
        409,
        'external_id_reused',
        `externalId ${input.externalId} opened conversation ${first.conversation.id} with ${what}; this request was not stored. A later message of that thread goes to POST /v1/conversations/${first.conversation.id}/inbound; a new thread needs a new externalId`,
      ]);
      expect(refused.problem).toMatchObject({ conversationId: first.conversation.id, messageId: first.message.id });
    }
    expect(await counts()).toEqual(before);
    const denied = await deniedAudit('conversation.create', String(first.conversation.id));
    expect(denied).toEqual(cases.map(() => ({ refused: 'external_id_reused', externalId: input.externalId })));
    // The sender does what the answer says: the new content lands on the existing conversation.
    const { message } = await admin.conversations.inbound(first.conversation.id, { body: cases[0][0].body });
    expect(message.body).toBe('And now the refund is missing too');
  });

  it('concurrent deliveries of one externalId with two contents store one conversation; every other answer replays it or is refused with its id', async () => {
    const input = await thread();
    const other = { ...input, body: 'Second thoughts: it was charged three times' };
    const before = await counts();
    const results = await Promise.all(
      [input, other, input, other].map((request) =>
        admin.conversations.open(request).then(
          (r) => ({ kind: r.replayed ? 'replayed' : 'created', conversationId: r.conversation.id, body: r.message.body }),
          (e: unknown) => ({ kind: 'refused', conversationId: (e as { problem?: { conversationId?: number } }).problem?.conversationId, body: (e as { code?: string }).code }),
        ),
      ),
    );
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    const created = results.find((r) => r.kind === 'created')!;
    expect(new Set(results.map((r) => r.conversationId))).toEqual(new Set([created.conversationId]));
    expect(results.filter((r) => r.kind === 'replayed').map((r) => r.body)).toEqual([created.body]);
    expect(results.filter((r) => r.kind === 'refused').map((r) => r.body)).toEqual(['external_id_reused', 'external_id_reused']);
    expect(await counts()).toEqual({ conversations: before.conversations + 1, messages: before.messages + 1 });
  });

  it('a clientMessageId reused with another body is refused with the existing message id, audited; the same body replays', async () => {
    const c = await openFresh(server, admin);
    const clientMessageId = `wa-${randomUUID()}`;
    const first = await admin.conversations.inbound(c.id, { body: 'Where is my refund?', clientMessageId });
    const replay = await admin.conversations.inbound(c.id, { body: 'Where is my refund?', clientMessageId });
    expect([replay.replayed, replay.message.id]).toEqual([true, first.message.id]);
    const before = await counts();
    const refused = await apiFailure(admin.conversations.inbound(c.id, { body: 'Never mind, it arrived', clientMessageId }));
    expect([refused.status, refused.code]).toEqual([409, 'client_message_id_reused']);
    expect(refused.message).toContain(`(message ${first.message.id}); this one was not stored`);
    expect(refused.problem).toMatchObject({ conversationId: c.id, messageId: first.message.id });
    expect(await counts()).toEqual(before);
    expect(await deniedAudit('conversation.inbound', String(c.id))).toEqual([{ refused: 'client_message_id_reused', clientMessageId }]);
  });
});
