import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTui } from '../../src/tui/run.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/workspace-harness.js';

const ESC = '\u001b';

describe('a conversation of 2,000 messages', () => {
  let server: TestServer;
  const id = 4;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const conversation = await server.store.db.selectFrom('conversations').select(['customer_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      conversation_id: id,
      client_message_id: null,
      kind: i % 10 === 9 ? 'note' : 'reply',
      author_type: i % 2 ? 'agent' : 'customer',
      author_id: i % 2 ? null : conversation.customer_id,
      author_name: i % 2 ? 'Ayu Lestari' : 'Customer',
      body: `message number ${i} — 第${i}条消息 ${i % 7 === 0 ? 'with a longer line that wraps across the width of the terminal because customers write long paragraphs about what went wrong' : ''}`,
      created_at: server.clock.now + i,
    }));
    for (let i = 0; i < rows.length; i += 400) await server.store.db.insertInto('messages').values(rows.slice(i, i + 400)).execute();
    await server.store.db.updateTable('conversations').set((eb) => ({ message_count: eb('message_count', '+', 2000) })).where('id', '=', id).execute();
  }, 60_000);
  afterAll(() => server.close());

  it('loads the whole history in the background and scrolls from newest to oldest', async () => {
    const client = await server.login();
    const me = await client.me.get();
    const tui = createTui({ client, agent: me.agent, profile: 'test' });
    const ui = render(tui.element);
    const frame = () => ui.lastFrame() ?? '';
    try {
      await waitFor(() => frame().includes('(1/'), { describe: frame });
      tui.actions.openConversation(id);
      await waitFor(() => frame().includes('message number 1999'), { describe: frame });
      await waitFor(() => tui.store.getState().conversations[id]?.historyComplete === true, { timeoutMs: 10_000 });
      expect(tui.store.getState().conversations[id]!.data!.messages.length).toBeGreaterThanOrEqual(2000);
      expect(frame().split('\n').length).toBeLessThanOrEqual(24);
      const opening = tui.store.getState().conversations[id]!.data!.messages[0]!.body.slice(0, 30);
      ui.stdin.write(`${ESC}[1;5H`); // ctrl+home: the oldest message
      await waitFor(() => frame().includes(opening), { describe: frame });
      expect(frame()).not.toContain('message number 1999');
      ui.stdin.write(`${ESC}[1;5F`); // ctrl+end: back to the newest
      await waitFor(() => frame().includes('message number 1999'), { describe: frame });
      ui.stdin.write(`${ESC}[5~`); // page up
      await waitFor(() => !frame().includes('message number 1999'), { describe: frame });
    } finally {
      ui.unmount();
    }
  });
});
