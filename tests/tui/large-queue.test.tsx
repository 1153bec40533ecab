import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTui } from '../../src/tui/run.js';
import { addConversations } from '../helpers/many-conversations.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/workspace-harness.js';

describe('a queue of 10,000 conversations', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    await addConversations(server.store.db, 10_000, server.clock.now);
  }, 60_000);
  afterAll(() => server.close());

  it('loads them all, renders only a screenful, and jumps to either end', async () => {
    const client = await server.login();
    const me = await client.me.get();
    const tui = createTui({ client, agent: me.agent, profile: 'test' });
    const ui = render(tui.element);
    try {
      const frame = () => ui.lastFrame() ?? '';
      const total = (await client.queue.listAll()).length;
      expect(total).toBeGreaterThan(10_000);
      await waitFor(() => frame().includes(`(1/${total})`), { timeoutMs: 20_000, describe: frame });
      expect(frame().split('\n').length).toBeLessThanOrEqual(24);
      const renderedRows = frame().split('\n').filter((l) => /#\d+/.test(l)).length;
      expect(renderedRows).toBeLessThanOrEqual(21);
      ui.stdin.write('G');
      await waitFor(() => frame().includes(`(${total}/${total})`), { describe: frame });
      ui.stdin.write('g');
      await waitFor(() => frame().includes(`(1/${total})`), { describe: frame });
      ui.stdin.write('/');
      ui.stdin.write('Bulk conversation 9999 ');
      await waitFor(() => frame().includes(`(1/1 of ${total})`), { describe: frame });
    } finally {
      ui.unmount();
    }
  }, 60_000); // 10,000 rows loaded twice (the test reads them too) and searched: slow on a shared 2-core machine
});
