import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueuePage } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe("every conversation of a customer: GET /v1/customers/:id/conversations, support customer conversations", () => {
  let server: TestServer;
  let agent: SupportClient;
  let home: string;
  let env: Record<string, string>;
  let customerId: string;
  let started: number[];

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    agent = await server.login('agent@example.com');
    const row = await server.store.db.selectFrom('customers').select('id').orderBy('id').executeTakeFirstOrThrow();
    customerId = row.id;
    started = [];
    // More than the customer context's 20: the list must go past it.
    for (let i = 0; i < 23; i++) {
      const { result } = await agent.conversations.create(customerId, { channel: i % 2 ? 'email' : 'chat', subject: `Follow-up ${i}`, body: `Message ${i}` });
      started.push(result.conversation.id);
    }
    ({ home, env } = await cliHome('support-customer-conversations-', server.url, { default: 'agent@example.com' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('lists all of them across channels, newest first, page by page, each once', async () => {
    const stored = await server.store.db.selectFrom('conversations').select(['id', 'created_at']).where('customer_id', '=', customerId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    expect(stored.length).toBeGreaterThan(20);
    const seen: number[] = [];
    let cursor: string | null | undefined;
    do {
      const page: QueuePage = await agent.customers.conversations(customerId, { limit: 7, ...(cursor ? { cursor } : {}) });
      expect(page.data.length).toBeLessThanOrEqual(7);
      expect(page.data.every((c) => c.customer.id === customerId)).toBe(true);
      seen.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(stored.map((r) => r.id));
    for (const id of started) expect(seen).toContain(id);
    expect(new Set((await agent.customers.conversationsAll(customerId)).map((c) => c.channel))).toEqual(new Set(['chat', 'email', ...(await agent.customers.get(customerId)).conversations.map((c) => c.channel)]));
  });

  it('an unknown customer is 404; an id that is not one, or a bad cursor, is 400', async () => {
    const unknown = await apiFailure(agent.customers.conversations('cus_NOBODY0000'));
    expect([unknown.status, unknown.code]).toEqual([404, 'not_found']);
    const bad = await apiFailure(agent.customers.conversations('wal_8Kq2mZ4T'));
    expect([bad.status, bad.code]).toEqual([400, 'validation_failed']);
    const cursor = await apiFailure(agent.customers.conversations(customerId, { cursor: 'not-a-cursor' }));
    expect(cursor.status).toBe(400);
  });

  it('support customer conversations: --json is the API’s answer exactly; the table names each one', async () => {
    const json = await runCli(['customer', 'conversations', customerId, '--json', '-L', '100'], { env });
    expect([json.code, json.stderr]).toEqual([0, '']);
    const page = JSON.parse(json.stdout) as QueuePage;
    expect(page.data.map((c) => c.id)).toEqual((await agent.customers.conversationsAll(customerId)).map((c) => c.id));
    expect(page.nextCursor).toBeNull();
    const table = await runCli(['customer', 'conversations', customerId, '-L', '30'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Follow-up 22');
    expect(table.stdout).toContain('Follow-up 0');
    const bad = await runCli(['customer', 'conversations', 'Budi'], { env });
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([2, '', expect.stringContaining('"Budi" is not a customer id (cus_…), a phone number or an email')]);
  });
});
