import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PAYMENT_METHODS } from '../../src/api/enums.js';
import type { Incident } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { BIN, cliHome, runCli } from '../helpers/run-cli.js';
import { addConversations } from '../helpers/many-conversations.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

describe(`support incident (${ENGINE})`, () => {
  let server: TestServer;
  let admin: SupportClient;
  let home: string;
  let env: Record<string, string>;
  let lead: Record<string, string>;
  let leadProfile: Record<string, string> = {};
  const leadEnv = () => leadProfile;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    admin = await server.login('admin@example.com');
    ({ home, env } = await cliHome('support-incident-', server.url, { default: 'agent@example.com', lead: 'lead@example.com' }));
    expect((await runCli(['config', 'use', 'default'], { env })).code).toBe(0);
    lead = { ...env, SUPPORT_PROFILE: 'lead' };
    leadProfile = lead;
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function openConversation(language: 'en' | 'zh' | 'id', n: number): Promise<number> {
    const id = `cus_CLIINC${language.toUpperCase()}${n}`;
    await server.store.db.insertInto('customers').values({ id, name: `Cli ${n}`, email: null, phone: null, language, kyc_level: 'full', two_factor_enabled: 1, created_at: server.clock.now }).execute();
    return (await admin.conversations.open({ customerId: id, channel: 'chat', category: 'payment_failed', priority: 'normal', subject: 'payment failed', body: 'my payment failed' })).conversation.id;
  }

  it('create, link, broadcast, resume and resolve, each with --json exactly', async () => {
    const create = await runCli(
      ['incident', 'create', '--title', 'QRIS down', '--description', 'Switch outage', '--text', 'en=QRIS payments fail', '--affects', 'category=payment_failed', '--start', new Date(server.clock.now - 60_000).toISOString(), '--json'],
      { env: lead },
    );
    expect([create.code, create.stderr]).toEqual([0, '']);
    const incident = JSON.parse(create.stdout) as Incident;
    expect(incident).toEqual(expect.objectContaining({ title: 'QRIS down', texts: { en: 'QRIS payments fail' }, affects: { categories: ['payment_failed'] } }));

    const agentCreate = await runCli(['incident', 'create', '--title', 'x', '--description', 'y'], { env });
    expect(agentCreate.code).toBe(4);

    const conversations = [await openConversation('en', 1), await openConversation('zh', 2)];
    const link = await runCli(['incident', 'link', String(incident.id), ...conversations.map(String), '--json'], { env });
    expect([link.code, link.stderr]).toEqual([0, '']);
    expect(JSON.parse(link.stdout)).toMatchObject({ linked: conversations, alreadyLinked: [] });

    const missing = await runCli(['incident', 'broadcast', String(incident.id), '--yes'], { env: lead });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no customer text for zh \(1 customer\)/);

    const noYes = await runCli(['incident', 'broadcast', String(incident.id), '--message', 'en=Fixed soon', '--message', 'zh=很快修复'], { env: lead });
    expect(noYes.code).toBe(2);

    const broadcast = await runCli(['incident', 'broadcast', String(incident.id), '--message', 'en=Fixed soon', '--message', 'zh=很快修复', '--yes', '--json'], { env: lead });
    expect([broadcast.code, broadcast.stderr]).toEqual([0, '']);
    const report = JSON.parse(broadcast.stdout) as { updateId: number; sent: number };
    expect(report).toMatchObject({ incidentId: incident.id, sent: 2, alreadySent: 0 });
    const resume = await runCli(['incident', 'broadcast', String(incident.id), '--resume', '--yes', '--json'], { env: lead });
    expect(JSON.parse(resume.stdout)).toMatchObject({ updateId: null, sent: 0 });

    const show = await runCli(['incident', 'show', String(incident.id), '--json'], { env });
    expect(JSON.parse(show.stdout)).toEqual(await admin.incidents.get(incident.id));
    const list = await runCli(['incident', 'list', '--status', 'active', '--json'], { env });
    expect(JSON.parse(list.stdout)).toEqual(await admin.incidents.list({ status: 'active' }));

    const unlink = await runCli(['incident', 'unlink', String(incident.id), String(conversations[1]), '--json'], { env });
    expect((JSON.parse(unlink.stdout) as Incident).linkedCount).toBe(1);

    const resolve = await runCli(['incident', 'resolve', String(incident.id), '--note', 'switch back', '--json'], { env: lead });
    expect((JSON.parse(resolve.stdout) as Incident).status).toBe('resolved');
    const again = await runCli(['incident', 'resolve', String(incident.id)], { env: lead });
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toMatch(/is resolved/);
  });

  it('refuses bad arguments before sending anything', async () => {
    const bad = await runCli(['incident', 'create', '--title', 't', '--description', 'd', '--text', 'fr=bonjour'], { env: lead });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/LANG one of en, zh, id/);
    const eta = await runCli(['incident', 'create', '--title', 't', '--description', 'd', '--eta', 'tomorrow-ish'], { env: lead });
    expect(eta.code).toBe(2);
    expect((await admin.incidents.list()).data.filter((i) => i.title === 't')).toEqual([]);
  });

  it('--payment-method (repeatable, comma lists, completed) and --pause-clocks/--no-pause-clocks on create and update, --json exactly', async () => {
    const create = await runCli(
      ['incident', 'create', '--title', 'VA and QRIS down', '--description', 'switch', '--payment-method', 'qris,virtual_account', '--payment-method', 'card', '--affects', 'category=payment_failed', '--pause-clocks', '--json'],
      { env: lead },
    );
    expect([create.code, create.stderr]).toEqual([0, '']);
    const incident = JSON.parse(create.stdout) as Incident;
    expect(incident).toMatchObject({ pauseClocks: true, affects: { categories: ['payment_failed'], paymentMethods: ['qris', 'virtual_account', 'card'] } });
    expect(incident).toEqual(await (async () => { const { updates: _u, ...rest } = await admin.incidents.get(incident.id); return rest; })());

    const conversation = await openConversation('id', 41);
    await admin.incidents.link(incident.id, [conversation]);
    const held = await runCli(['conversation', 'show', String(conversation)], { env });
    expect(held.stdout).toMatch(new RegExp(`response paused \\(incident ${incident.id}\\), \\d+h\\d+m left`));

    // --payment-method alone keeps the other criteria; --no-pause-clocks lets the clocks run.
    const update = await runCli(['incident', 'update', String(incident.id), '--payment-method', 'ewallet_topup', '--no-pause-clocks', '--json'], { env: lead });
    expect([update.code, update.stderr]).toEqual([0, '']);
    expect(JSON.parse(update.stdout)).toMatchObject({ pauseClocks: false, affects: { categories: ['payment_failed'], paymentMethods: ['ewallet_topup'] } });
    expect((await admin.conversations.get(conversation)).conversation.sla.responseHold).toBeUndefined();
    const shown = await runCli(['incident', 'show', String(incident.id)], { env });
    expect(shown.stdout).toMatch(/affects: categories=payment_failed; paymentMethods=ewallet_topup/);

    const before = await admin.incidents.get(incident.id);
    const bad = await runCli(['incident', 'update', String(incident.id), '--payment-method', 'qris,cash'], { env: lead });
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(/must be payment methods separated by commas, from wallet_balance, .* \(not cash\)/);
    const badAffects = await runCli(['incident', 'update', String(incident.id), '--affects', 'payment=gold'], { env: lead });
    expect(badAffects.code).toBe(2);
    expect(badAffects.stderr).toMatch(/payment must be one of: wallet_balance/);
    expect(await admin.incidents.get(incident.id)).toEqual(before);

    const values = await runCli(['__complete', '--', 'incident', 'create', '--payment-method', ''], { env });
    expect(values.stdout.split('\n').filter(Boolean)).toEqual([...PAYMENT_METHODS]);
    const more = await runCli(['__complete', '--', 'incident', 'update', '3', '--payment-method', 'qris,'], { env });
    expect(more.stdout.split('\n').filter(Boolean)).toEqual(PAYMENT_METHODS.filter((m) => m !== 'qris').map((m) => `qris,${m}`));
    await admin.incidents.resolve(incident.id);
  });

  it('support queue --incident ID: the linked conversations only, --json exactly; a bad or unknown id is refused', async () => {
    const incident = await (await server.login('lead@example.com')).incidents.create({ title: 'Queue by incident', description: 'cli filter', startedAt: new Date(server.clock.now - 60_000).toISOString() });
    const linked = [await openConversation('en', 31), await openConversation('id', 32)];
    const unlinked = await openConversation('en', 33);
    await admin.incidents.link(incident.id, linked);

    const json = await runCli(['queue', '--incident', String(incident.id), '--json'], { env });
    expect([json.code, json.stderr]).toEqual([0, '']);
    const page = JSON.parse(json.stdout) as { data: { id: number }[]; nextCursor: string | null };
    expect(page).toEqual(await admin.queue.list({ incident: incident.id, limit: 30 }));
    expect(page.data.map((c) => c.id).sort((x, y) => x - y)).toEqual(linked);

    const table = await runCli(['queue', '--incident', String(incident.id)], { env });
    expect(table.code).toBe(0);
    const rows = table.stdout.split('\n').map((line) => Number(line.split('\t')[0])).filter((id) => id > 0);
    expect(rows.sort((x, y) => x - y)).toEqual(linked);
    expect(rows).not.toContain(unlinked);

    const bad = await runCli(['queue', '--incident', 'x7'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"x7" is not an incident id/);
    const unknown = await runCli(['queue', '--incident', '999999'], { env });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/incident 999999/);
    expect(unknown.stdout).toBe('');
  });

  it('support announcement create|list|cancel', async () => {
    const from = new Date(server.clock.now + 3_600_000).toISOString();
    const to = new Date(server.clock.now + 7_200_000).toISOString();
    const create = await runCli(['announcement', 'create', '--title', 'BCA maintenance', '--unavailable', 'BCA top-ups', '--from', from, '--to', to, '--text', 'en=BCA pauses', '--json'], { env: lead });
    expect([create.code, create.stderr]).toEqual([0, '']);
    const created = JSON.parse(create.stdout) as { id: number; state: string };
    expect(created.state).toBe('scheduled');
    const list = await runCli(['announcement', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout)).toEqual(await admin.announcements.list());
    const backwards = await runCli(['announcement', 'create', '--title', 'x', '--unavailable', 'y', '--from', to, '--to', from, '--text', 'en=z'], { env: lead });
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toMatch(/is not after startsAt/);
    const cancel = await runCli(['announcement', 'cancel', String(created.id), '--json'], { env: lead });
    expect((JSON.parse(cancel.stdout) as { state: string }).state).toBe('cancelled');
    expect((await runCli(['announcement', 'cancel', String(created.id)], { env: lead })).code).toBe(1);
  });

  it('broadcast killed with SIGKILL mid-run, then --resume: every conversation has the update exactly once', async () => {
    const before = await server.store.db.selectFrom('conversations').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    await addConversations(server.store.db, 400, server.clock.now);
    const ids = (await server.store.db.selectFrom('conversations').select('id').where('id', '>', Number(before.id)).execute()).map((r) => r.id);
    const lead = await server.login('lead@example.com');
    const incident = await lead.incidents.create({ title: 'Kill test', description: 'd', texts: { en: 'E', zh: 'Z', id: 'I' } });
    for (let i = 0; i < ids.length; i += 200) await lead.incidents.link(incident.id, ids.slice(i, i + 200));
    const delivered = async () =>
      Number((await server.store.db.selectFrom('incident_deliveries').innerJoin('incident_updates', 'incident_updates.id', 'incident_deliveries.update_id').select((eb) => eb.fn.countAll<number>().as('n')).where('incident_updates.incident_id', '=', incident.id).executeTakeFirstOrThrow()).n);

    const child = spawn(process.execPath, [BIN, 'incident', 'broadcast', String(incident.id), '--batch', '1', '--yes'], { env: { ...process.env, SUPPORT_API_URL: undefined, SUPPORT_TOKEN: undefined, ...leadEnv(), NO_COLOR: '1' }, stdio: 'ignore' });
    await vi.waitFor(async () => expect(await delivered()).toBeGreaterThanOrEqual(20), { timeout: 15_000, interval: 20 });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    expect(await delivered()).toBeLessThan(ids.length);

    const resume = await runCli(['incident', 'broadcast', String(incident.id), '--resume', '--yes', '--json'], { env: leadEnv(), timeoutMs: 60_000 });
    expect([resume.code, resume.stderr]).toEqual([0, '']);
    const perConversation = await server.store.db
      .selectFrom('messages')
      .select(['conversation_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('conversation_id', 'in', ids)
      .where('author_type', '=', 'agent')
      .groupBy('conversation_id')
      .execute();
    expect(perConversation).toHaveLength(ids.length);
    expect(perConversation.every((r) => Number(r.n) === 1)).toBe(true);
  });
});
