import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { requestHash } from '../../src/server/http/idempotency.js';
import { claimKey, IDEMPOTENCY_LOCK_MS, IDEMPOTENCY_TTL_MS, purgeExpiredKeys } from '../../src/server/store/idempotency-keys.js';
import { key, MoneyFixtures, rawPost, tokenFor } from '../helpers/money.js';
import { BIN } from '../helpers/run-cli.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

describe(`idempotency keys (${ENGINE})`, () => {
  let server: TestServer;
  let admin: SupportClient;
  let fx: MoneyFixtures;
  let token: string;
  let agentId: string;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    admin = await server.login('admin@example.com');
    fx = new MoneyFixtures(server, admin);
    token = await tokenFor(server.url, 'agent@example.com');
    agentId = (await server.store.db.selectFrom('agents').select('id').where('email', '=', 'agent@example.com').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => server.close());

  const refundsUrl = () => `${server.url}/v1/refunds`;
  const creates = async (transactionId: string) =>
    (await server.store.db.selectFrom('audit_log').select('id').where('action', '=', 'refund.create').where('outcome', '=', 'succeeded').where('before', 'like', `%${transactionId}%`).execute()).length;

  it('every request that moves money or changes an account needs a key; nothing happens without one', async () => {
    const payment = await fx.payment('IDR', 10_000);
    const adminToken = await tokenFor(server.url, 'admin@example.com');
    const routes: [string, unknown][] = [
      [`/v1/refunds`, { transactionId: payment.id, reason: 'duplicate' }],
      [`/v1/refunds/rfd_abcdefgh/approve`, {}],
      [`/v1/refunds/rfd_abcdefgh/reject`, { reason: 'no' }],
      [`/v1/accounts/${payment.accountId}/freeze`, { reason: 'compliance', note: 'x' }],
      [`/v1/accounts/${payment.accountId}/unfreeze`, {}],
      [`/v1/accounts/${payment.accountId}/close`, { reason: 'compliance', note: 'x' }],
      [`/v1/accounts/${payment.accountId}/transactions`, { type: 'top_up', amount: 1, currency: 'IDR', counterparty: 'x' }],
    ];
    for (const [path, body] of routes) {
      const res = await rawPost(`${server.url}${path}`, adminToken, body);
      expect([path, res.status, res.json?.['code']]).toEqual([path, 400, 'idempotency_key_required']);
    }
    const odd = await rawPost(refundsUrl(), token, { transactionId: payment.id, reason: 'duplicate' }, { 'idempotency-key': 'x'.repeat(256) });
    expect([odd.status, odd.json?.['code'], odd.json?.['detail']]).toEqual([400, 'validation_failed', 'the Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID works)']);
    const spaces = await rawPost(refundsUrl(), token, { transactionId: payment.id, reason: 'duplicate' }, { 'idempotency-key': 'two words' });
    expect(spaces.status).toBe(400);
    expect(await fx.refunded(payment.id)).toBe(0);
    expect(await fx.refundRows(payment.id)).toEqual([]);
  });

  it('the same key and body replays the first response, byte for byte, and does nothing again', async () => {
    const payment = await fx.payment('IDR', 40_000);
    const balance = await fx.balance(payment.accountId);
    const k = key();
    const first = await rawPost(refundsUrl(), token, { transactionId: payment.id, amount: 15_000, reason: 'duplicate', note: 'twice' }, { 'idempotency-key': k });
    // Same request with the fields in another order: the same request all the same.
    const second = await rawPost(refundsUrl(), token, { note: 'twice', reason: 'duplicate', amount: 15_000, transactionId: payment.id }, { 'idempotency-key': k });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.text).toBe(first.text);
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(await fx.refundRows(payment.id)).toHaveLength(1);
    expect(await fx.balance(payment.accountId)).toBe(balance + 15_000);
    expect(await creates(payment.id)).toBe(1);
  });

  it('the same key with another request is refused with 422 idempotency_key_reused', async () => {
    const payment = await fx.payment('IDR', 40_000);
    const k = key();
    await rawPost(refundsUrl(), token, { transactionId: payment.id, amount: 10_000, reason: 'duplicate' }, { 'idempotency-key': k });
    const balance = await fx.balance(payment.accountId);
    const other = await rawPost(refundsUrl(), token, { transactionId: payment.id, amount: 20_000, reason: 'duplicate' }, { 'idempotency-key': k });
    expect([other.status, other.json?.['code']]).toEqual([422, 'idempotency_key_reused']);
    expect(other.json?.['detail']).toBe('this Idempotency-Key was used for another request (POST /v1/refunds with other parameters); use a new key for a new operation');
    const elsewhere = await rawPost(`${server.url}/v1/accounts/${payment.accountId}/freeze`, token, { reason: 'compliance', note: 'x' }, { 'idempotency-key': k });
    expect([elsewhere.status, elsewhere.json?.['code']]).toEqual([422, 'idempotency_key_reused']);
    expect(await fx.refundRows(payment.id)).toHaveLength(1);
    expect(await fx.balance(payment.accountId)).toBe(balance);
    expect((await admin.accounts.get(payment.accountId)).account.status).toBe('active');
  });

  it('keys belong to the agent who sends them', async () => {
    const payment = await fx.payment('IDR', 40_000);
    const k = key();
    const body = { transactionId: payment.id, amount: 5_000, reason: 'duplicate' };
    const byAyu = await rawPost(refundsUrl(), token, body, { 'idempotency-key': k });
    const byBudi = await rawPost(refundsUrl(), await tokenFor(server.url, 'budi@example.com'), body, { 'idempotency-key': k });
    expect([byAyu.status, byBudi.status]).toEqual([201, 201]);
    expect(byBudi.headers.get('idempotent-replayed')).toBeNull();
    expect(byBudi.json?.['id']).not.toBe(byAyu.json?.['id']);
    expect(await fx.refunded(payment.id)).toBe(10_000);
  });

  it('a refusal is stored and replayed too, and audited once; a request refused before it started is not', async () => {
    const payment = await fx.payment('IDR', 40_000);
    const k = key();
    const tooMuch = { transactionId: payment.id, amount: 50_000, reason: 'duplicate' };
    const first = await rawPost(refundsUrl(), token, tooMuch, { 'idempotency-key': k });
    const again = await rawPost(refundsUrl(), token, tooMuch, { 'idempotency-key': k });
    expect([first.status, first.json?.['code']]).toEqual([422, 'refund_exceeds_refundable']);
    expect(again.status).toBe(422);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.text).toBe(first.text);
    const denied = await server.store.db.selectFrom('audit_log').selectAll().where('idempotency_key', '=', k).execute();
    expect(denied.map((d) => [d.action, d.outcome, d.target_id, d.request_id])).toEqual([['refund.create', 'denied', payment.id, first.json?.['requestId']]]);

    // Invalid input never started: the key is still free for the corrected request.
    const k2 = key();
    const invalid = await rawPost(refundsUrl(), token, { transactionId: payment.id, amount: 0, reason: 'duplicate' }, { 'idempotency-key': k2 });
    expect(invalid.status).toBe(400);
    const fixed = await rawPost(refundsUrl(), token, { transactionId: payment.id, amount: 1_000, reason: 'duplicate' }, { 'idempotency-key': k2 });
    expect([fixed.status, fixed.json?.['status']]).toEqual([201, 'succeeded']);
  });

  it('concurrent duplicates: one runs, the others wait (409 with Retry-After) or get its answer', async () => {
    const payment = await fx.payment('IDR', 40_000);
    const balance = await fx.balance(payment.accountId);
    const k = key();
    const body = { transactionId: payment.id, amount: 7_000, reason: 'duplicate' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => rawPost(refundsUrl(), token, body, { 'idempotency-key': k })));
    const created = answers.filter((a) => a.status === 201);
    const busy = answers.filter((a) => a.status === 409);
    expect(created.length + busy.length).toBe(10);
    expect(created.filter((a) => a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(new Set(created.map((a) => a.text)).size).toBe(1);
    for (const b of busy) {
      expect(b.json?.['code']).toBe('idempotency_key_in_use');
      expect(Number(b.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(await fx.refundRows(payment.id)).toHaveLength(1);
    expect(await fx.balance(payment.accountId)).toBe(balance + 7_000);
  });

  it('a key left claimed by an attempt that never finished answers 409 until its lock expires, then the retry runs', async () => {
    const payment = await fx.payment('IDR', 40_000);
    const balance = await fx.balance(payment.accountId);
    const k = key();
    const body = { transactionId: payment.id, amount: 9_000, reason: 'duplicate' };
    // What a server killed after claiming the key leaves behind: the claim, and nothing else (its work
    // commits together with the stored response, so none of it landed).
    const claim = await claimKey(
      server.store.db,
      { agentId, key: k, requestHash: requestHash('POST', '/v1/refunds', body), method: 'POST', path: '/v1/refunds', requestId: 'req_killed' },
      server.clock.now,
    );
    expect(claim.kind).toBe('claimed');
    const busy = await rawPost(refundsUrl(), token, body, { 'idempotency-key': k });
    expect([busy.status, busy.json?.['code'], busy.headers.get('retry-after')]).toEqual([409, 'idempotency_key_in_use', String(IDEMPOTENCY_LOCK_MS / 1000)]);
    expect(await fx.refundRows(payment.id)).toEqual([]);

    server.clock.advance(IDEMPOTENCY_LOCK_MS);
    const retried = await rawPost(refundsUrl(), token, body, { 'idempotency-key': k });
    expect([retried.status, retried.json?.['status']]).toEqual([201, 'succeeded']);
    const replay = await rawPost(refundsUrl(), token, body, { 'idempotency-key': k });
    expect(replay.text).toBe(retried.text);
    expect(await fx.refundRows(payment.id)).toHaveLength(1);
    expect(await fx.balance(payment.accountId)).toBe(balance + 9_000);
  });

  it.runIf(ENGINE === 'postgres')('a server killed mid-request moves no money; the retry on another instance does it once', async () => {
    const payment = await fx.payment('IDR', 40_000);
    const balance = await fx.balance(payment.accountId);
    const k = key();
    const body = { transactionId: payment.id, amount: 11_000, reason: 'duplicate' };
    const options = server.storeOptions;
    if (options.engine !== 'postgres' || !options.schema) throw new Error('needs a PostgreSQL schema');
    const url = `${options.url}?options=${encodeURIComponent(`-c search_path=${options.schema}`)}`;

    // A second server instance on the same database, in its own process.
    const child: ChildProcess = spawn(process.execPath, [BIN, 'server', '--database-url', url, '--port', '0', '--log-level', 'silent'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const childUrl = (await waitFor(() => /listening on (http:\/\/\S+)/.exec(stderr)?.[1], { timeoutMs: 15_000, describe: () => stderr }))!;

    // Hold the payment row, so that the child's refund stops inside its transaction.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM transactions WHERE id = $1 FOR UPDATE', [payment.id]);
      const inFlight = rawPost(`${childUrl}/v1/refunds`, token, body, { 'idempotency-key': k }).catch((error: unknown) => error);
      const claimed = async () =>
        server.store.db.selectFrom('idempotency_keys').select('status').where('agent_id', '=', agentId).where('key', '=', k).executeTakeFirst();
      await expect.poll(async () => (await claimed())?.status, { timeout: 10_000, interval: 20 }).toBe('in_progress');

      // While it runs, a duplicate on this instance is told to wait.
      const busy = await rawPost(refundsUrl(), token, body, { 'idempotency-key': k });
      expect([busy.status, busy.json?.['code']]).toEqual([409, 'idempotency_key_in_use']);

      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(await inFlight).toBeInstanceOf(Error);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
      child.kill('SIGKILL');
    }
    expect(await fx.refundRows(payment.id)).toEqual([]);
    expect(await fx.balance(payment.accountId)).toBe(balance);

    // The dead attempt's claim expires (the child took it on the wall clock); the retry then runs once.
    server.clock.now = Math.max(server.clock.now, Date.now()) + IDEMPOTENCY_LOCK_MS + 1;
    const freshToken = await tokenFor(server.url, 'agent@example.com');
    const retried = await rawPost(refundsUrl(), freshToken, body, { 'idempotency-key': k });
    expect([retried.status, retried.json?.['status']]).toEqual([201, 'succeeded']);
    expect(await fx.refundRows(payment.id)).toHaveLength(1);
    expect(await fx.balance(payment.accountId)).toBe(balance + 11_000);
  });

  // Last: moves the clock a day on.
  it('keys live 24 hours: then the same key is a new request, and the purge deletes them', async () => {
    const payment = await fx.payment('IDR', 40_000);
    const k = key();
    await rawPost(refundsUrl(), token, { transactionId: payment.id, amount: 2_000, reason: 'duplicate' }, { 'idempotency-key': k });
    server.clock.advance(IDEMPOTENCY_TTL_MS);
    const freshToken = await tokenFor(server.url, 'agent@example.com');
    const reused = await rawPost(refundsUrl(), freshToken, { transactionId: payment.id, amount: 3_000, reason: 'duplicate' }, { 'idempotency-key': k });
    expect([reused.status, reused.headers.get('idempotent-replayed')]).toEqual([201, null]);
    expect(await fx.refunded(payment.id)).toBe(5_000);

    const count = async () => Number((await server.store.db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect(before).toBeGreaterThan(1);
    const purged = await purgeExpiredKeys(server.store.db, server.clock.now + IDEMPOTENCY_TTL_MS);
    expect(purged).toBe(before);
    expect(await count()).toBe(0);
  });
});
