import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { createTui } from '../../src/tui/run.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

const ENTER = '\r';
const ESC = '\u001b';

describe('the macro picker in the reply box', () => {
  let server: TestServer;
  let client: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login();
  });
  afterAll(() => server.close());

  async function openOn(conversationId: number) {
    const me = await client.me.get();
    const tui = createTui({ client, agent: me.agent, profile: 'test' });
    const ui = render(tui.element);
    const frame = () => ui.lastFrame() ?? '';
    const until = (p: (f: string) => boolean) => waitFor(() => p(frame()), { describe: frame });
    const press = async (keys: string) => {
      ui.stdin.write(keys);
      await new Promise((resolve) => setTimeout(resolve, 30));
    };
    await until((f) => f.includes('(1/'));
    tui.actions.openConversation(conversationId);
    await until((f) => f.includes('Enter to reply'));
    await press(ENTER);
    await until((f) => f.includes('Reply to the customer'));
    return { tui, ui, frame, until, press };
  }

  it('opens on / in an empty reply, previews the filled text, and inserts it on Enter', async () => {
    const target = (await client.queue.list({ limit: 1 })).data[0]!;
    const detail = await client.conversations.get(target.id);
    const { tui, ui, until, press } = await openOn(target.id);
    try {
      await press('/hel');
      await until((f) => f.includes('▸ /hello'));
      const preview = await until((f) => f.includes(detail.customer.name) && !f.includes('Filling the macro'));
      expect(preview).toBeTruthy();
      await press(ENTER);
      await until((f) => f.includes('Reply to the customer') === false || f.includes(detail.customer.name));
      const draft = tui.store.getState().drafts[target.id]!.text;
      expect(draft).toContain(detail.customer.name);
      expect(draft).toContain('Ayu Lestari');
      expect(draft).not.toContain('{{');
      expect(tui.store.getState().overlay).toBeUndefined();
    } finally {
      ui.unmount();
    }
  });

  it('shows why a macro cannot be filled, and inserts nothing', async () => {
    const target = (await client.queue.list({ limit: 200 })).data.find((c) => c.category !== 'complaint')!;
    const { tui, ui, until, press } = await openOn(target.id);
    try {
      await press('\u0014'); // ctrl+t
      await until((f) => f.includes('macros ·'));
      await press('complaint-rec');
      await until((f) => f.includes('▸ /complaint-received'));
      await until((f) => f.includes('cannot fill {{complaint.number}}') && !f.includes('Filling the macro'));
      await press(ENTER);
      expect(tui.store.getState().overlay?.kind).toBe('macros');
      expect(tui.store.getState().drafts[target.id]?.text ?? '').toBe('');
      await press(ESC);
      await until((f) => f.includes('Reply to the customer'));
    } finally {
      ui.unmount();
    }
  });
});
