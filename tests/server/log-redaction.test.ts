import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { rawRequest } from '../helpers/raw-http.js';
import { dropStore, newStoreOptions } from '../helpers/test-server.js';

/** The request log is read by more people than the tokens it could leak are meant for. */
describe('the server log never holds a credential', () => {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'support-log-'));
  const storeOptions = newStoreOptions(dir);
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    server = await startServer({ store: storeOptions, demo: true, settings: { sweepIntervalMs: 0 }, logger: { level: 'debug', stream } });
    const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@example.com', password: 'demo' }) });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await server.close();
    await dropStore(storeOptions);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a token in a query string, a path or a header is logged as [REDACTED], and each line stays JSON', async () => {
    expect(token).toMatch(/^sup_/);
    const before = lines.length;
    await fetch(`${server.url}/v1/queue?token=${token}`);
    await fetch(`${server.url}/v1/me?access_token=${encodeURIComponent(token)}&limit=5`);
    await fetch(`${server.url}/v1/nowhere?api_key=s3cr3t-value&password=hunter2`);
    await fetch(`${server.url}/v1/${token}`);
    await fetch(`${server.url}/v1/queue`, { headers: { authorization: `Bearer ${token}` } });
    // Refused before routing: the parser's error names the raw request.
    await rawRequest(server.url, `GET /v1/queue?token=${token} HTTP/1.1\r\nhost: x\r\nbad header: ${token}\r\n\r\n`);
    await server.app.ready();
    const logged = lines.slice(before);
    const text = logged.join('\n');
    expect(logged.length).toBeGreaterThan(5);
    expect(text).toContain('/v1/queue?token=[REDACTED]');
    expect(text).toContain('access_token=[REDACTED]&limit=5');
    expect(text).toContain('api_key=[REDACTED]&password=[REDACTED]');
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(4));
    // Nor as bytes (Node's parse errors carry the raw request as a Buffer).
    expect(text).not.toContain([...Buffer.from(token.slice(4))].join(','));
    expect(text).not.toContain('s3cr3t-value');
    expect(text).not.toContain('hunter2');
    for (const line of logged) expect(() => JSON.parse(line)).not.toThrow();
  });
});
