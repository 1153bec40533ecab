import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { cliHome } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';
import { openFresh, rowOf } from '../helpers/workflow.js';

/** `support conversation close` on a terminal: closed is final, so the id is typed first. */
describe.skipIf(!HAS_TMUX)('support conversation close asks on a terminal (tmux)', () => {
  let server: TestServer;
  let admin: SupportClient;
  let home: string;
  let env: Record<string, string>;
  let term: Terminal;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    admin = await server.login('admin@example.com');
    ({ home, env } = await cliHome('support-e2e-close-', server.url, { default: 'admin@example.com' }));
  });
  afterEach(() => term?.kill());
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function resolvedConversation() {
    const c = await openFresh(server, admin, { subject: 'Saldo tidak masuk' });
    await admin.conversations.resolve(c.id);
    return c;
  }

  it('closes only once the id is typed exactly', async () => {
    const c = await resolvedConversation();
    term = new Terminal();
    term.start(`${Terminal.support(`conversation close ${c.id}`)}; echo "CLOSE-EXITED-$?"`, { env });
    await term.waitForText(`Type ${c.id} to confirm (Ctrl+C cancels)`);
    expect(term.screen()).toContain(`Close #${c.id} “Saldo tidak masuk”`);
    expect(term.screen()).toContain('Closed is final');
    term.type(`${c.id}9`);
    term.keys('Enter');
    await term.waitForText(`that is not ${c.id}`);
    expect((await rowOf(server, c.id)).status).toBe('resolved');
    term.keys('C-u');
    term.type(String(c.id));
    term.keys('Enter');
    await term.waitForText('CLOSE-EXITED-0');
    expect(term.screen()).toContain(`✓ Closed: #${c.id} `);
    expect((await rowOf(server, c.id)).status).toBe('closed');
  });

  it('Ctrl+C at the question cancels: exit 2, still resolved', async () => {
    const c = await resolvedConversation();
    term = new Terminal();
    term.start(`${Terminal.support(`conversation close ${c.id}`)}; echo "CLOSE-EXITED-$?"`, { env });
    await term.waitForText(`Type ${c.id} to confirm`);
    term.keys('C-c');
    await term.waitForText('CLOSE-EXITED-2');
    expect((await rowOf(server, c.id)).status).toBe('resolved');
  });
});
