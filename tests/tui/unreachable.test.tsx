import { createServer } from 'node:net';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupportClient } from '../../src/client/support-client.js';
import { createTui } from '../../src/tui/run.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/workspace-harness.js';

async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('the workspace when the API does not answer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterAll(() => server.close());

  it('says what failed, what to check, and that replies wait in the outbox; not to start the demo', async () => {
    const me = await (await server.login()).me.get();
    const url = await deadUrl();
    const tui = createTui({ client: new SupportClient({ baseUrl: url, token: 'sup_x', retryLimit: 0 }), agent: me.agent, profile: 'test' });
    const ui = render(tui.element);
    try {
      const text = () => (ui.lastFrame() ?? '').replace(/\s+/g, ' ');
      await waitFor(() => text().includes('Could not load the queue'), { describe: text });
      expect(text()).toContain(
        `Could not load the queue: cannot connect to the Support API at ${url}: nothing answers there (connection refused); check your network connection and the API URL of your profile (\`support config list\`, or SUPPORT_API_URL). Replies you send meanwhile wait in the outbox and go out when it answers`,
      );
      expect(text()).not.toContain('support server --demo');
    } finally {
      ui.unmount();
    }
  });
});
