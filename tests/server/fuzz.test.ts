import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf, requestsFor, type IdPools, type Role } from '../helpers/openapi-fuzz.js';
import { rawRequest } from '../helpers/raw-http.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Every operation of /openapi.json gets malformed paths, query strings, headers and bodies. Whatever
 * arrives, the answer is never a 5xx and every error is problem+json with a code. The requests come
 * from a fixed seed (FUZZ_SEED overrides it): a failure names its request, and the same seed sends
 * the same requests again.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const PER_OPERATION = Number(process.env['FUZZ_PER_OPERATION'] ?? 50);

describe(`fuzzing every operation of the OpenAPI document (${ENGINE}, seed ${SEED})`, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterAll(() => server.close());

  async function pools(): Promise<IdPools> {
    const db = server.store.db;
    const ids = async <T>(query: Promise<{ id: T }[]>) => (await query).map((r) => r.id);
    const accounts = await db.selectFrom('wallet_accounts').select(['id', 'currency']).orderBy('id').limit(20).execute();
    return {
      conversation: (await ids(db.selectFrom('conversations').select('id').orderBy('id').limit(20).execute())).map(Number),
      // Not the agents whose tokens the run uses: renaming or demoting them would change what it reaches.
      agent: await ids(db.selectFrom('agents').select('id').where('email', 'not in', ['admin@example.com', 'lead@example.com', 'agent@example.com']).orderBy('id').execute()),
      customer: await ids(db.selectFrom('customers').select('id').orderBy('id').limit(20).execute()),
      account: accounts.map((a) => a.id),
      accountCurrency: Object.fromEntries(accounts.map((a) => [a.id, a.currency])),
      transaction: await ids(db.selectFrom('transactions').select('id').orderBy('id').limit(20).execute()),
      refund: await ids(db.selectFrom('refunds').select('id').orderBy('id').limit(20).execute()),
      macro: (await db.selectFrom('macros').select('shortcut').orderBy('shortcut').limit(20).execute()).map((r) => r.shortcut),
      complaint: (await db.selectFrom('complaints').select('number').orderBy('number').limit(20).execute()).map((r) => r.number),
    };
  }

  async function login(email: string): Promise<string> {
    const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo' }) });
    return ((await res.json()) as { token: string }).token;
  }

  it('answers every request without a 5xx, and every error as problem+json with a code', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as Parameters<typeof operationsOf>[0];
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(50);
    const tokens: Record<Role, string> = { admin: await login('admin@example.com'), supervisor: await login('lead@example.com'), agent: await login('agent@example.com') };
    const idPools = await pools();

    // One entry per kind of failure (status, operation, variant), with its first request as the example.
    const failures = new Map<string, { count: number; example: string }>();
    const fail = (kind: string, example: string) => {
      const seen = failures.get(kind);
      if (seen) seen.count++;
      else failures.set(kind, { count: 1, example });
    };
    const statuses = new Map<number, number>();
    let answered = 0;
    for (const [index, operation] of operations.entries()) {
      for (const request of requestsFor(operation, idPools, tokens, SEED + index, PER_OPERATION)) {
        const describe = () => `${request.operation} [${request.variant}] ${JSON.stringify(request.raw.subarray(0, 300).toString('latin1'))}`;
        let res;
        try {
          res = await rawRequest(server.url, request.raw, { timeoutMs: 15_000 });
        } catch (error) {
          fail(`no answer: ${request.operation} [${request.variant}]`, `${(error as Error).message}: ${describe()}`);
          continue;
        }
        answered++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (!(res.status >= 200 && res.status < 500)) fail(`${res.status}: ${request.operation} [${request.variant}]`, `${res.body.slice(0, 200)}: ${describe()}`);
        else if (res.status >= 400) {
          let code: unknown;
          try {
            const body = JSON.parse(res.body) as { code?: unknown; status?: unknown };
            code = body.status === res.status ? body.code : undefined;
          } catch {
            code = undefined;
          }
          if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '') || typeof code !== 'string') {
            fail(`${res.status} not problem+json: ${request.operation} [${request.variant}]`, `(${res.headers['content-type']}) ${res.body.slice(0, 200)}: ${describe()}`);
          }
        }
      }
    }
    const fiveHundreds = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    console.log(
      `fuzz ${ENGINE} (seed ${SEED}): ${answered} requests answered over ${operations.length} operations; ${fiveHundreds} 5xx; ${[...failures.values()].reduce((n, f) => n + f.count, 0)} failures of ${failures.size} kinds; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    expect([...failures].map(([kind, { count, example }]) => `${kind} ×${count}, e.g. ${example}`)).toEqual([]);
    // The run reached past the schemas: some requests were accepted.
    expect([...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(100);
  }, 120_000);
});
