import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// The workspace itself opens only on a terminal: tests/e2e/stolen-phone.test.ts drives it under tmux.
describe('support call', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-call-', server.url, { default: 'agent@example.com' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('says why a number cannot be one, exit 2', async () => {
    const impossible = await runCli(['call', '+999 1234 5678'], { env });
    expect([impossible.code, impossible.stderr]).toEqual([2, expect.stringContaining('its country code is not one any country uses')]);
    const notPhone = await runCli(['call', 'dewi@example.com'], { env });
    expect([notPhone.code, notPhone.stderr]).toEqual([2, expect.stringContaining('is not a phone number')]);
  });

  it('says when no customer has the number, before it asks for a terminal', async () => {
    const nobody = await runCli(['call', '+65 9000 0000'], { env });
    expect(nobody.stderr).toContain('no customer has this number (+6590000000)');
    expect([nobody.code, nobody.stderr]).toEqual([2, expect.stringContaining('needs a terminal')]);
  });
});
