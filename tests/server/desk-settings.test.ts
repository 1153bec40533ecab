import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeskSettings } from '../../src/api/types.js';
import { SupportClient } from '../../src/client/support-client.js';
import { DEFAULT_SETTINGS, type ServerSettings } from '../../src/server/context.js';
import type { RunningServer } from '../../src/server/start.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { tokenFor } from '../helpers/money.js';
import { startSecondInstance } from '../helpers/second-instance.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince } from '../helpers/workflow.js';

/**
 * Automatic triage and answers as desk settings (issue 18): an admin turns them on and off at runtime,
 * the next inbound conversation follows, on every instance; the server's flags are only the defaults.
 */
describe(`desk settings: automatic triage and answers changed at runtime (${ENGINE})`, () => {
  let server: TestServer;
  let other: RunningServer;
  let admin: SupportClient;
  let lead: SupportClient;
  let agent: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    other = await startSecondInstance(server);
    [admin, lead, agent] = (await Promise.all(['admin', 'lead', 'agent'].map((name) => server.login(`${name}@example.com`)))) as [SupportClient, SupportClient, SupportClient];
    await Promise.all([server.ctx.assist.macrosReady(), other.ctx.assist.macrosReady()]);
  });
  afterAll(async () => {
    await other?.close();
    await server?.close();
  });

  // The server's flags, as a restart with other flags would set them; and nothing the desk has set.
  const flags = (settings: Partial<ServerSettings>) => Object.assign(server.ctx.settings, settings);
  beforeEach(async () => {
    flags({ autoTriage: false, autoAnswer: false, autoAnswerThreshold: DEFAULT_SETTINGS.autoAnswerThreshold, autoAnswerCategories: DEFAULT_SETTINGS.autoAnswerCategories });
    await server.store.db.deleteFrom('desk_settings').execute();
  });

  const customerSpeaking = async (language: string) => {
    const [customer] = await server.store.db.selectFrom('customers').select('id').where('language', '=', language).limit(1).execute();
    return customer!.id;
  };
  const FEE_QUESTION = 'How much is the fee when I pay in a foreign currency?';
  const ask = async (body = FEE_QUESTION, client = admin, language = 'en') =>
    (await client.conversations.open({ customerId: await customerSpeaking(language), channel: 'chat', category: 'other', subject: 'question', body })).conversation;
  const authors = async (id: number) => (await admin.conversations.get(id)).messages.map((m) => `${m.author.type}:${m.author.name}`);
  const idOf = async (name: string) => (await server.store.db.selectFrom('agents').select('id').where('email', '=', `${name}@example.com`).executeTakeFirstOrThrow()).id;
  const storedRows = () => server.store.db.selectFrom('desk_settings').selectAll().orderBy('key').execute();

  it('reads the server’s flags while the desk has set nothing (supervisors and admins; agents 403)', async () => {
    flags({ autoTriage: true, autoAnswerThreshold: 0.7 });
    const expected: DeskSettings = {
      settings: { autoTriage: true, autoAnswer: false, autoAnswerThreshold: 0.7, autoAnswerCategories: [...DEFAULT_SETTINGS.autoAnswerCategories] },
      sources: { autoTriage: 'server', autoAnswer: 'server', autoAnswerThreshold: 'server', autoAnswerCategories: 'server' },
    };
    expect(await lead.desk.settings()).toEqual(expected);
    expect(await admin.desk.settings()).toEqual(expected);
    expect((await apiFailure(agent.desk.settings())).status).toBe(403);
  });

  it('automatic answers on through the API: the next conversation is answered, no restart; off: the next is not', async () => {
    expect((await ask()).status).toBe('open');
    const on = await admin.desk.updateSettings({ autoAnswer: true, autoAnswerThreshold: 0.5 });
    expect(on.settings).toMatchObject({ autoAnswer: true, autoAnswerThreshold: 0.5 });
    expect(on.sources).toEqual({ autoTriage: 'server', autoAnswer: 'desk', autoAnswerThreshold: 'desk', autoAnswerCategories: 'server' });
    const answered = await ask();
    expect(answered.status).toBe('pending');
    expect((await authors(answered.id)).map((a) => a.split(':')[0])).toEqual(['customer', 'system']);

    await admin.desk.updateSettings({ autoAnswer: false });
    const left = await ask();
    expect(left.status).toBe('open');
    expect((await authors(left.id)).map((a) => a.split(':')[0])).toEqual(['customer']);
  });

  it('the threshold and categories the desk sets are the ones answered by', async () => {
    await admin.desk.updateSettings({ autoAnswer: true, autoAnswerThreshold: 0.99 });
    expect((await ask()).status).toBe('open');
    await admin.desk.updateSettings({ autoAnswerThreshold: 0.5, autoAnswerCategories: ['login'] });
    expect((await ask()).status).toBe('open');
    expect((await ask('forgot my password')).status).toBe('pending');
  });

  it('automatic triage on through the API: the next conversation is triaged; off: it is not', async () => {
    const opening = (client = admin) => ask('akun saya dibobol, saldo hilang', client, 'id');
    expect([(await opening()).category]).toEqual(['other']);
    await admin.desk.updateSettings({ autoTriage: true });
    const triaged = await opening();
    expect([triaged.category, triaged.priority]).toEqual(['account_security', 'urgent']);
    expect(await authors(triaged.id)).toContain('system:Triage');
    await admin.desk.updateSettings({ autoTriage: false });
    expect([(await opening()).category]).toEqual(['other']);
  });

  it('another instance on the same database follows the change at once (no cache to go stale)', async () => {
    const onOther = new SupportClient({ baseUrl: other.url, token: await tokenFor(other.url, 'admin@example.com') });
    await admin.desk.updateSettings({ autoAnswer: true, autoAnswerThreshold: 0.5 });
    expect((await ask(FEE_QUESTION, onOther)).status).toBe('pending');
    await admin.desk.updateSettings({ autoAnswer: false });
    expect((await ask(FEE_QUESTION, onOther)).status).toBe('open');
  });

  it('what the desk set wins over the server’s flags; null returns a setting to the flag', async () => {
    flags({ autoAnswer: true, autoAnswerThreshold: 0.5, autoTriage: true });
    expect((await ask()).status).toBe('pending');
    const off = await admin.desk.updateSettings({ autoAnswer: false, autoTriage: false });
    expect([off.settings.autoAnswer, off.sources.autoAnswer, off.settings.autoTriage]).toEqual([false, 'desk', false]);
    const asked = await ask('akun saya dibobol, saldo hilang', admin, 'id');
    expect([asked.status, asked.category]).toEqual(['open', 'other']);

    const back = await admin.desk.updateSettings({ autoAnswer: null });
    expect([back.settings.autoAnswer, back.sources.autoAnswer, back.sources.autoTriage]).toEqual([true, 'server', 'desk']);
    expect((await ask()).status).toBe('pending');
    expect((await storedRows()).map((r) => r.key)).toEqual(['autoTriage']);
  });

  it('audits the change with the settings before and after, and announces it as a live event', async () => {
    const mark = await auditMark(server.store.db);
    const lastEvent = Number((await server.store.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);
    const after = await admin.desk.updateSettings({ autoAnswer: true, autoAnswerCategories: ['refund', 'payment_failed'] });
    const entry = await server.store.db.selectFrom('audit_log').selectAll().where('id', '>', mark).executeTakeFirstOrThrow();
    const adminId = await idOf('admin');
    expect([entry.action, entry.actor_id, entry.outcome, entry.target_type]).toEqual(['desk_settings.update', adminId, 'succeeded', 'desk_settings']);
    expect(JSON.parse(entry.before!)).toMatchObject({ settings: { autoAnswer: false, autoAnswerCategories: DEFAULT_SETTINGS.autoAnswerCategories }, sources: { autoAnswer: 'server' } });
    expect(JSON.parse(entry.after!)).toEqual(after);
    const events = await server.store.db.selectFrom('events').selectAll().where('id', '>', lastEvent).execute();
    expect(events.map((e) => [e.type, e.conversation_id])).toEqual([['desk.settings_updated', null]]);
    expect(JSON.parse(events[0]!.payload)).toEqual({ settings: after, by: { id: adminId, name: expect.any(String) } });
    expect((await storedRows()).find((r) => r.key === 'autoAnswerCategories')).toMatchObject({ value: '["refund","payment_failed"]', updated_by: adminId });
  });

  it('refuses bad input with 400 naming the field, and changes nothing', async () => {
    await admin.desk.updateSettings({ autoTriage: false });
    const before = await admin.desk.settings();
    const rows = await storedRows();
    const mark = await auditMark(server.store.db);
    const cases: [unknown, string][] = [
      [{ autoTriage: 'yes' }, 'autoTriage'],
      [{ autoAnswer: 1 }, 'autoAnswer'],
      [{ autoAnswerThreshold: 1.5 }, 'autoAnswerThreshold'],
      [{ autoAnswerThreshold: -0.1 }, 'autoAnswerThreshold'],
      [{ autoAnswerThreshold: '0.6' }, 'autoAnswerThreshold'],
      [{ autoAnswerCategories: ['refund', 'refund'] }, 'autoAnswerCategories'],
      [{ autoAnswerCategories: ['kyc'] }, 'autoAnswerCategories'],
      [{ autoAnswerCategories: [] }, 'autoAnswerCategories'],
      [{ autoAnswerCategories: 'refund' }, 'autoAnswerCategories'],
      // A valid field beside a bad one: neither is applied.
      [{ autoTriage: true, autoAnswerThreshold: 2 }, 'autoAnswerThreshold'],
      [{ autoTriage: true, autoReply: true }, 'autoReply'],
    ];
    for (const [body, field] of cases) {
      const error = await apiFailure(admin.desk.updateSettings(body as never));
      // A nullable field's errors repeat per branch (the value, null): each names the field.
      const fields = [...new Set(error.problem?.errors?.map((e) => e.field.split('.')[0]))];
      expect([body, error.status, error.code, fields]).toEqual([body, 400, 'validation_failed', [field]]);
    }
    const empty = await apiFailure(admin.desk.updateSettings({}));
    expect([empty.status, empty.code]).toEqual([400, 'validation_failed']);
    expect(await admin.desk.settings()).toEqual(before);
    expect(await storedRows()).toEqual(rows);
    expect(await auditSince(server.store.db, mark)).toEqual([]);
  });

  it('only admins change them: supervisors and agents get 403, audited as denied, nothing changed', async () => {
    const mark = await auditMark(server.store.db);
    for (const client of [lead, agent]) {
      const error = await apiFailure(client.desk.updateSettings({ autoAnswer: true }));
      expect([error.status, error.code]).toEqual([403, 'forbidden']);
    }
    expect((await auditSince(server.store.db, mark)).map(([outcome, action, actor]) => [outcome, action, actor])).toEqual([
      ['denied', 'desk_settings.update', await idOf('lead')],
      ['denied', 'desk_settings.update', await idOf('agent')],
    ]);
    expect(await storedRows()).toEqual([]);
    expect((await admin.desk.settings()).settings.autoAnswer).toBe(false);
  });
});
