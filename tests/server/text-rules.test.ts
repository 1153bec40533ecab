import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { countRows, someCustomerId } from '../helpers/workflow.js';

/**
 * Which characters a value may hold, at the contract: NUL (U+0000, which PostgreSQL text cannot
 * store) is refused in everything a person types, names and emails refuse controls and invisible
 * characters, and a customer's message keeps its NUL as "␀". Never a 500, on either engine.
 */
describe('characters a request may hold', () => {
  let server: TestServer;
  let adminToken: string;
  let agentToken: string;

  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  async function problem(res: Response, status: number, code: string) {
    const body = (await res.json()) as { code: string; detail: string; errors?: { field: string; message: string }[] };
    expect([res.status, body.code], body.detail).toEqual([status, code]);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return body;
  }

  async function login(email: string) {
    const res = await call('POST', '/v1/auth/login', null, { email, password: 'demo' });
    return ((await res.json()) as { token: string }).token;
  }

  const tokenCount = async () => Number((await server.store.db.selectFrom('tokens').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const agentCount = async () => Number((await server.store.db.selectFrom('agents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    [adminToken, agentToken] = await Promise.all([login('admin@example.com'), login('agent@example.com')]);
  });
  afterAll(() => server.close());

  it('a NUL in the login email is 422 validation_failed naming the field, and no token is issued', async () => {
    const before = await tokenCount();
    const body = await problem(await call('POST', '/v1/auth/login', null, { email: 'agent@example.com\u0000', password: 'demo' }), 422, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'email', message: 'must not contain the NUL character (U+0000)' }]);
    const password = await problem(await call('POST', '/v1/auth/login', null, { email: 'agent@example.com', password: 'de\u0000mo' }), 422, 'validation_failed');
    expect(password.errors).toEqual([{ field: 'password', message: 'must not contain the NUL character (U+0000)' }]);
    expect(await tokenCount()).toBe(before);
  });

  it('a NUL in a note or a reply is 422 naming the field, and nothing is stored', async () => {
    const conversations = await countRows(server.store.db, 'conversations');
    const messages = await countRows(server.store.db, 'messages');
    const reply = await problem(await call('POST', '/v1/conversations/1/messages', agentToken, { body: 'hello\u0000there', kind: 'note' }), 422, 'validation_failed');
    expect(reply.errors).toEqual([{ field: 'body', message: 'must not contain the NUL character (U+0000)' }]);
    const macro = await problem(await call('POST', '/v1/macros', adminToken, { name: 'x\u0000', shortcut: 'nul-test', bodies: { en: 'a\u0000' } }), 422, 'validation_failed');
    expect(macro.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'must not contain the NUL character (U+0000)' },
        { field: 'bodies.en', message: 'must not contain the NUL character (U+0000)' },
      ]),
    );
    expect([await countRows(server.store.db, 'conversations'), await countRows(server.store.db, 'messages')]).toEqual([conversations, messages]);
  });

  it('an agent’s name or email with control, format or invisible characters is 422, and no agent is created', async () => {
    const before = await agentCount();
    const valid = { email: 'new.agent@example.com', name: 'New Agent', role: 'agent', password: 'long enough' };
    for (const [field, value] of [
      ['name', 'Eve\u0000'],
      ['name', 'Eve\u001b[31m'],
      ['name', 'Eve\u202eladmin'],
      ['name', 'Eve\u200b'],
      ['name', 'Eve\u0085'],
      ['email', 'eve\u0000@example.com'],
      ['email', 'eve\u0007@example.com'],
      ['email', 'eve\u2066@example.com'],
      ['email', 'eve@exa\u00admple.com'],
    ] as const) {
      const body = await problem(await call('POST', '/v1/agents', adminToken, { ...valid, [field]: value }), 422, 'validation_failed');
      expect(body.errors?.map((e) => e.field)).toEqual([field]);
    }
    const agents = (await (await call('GET', '/v1/agents', adminToken)).json()) as { data: { id: string; name: string }[] };
    const someone = agents.data[0]!;
    await problem(await call('PATCH', `/v1/agents/${someone.id}`, adminToken, { name: 'Eve\u202e' }), 422, 'validation_failed');
    const after = (await (await call('GET', `/v1/agents/${someone.id}`, adminToken)).json()) as { agent: { name: string } };
    expect(after.agent.name).toBe(someone.name);
    expect(await agentCount()).toBe(before);
    // Accents, CJK and apostrophes are names like any other.
    const ok = await call('POST', '/v1/agents', adminToken, { ...valid, email: 'zoë.o’brien@example.com', name: 'Zoë O’Brien 王' });
    expect(ok.status).toBe(201);
  });

  it('a NUL in a query parameter or a cursor is 400, never 500', async () => {
    await problem(await call('GET', '/v1/queue?q=%00', agentToken), 400, 'validation_failed');
    await problem(await call('GET', '/v1/macros?q=a%00b', agentToken), 400, 'validation_failed');
    await problem(await call('GET', '/v1/audit?targetId=%00', adminToken), 400, 'validation_failed');
    await problem(await call('GET', '/v1/queue?cursor=%00', agentToken), 400, 'bad_cursor');
    await problem(await call('GET', `/v1/refunds?cursor=${Buffer.from(JSON.stringify(['refunds', 1, 'x'])).toString('base64url')}%00`, adminToken), 400, 'bad_cursor');
    // A forged cursor that decodes to a key holding a NUL: the agents list is keyed by email.
    const forged = Buffer.from(JSON.stringify(['agents', 'a\u0000'])).toString('base64url');
    await problem(await call('GET', `/v1/agents?cursor=${forged}`, adminToken), 400, 'bad_cursor');
    const forgedMacro = Buffer.from(JSON.stringify(['macros', '\u0000'])).toString('base64url');
    await problem(await call('GET', `/v1/macros?cursor=${forgedMacro}`, agentToken), 400, 'bad_cursor');
  });

  it('a customer’s message holding a NUL is kept, with the NUL shown as ␀, and read back the same', async () => {
    const customerId = await someCustomerId(server);
    const opened = await call('POST', '/v1/conversations', adminToken, { customerId, channel: 'chat', category: 'other', subject: 'sub\u0000ject', body: 'first\u0000message' });
    expect(opened.status).toBe(201);
    const { conversation, message } = (await opened.json()) as { conversation: { id: number; subject: string }; message: { body: string } };
    expect([conversation.subject, message.body]).toEqual(['sub␀ject', 'first␀message']);
    const inbound = await call('POST', `/v1/conversations/${conversation.id}/inbound`, adminToken, { body: 'second\u0000one\u0000', clientMessageId: 'channel-msg-0001' });
    expect(inbound.status).toBe(201);
    // The channel redelivering the same message is a replay, not a conflict.
    const again = await call('POST', `/v1/conversations/${conversation.id}/inbound`, adminToken, { body: 'second\u0000one\u0000', clientMessageId: 'channel-msg-0001' });
    expect(again.status).toBe(200);
    const page = (await (await call('GET', `/v1/conversations/${conversation.id}/messages`, agentToken)).json()) as { data: { body: string }[] };
    expect(page.data.map((m) => m.body)).toEqual(['first␀message', 'second␀one␀']);
  });

  it('/openapi.json documents the rules', async () => {
    const doc = JSON.stringify(await (await fetch(`${server.url}/openapi.json`)).json());
    expect(doc).toContain(JSON.stringify('^[^\\u0000]*$'));
    expect(doc).toContain('\\\\p{Cc}\\\\p{Cf}');
  });
});
