import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, ComplaintPage } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe("a customer's complaints: GET /v1/complaints?customerId=, support customer complaints, complaint list --customer", () => {
  let server: TestServer;
  let agent: SupportClient;
  let home: string;
  let env: Record<string, string>;
  let customer: { id: string; email: string | null };
  let mine: Complaint[];
  let other: Complaint;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    agent = await server.login('agent@example.com');
    const db = server.store.db;
    // A customer with at least two conversations and an email, and none of their conversations with a complaint yet.
    const withComplaint = db.selectFrom('complaints').select('customer_id');
    const rows = await db
      .selectFrom('conversations')
      .innerJoin('customers', 'customers.id', 'conversations.customer_id')
      .select(['conversations.customer_id as customerId', 'customers.email as email', (eb) => eb.fn.countAll<number>().as('n')])
      .where('conversations.customer_id', 'not in', withComplaint)
      .where('customers.email', 'is not', null)
      .groupBy(['conversations.customer_id', 'customers.email'])
      .orderBy('conversations.customer_id')
      .execute();
    const chosen = rows.find((r) => Number(r.n) >= 2)!;
    customer = { id: chosen.customerId, email: chosen.email };
    const theirs = await db.selectFrom('conversations').select('id').where('customer_id', '=', customer.id).orderBy('id').limit(2).execute();
    const first = await agent.complaints.create({ conversationId: theirs[0]!.id, summary: 'Fee charged twice' });
    const second = await agent.complaints.create({ conversationId: theirs[1]!.id, summary: 'Agent hung up' });
    // Closed ones belong to the customer's history too.
    await agent.complaints.close(second.number, 'Apologised on the phone');
    const elsewhere = await db.selectFrom('conversations').select('id').where('customer_id', '!=', customer.id).where('customer_id', 'not in', withComplaint).orderBy('id').executeTakeFirstOrThrow();
    other = await agent.complaints.create({ conversationId: elsewhere.id, summary: 'Someone else' });
    mine = [first, await agent.complaints.get(second.number)];
    ({ home, env } = await cliHome('support-customer-complaints-', server.url, { default: 'agent@example.com' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('the API lists only that customer’s complaints, across their conversations, closed ones too', async () => {
    const page = await agent.complaints.list({ customerId: customer.id });
    expect(page.data.map((c) => c.number).sort()).toEqual(mine.map((c) => c.number).sort());
    expect(page.data.every((c) => c.customer.id === customer.id)).toBe(true);
    expect(page.data.map((c) => c.number)).not.toContain(other.number);
    // With the other filters it narrows further.
    expect((await agent.complaints.list({ customerId: customer.id, status: 'open' })).data.map((c) => c.number)).toEqual([mine[0]!.number]);
    // A customer with no complaint (or none at all): an empty page, not an error.
    expect(await agent.complaints.list({ customerId: 'cus_NOBODY0000' })).toEqual({ data: [], nextCursor: null });
  });

  it('refuses a customer id that is not one, with 400 naming the field, and changes nothing', async () => {
    const before = await server.store.db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const bad of ['42', 'wal_8Kq2mZ4T', "cus_x' OR 1=1"]) {
      const error = await apiFailure(agent.complaints.list({ customerId: bad }));
      expect([error.status, error.code, JSON.stringify(error.problem)]).toEqual([400, 'validation_failed', expect.stringContaining('customerId')]);
    }
    const after = await server.store.db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('support customer complaints takes an id or an email; --json is the API’s page exactly', async () => {
    const json = await runCli(['customer', 'complaints', customer.id, '--json'], { env });
    expect([json.code, json.stderr]).toEqual([0, '']);
    const page = JSON.parse(json.stdout) as ComplaintPage;
    expect(page).toEqual(await agent.complaints.list({ customerId: customer.id }));
    const table = await runCli(['customer', 'complaints', customer.email!.toUpperCase()], { env });
    expect(table.code).toBe(0);
    for (const c of mine) expect(table.stdout).toContain(c.number);
    expect(table.stdout).not.toContain(other.number);
  });

  it('support complaint list --customer filters the same way; a bad id is a usage error before any request', async () => {
    const listed = await runCli(['complaint', 'list', '--all', '--customer', customer.id, '--json'], { env });
    expect((JSON.parse(listed.stdout) as ComplaintPage).data.map((c) => c.number).sort()).toEqual(mine.map((c) => c.number).sort());
    const bad = await runCli(['complaint', 'list', '--customer', 'dewi'], { env });
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([2, '', expect.stringContaining('"dewi" is not a customer id')]);
    const nobody = await runCli(['customer', 'complaints', 'nobody@nowhere.example'], { env });
    expect([nobody.code, nobody.stdout, nobody.stderr]).toEqual([1, '', expect.stringContaining('no customer has the email nobody@nowhere.example')]);
  });
});
