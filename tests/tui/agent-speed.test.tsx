import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTui } from '../../src/tui/run.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/workspace-harness.js';

const ENTER = '\r';
const CTRL_O = '\u000f';
const CTRL_X = '\u0018';

/**
 * The common path of a shift, key by key: claim, a macro reply, resolve and claim the next. The
 * README gives these counts beside the keys; typed filter text is not counted.
 */
describe('agent speed: claim, macro reply, resolve and claim next', () => {
  let server: TestServer;
  const mounted: { unmount(): void }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterEach(() => {
    for (const m of mounted.splice(0)) m.unmount();
  });
  afterAll(() => server.close());

  async function open(email: string) {
    const client = await server.login(email);
    const me = await client.me.get();
    const tui = createTui({ client, agent: me.agent, profile: 'test' });
    const ui = render(tui.element);
    mounted.push(ui);
    const frame = () => ui.lastFrame() ?? '';
    const until = (p: (f: string) => boolean, timeoutMs = 5000) => waitFor(() => p(frame()), { describe: frame, timeoutMs });
    let keys = 0;
    /** A command key: counted. */
    const key = async (k: string) => {
      keys++;
      ui.stdin.write(k);
      await new Promise((resolve) => setTimeout(resolve, 30));
    };
    /** Filter text: not counted. */
    const type = async (text: string) => {
      ui.stdin.write(text);
      await new Promise((resolve) => setTimeout(resolve, 30));
    };
    await until((f) => f.includes('(1/'));
    return { client, tui, frame, until, key, type, keys: () => keys, reset: () => (keys = 0) };
  }

  const openId = (tui: ReturnType<typeof createTui>) => {
    const screen = tui.store.getState().screen;
    return screen.name === 'conversation' ? screen.id : undefined;
  };

  it('takes 5 keys for the first conversation (n / Enter Enter E) and 3 after (/ Enter Ctrl+O)', async () => {
    const w = await open('mei@example.com');
    const macroFilled = (f: string) => f.includes('▸ /hello') && !f.includes('Filling the macro');

    // First conversation: claim, macro, insert, send, then E at once (no Esc).
    await w.key('n');
    await w.until((f) => f.includes('Claimed #'));
    const first = openId(w.tui)!;
    await w.key('/');
    await w.until((f) => f.includes('macros ·'));
    await w.type('hello');
    await w.until(macroFilled);
    await w.key(ENTER);
    await w.until((f) => f.includes('Mei Lin'));
    await w.key(ENTER);
    await waitFor(() => w.tui.store.getState().justSent === first);
    await w.key('E');
    await w.until((f) => f.includes(`Resolved #${first}; claimed #`));
    expect(w.keys()).toBe(5);
    const firstRow = await w.client.conversations.get(first);
    expect(firstRow.conversation.status).toBe('resolved');
    expect(firstRow.messages.at(-1)!.body).toContain('Mei Lin');
    expect(firstRow.messages.at(-1)!.kind).toBe('reply');

    // Each after: the next is open already; macro, insert, send-resolve-claim-next.
    const second = openId(w.tui)!;
    expect(second).not.toBe(first);
    w.reset();
    await w.key('/');
    await w.until((f) => f.includes('macros ·'));
    await w.type('hello');
    await w.until(macroFilled);
    await w.key(ENTER);
    await w.until((f) => f.includes('Mei Lin'));
    await w.key(CTRL_O);
    await w.until((f) => f.includes(`Resolved #${second}; claimed #`));
    expect(w.keys()).toBe(3);
    const secondRow = await w.client.conversations.get(second);
    expect(secondRow.conversation.status).toBe('resolved');
    expect(secondRow.messages.at(-1)!.body).toContain('Mei Lin');
    const third = openId(w.tui)!;
    expect(third).not.toBe(second);
    expect((await w.client.conversations.get(third)).conversation.assignee?.name).toBe('Mei Lin');

    // Ctrl+X: send, then resolve, staying on it.
    w.reset();
    await w.key('/');
    await w.type('hello');
    await w.until(macroFilled);
    await w.key(ENTER);
    await w.until((f) => f.includes('Mei Lin'));
    await w.key(CTRL_X);
    await w.until((f) => f.includes(`Resolved #${third}`));
    expect(w.keys()).toBe(3);
    expect(openId(w.tui)).toBe(third);
    expect(w.tui.store.getState().composing).toBe(false);
    expect((await w.client.conversations.get(third)).conversation.status).toBe('resolved');
  });

  it('after a send, any key but E starts the next message; E that is not first is text', async () => {
    const w = await open('mei@example.com');
    await w.key('n');
    await w.until((f) => f.includes('Claimed #'));
    const id = openId(w.tui)!;
    await w.until((f) => f.includes('Enter to reply'));
    await w.key(ENTER);
    await w.type('Sudah saya cek');
    await w.key(ENTER);
    await waitFor(() => w.tui.store.getState().justSent === id);
    await w.type('o');
    await w.type('E');
    expect(w.tui.store.getState().drafts[id]?.text).toBe('oE');
    expect((await w.client.conversations.get(id)).conversation.status).not.toBe('resolved');
  });
});
