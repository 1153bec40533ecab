import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince } from '../helpers/workflow.js';

describe('agents, teams and availability', () => {
  let server: TestServer;
  let agent: SupportClient;
  let admin: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { sweepIntervalMs: 0 } });
    [agent, admin] = await Promise.all([server.login('agent@example.com'), server.login('admin@example.com')]);
  });
  afterAll(() => server.close());

  // Refusals leave a denied audit entry each (checked with auditSince); nothing else may change.
  const agentsSnapshot = async () => ({ agents: await server.store.db.selectFrom('agents').selectAll().orderBy('id').execute() });

  it('lists agents to everyone, with routing and load, a page at a time', async () => {
    const all = await agent.agents.listAll();
    expect(all.map((a) => a.email)).toEqual(['admin@example.com', 'agent@example.com', 'budi@example.com', 'lead@example.com', 'mei@example.com']);
    const budi = all.find((a) => a.email === 'budi@example.com')!;
    expect(budi).toMatchObject({ role: 'agent', availability: 'online', channels: ['chat', 'email', 'social'], capacity: 10, teams: ['general'] });
    const open = await agent.queue.list({ assignee: budi.id, status: 'open', limit: 200 });
    expect(budi.openConversations).toBe(open.data.length);
    const page = await agent.agents.list({ limit: 2 });
    expect(page.data).toHaveLength(2);
    const next = await agent.agents.list({ limit: 2, cursor: page.nextCursor! });
    expect(next.data[0]!.email).toBe('budi@example.com');
    expect((await agent.agents.get(budi.id)).email).toBe('budi@example.com');
    expect((await agent.teams.list()).map((t) => [t.name, t.members.length])).toEqual([['general', 2], ['payments', 2], ['security', 2]]);
  });

  it('lets admins create an agent who can then log in; they start offline', async () => {
    const created = await admin.agents.create({ email: 'Rina@Example.com', name: 'Rina Putri', role: 'agent', password: 'correct horse', channels: ['chat'], teams: ['payments'] });
    expect(created).toMatchObject({ email: 'rina@example.com', availability: 'offline', channels: ['chat'], categories: expect.arrayContaining(['refund']), capacity: 5, teams: ['payments'], openConversations: 0 });
    const login = await new SupportClient({ baseUrl: server.url }).auth.login('rina@example.com', 'correct horse');
    expect(login.agent.id).toBe(created.id);
    const audit = await server.store.db.selectFrom('audit_log').select(['action', 'after']).where('target_id', '=', created.id).executeTakeFirstOrThrow();
    expect(audit.action).toBe('agent.create');
    expect(audit.after).not.toContain('correct horse');
    expect(audit.after).not.toContain('scrypt');
  });

  it('creates one agent when the same email is created concurrently; the others get email_taken', async () => {
    const results = await Promise.allSettled([1, 2, 3].map(() => admin.agents.create({ email: 'twin@example.com', name: 'Twin', role: 'agent', password: 'long enough' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('email_taken');
    expect(await server.store.db.selectFrom('agents').select('id').where('email', '=', 'twin@example.com').execute()).toHaveLength(1);
  });

  it('refuses a taken email, a short password, bad routing and non-admins, creating nothing', async () => {
    const before = await agentsSnapshot();
    const mark = await auditMark(server.store.db);
    const [adminId, agentId] = [(await admin.me.get()).agent.id, (await agent.me.get()).agent.id];
    const taken = await apiFailure(admin.agents.create({ email: 'budi@example.com', name: 'B', role: 'agent', password: 'long enough' }));
    expect([taken.status, taken.code]).toEqual([409, 'email_taken']);
    const short = await apiFailure(admin.agents.create({ email: 'x@example.com', name: 'X', role: 'agent', password: 'short' }));
    expect(short.fieldErrors[0]).toMatch(/^password/);
    const channel = await apiFailure(admin.request('POST', 'v1/agents', { json: { email: 'y@example.com', name: 'Y', role: 'agent', password: 'long enough', channels: ['fax'] } }));
    expect(channel.fieldErrors).toEqual(['channels.0: must be one of: chat, email, phone, social']);
    const duplicate = await apiFailure(admin.request('POST', 'v1/agents', { json: { email: 'y@example.com', name: 'Y', role: 'agent', password: 'long enough', channels: ['chat', 'chat'] } }));
    expect(duplicate.code).toBe('validation_failed');
    const denied = await apiFailure(agent.agents.create({ email: 'z@example.com', name: 'Z', role: 'admin', password: 'long enough' }));
    expect([denied.status, denied.code]).toEqual([403, 'forbidden']);
    // The taken email and the role are refusals; malformed bodies are not and leave no entry.
    expect(await auditSince(server.store.db, mark)).toEqual([
      ['denied', 'agent.create', adminId, 'email_taken'],
      ['denied', 'agent.create', agentId, 'forbidden'],
    ]);
    expect(await agentsSnapshot()).toEqual(before);
  });

  it('lets admins change role, routing, capacity and teams; a new password logs the agent out', async () => {
    const mei = (await admin.agents.listAll()).find((a) => a.email === 'mei@example.com')!;
    const meiClient = await server.login('mei@example.com');
    const updated = await admin.agents.update(mei.id, { role: 'supervisor', categories: ['account_security'], capacity: 12, teams: ['security', 'payments'] });
    expect(updated).toMatchObject({ role: 'supervisor', categories: ['account_security'], capacity: 12, teams: ['security', 'payments'] });
    // Roles are read on every request: the change applies at once, without logging out.
    expect((await meiClient.me.get()).agent.role).toBe('supervisor');
    await admin.agents.update(mei.id, { password: 'a new password' });
    const loggedOut = await apiFailure(meiClient.me.get());
    expect(loggedOut.code).toBe('unauthenticated');
    const audit = await server.store.db.selectFrom('audit_log').select(['before', 'after']).where('target_id', '=', mei.id).where('action', '=', 'agent.update').orderBy('id').execute();
    expect(JSON.parse(audit[0]!.before!)).toMatchObject({ role: 'agent', capacity: 6 });
    expect(audit[1]!.after).not.toContain('a new password');
  });

  it('keeps one admin: the last cannot be demoted; refuses bad changes and non-admins, changing nothing', async () => {
    const [adminId, agentId] = [(await admin.me.get()).agent.id, (await agent.me.get()).agent.id];
    const before = await agentsSnapshot();
    const mark = await auditMark(server.store.db);
    const last = await apiFailure(admin.agents.update(adminId, { role: 'agent' }));
    expect([last.status, last.code]).toEqual([422, 'last_admin']);
    const capacity = await apiFailure(admin.agents.update(adminId, { capacity: 500 }));
    expect(capacity.fieldErrors[0]).toMatch(/^capacity/);
    const nothing = await apiFailure(admin.agents.update(adminId, {}));
    expect(nothing.code).toBe('validation_failed');
    const missing = await apiFailure(admin.agents.update('agt_NOSUCH01', { capacity: 3 }));
    expect([missing.status, missing.code]).toEqual([404, 'not_found']);
    const denied = await apiFailure(agent.agents.update(adminId, { role: 'agent' }));
    expect(denied.code).toBe('forbidden');
    // The last admin and the role are refusals; malformed bodies and a missing agent leave no entry.
    expect(await auditSince(server.store.db, mark)).toEqual([
      ['denied', 'agent.update', adminId, 'last_admin'],
      ['denied', 'agent.update', agentId, 'forbidden'],
    ]);
    expect(await agentsSnapshot()).toEqual(before);
  });

  it('lets every agent set their own availability, and nothing else through /v1/me', async () => {
    expect((await agent.me.setAvailability('away')).availability).toBe('away');
    expect((await agent.me.get()).agent.availability).toBe('away');
    const bad = await apiFailure(agent.request('PATCH', 'v1/me', { json: { availability: 'busy' } }));
    expect(bad.fieldErrors).toEqual(['availability: must be one of: online, away, offline']);
    const sneaky = await apiFailure(agent.request('PATCH', 'v1/me', { json: { availability: 'online', role: 'admin' } }));
    expect(sneaky.fieldErrors).toEqual(['role: is not a known field']);
    expect((await agent.me.get()).agent).toMatchObject({ role: 'agent', availability: 'away' });
    await agent.me.setAvailability('online');
  });
});
