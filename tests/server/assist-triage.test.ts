import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

async function customerSpeaking(server: TestServer, language: string): Promise<string> {
  const [customer] = await server.store.db.selectFrom('customers').select('id').where('language', '=', language).limit(1).execute();
  return customer!.id;
}

describe('automatic triage of new conversations (a desk setting)', () => {
  let on: TestServer;
  let off: TestServer;
  let admin: SupportClient;
  let adminOff: SupportClient;

  beforeAll(async () => {
    [on, off] = await Promise.all([startTestServer({ demo: true, settings: { autoTriage: true } }), startTestServer({ demo: true })]);
    [admin, adminOff] = await Promise.all([on.login('admin@example.com'), off.login('admin@example.com')]);
    await on.ctx.assist.macrosReady();
  });
  afterAll(() => Promise.all([on.close(), off.close()]));

  const opening = (customerId: string) => ({ customerId, channel: 'chat' as const, category: 'other' as const, subject: 'tolong', body: 'akun saya dibobol, saldo hilang' });

  it('on: the category and priority the customer’s words point to, with a note saying so, in the audit log too', async () => {
    const { conversation } = await admin.conversations.open(opening(await customerSpeaking(on, 'id')));
    expect([conversation.category, conversation.priority]).toEqual(['account_security', 'urgent']);
    const detail = await admin.conversations.get(conversation.id);
    const note = detail.messages.find((m) => m.author.type === 'system')!;
    expect(note).toMatchObject({ kind: 'note', author: { name: 'Triage' } });
    expect(note.body).toMatch(/^Automatic triage: category account_security \(\d+ %\), priority urgent \(\d+ %\), written in Indonesian\. The channel said other\.$/);
    const audit = await on.store.db.selectFrom('audit_log').select('after').where('action', '=', 'conversation.create').where('target_id', '=', String(conversation.id)).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ category: 'account_security', priority: 'urgent', triage: { language: 'id', channelCategory: 'other', channelPriority: null } });
  });

  it('on: a channel’s more urgent priority stands', async () => {
    const { conversation } = await admin.conversations.open({ ...opening(await customerSpeaking(on, 'en')), body: 'how long does a refund take?', priority: 'high' });
    expect([conversation.category, conversation.priority]).toEqual(['refund', 'high']);
  });

  it('off (the default): the channel’s category and priority, nothing added; the triage is only suggested', async () => {
    const { conversation } = await adminOff.conversations.open(opening(await customerSpeaking(off, 'id')));
    expect([conversation.category, conversation.priority]).toEqual(['other', 'normal']);
    expect((await adminOff.conversations.get(conversation.id)).messages.map((m) => m.author.type)).toEqual(['customer']);
    const suggested = await adminOff.assist.suggest({ conversationId: conversation.id });
    expect([suggested.category.category, suggested.priority.priority, suggested.language]).toEqual(['account_security', 'urgent', 'id']);
  });
});
