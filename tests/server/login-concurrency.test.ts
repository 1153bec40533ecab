import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Login limits under parallel guesses. A password is "checked" when the answer is
 * invalid_credentials: only then was it verified, and only then is a failed auth.login audit entry
 * written. Everything beyond the limit must be answered rate_limited without a check.
 */
const WINDOW_MS = 15 * 60 * 1000;
const PER_EMAIL = 5;
const PER_ADDRESS = 30;
const PARALLEL = 40;

describe(`login limits under ${PARALLEL} parallel guesses (${ENGINE})`, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      demo: true,
      settings: { loginLimitPerEmail: { max: PER_EMAIL, windowMs: WINDOW_MS }, loginLimitPerIp: { max: PER_ADDRESS, windowMs: WINDOW_MS } },
    });
  });
  afterAll(() => server.close());

  const login = async (email: string, password: string) => {
    const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const body = (await res.json()) as { code?: string; token?: string };
    return body.token ? 'ok' : `${res.status} ${body.code}`;
  };
  const failedAudits = async () =>
    (await server.store.db.selectFrom('audit_log').select('id').where('action', '=', 'auth.login').where('outcome', '=', 'failed').execute()).length;
  const tally = (answers: string[]) => Object.fromEntries([...new Set(answers)].sort().map((a) => [a, answers.filter((b) => b === a).length]));

  it(`checks at most ${PER_EMAIL} passwords of one email, however many arrive at once`, async () => {
    const before = await failedAudits();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => login('budi@example.com', `guess-${i}`)));
    expect(tally(answers)).toEqual({ '401 invalid_credentials': PER_EMAIL, '429 rate_limited': PARALLEL - PER_EMAIL });
    expect((await failedAudits()) - before).toBe(PER_EMAIL);
    // The right password waits for the window too.
    expect(await login('budi@example.com', 'demo')).toBe('429 rate_limited');
    server.clock.advance(WINDOW_MS);
    expect(await login('budi@example.com', 'demo')).toBe('ok');
  });

  it(`checks at most ${PER_ADDRESS} passwords from one address across emails; successful logins use none of it`, async () => {
    server.clock.advance(WINDOW_MS);
    // Logins that succeed are not guesses: they give their place back.
    for (const email of ['agent@example.com', 'lead@example.com', 'admin@example.com']) expect(await login(email, 'demo')).toBe('ok');
    const before = await failedAudits();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => login(`stranger${i}@example.com`, 'guess')));
    expect(tally(answers)).toEqual({ '401 invalid_credentials': PER_ADDRESS, '429 rate_limited': PARALLEL - PER_ADDRESS });
    expect((await failedAudits()) - before).toBe(PER_ADDRESS);
    server.clock.advance(WINDOW_MS);
  });
});
