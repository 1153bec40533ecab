import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SupportClient } from '../../src/client/support-client.js';
import { createTui } from '../../src/tui/run.js';
import { addHostileMessage, FORBIDDEN_IN_OUTPUT } from '../helpers/hostile.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/workspace-harness.js';

const ENTER = '\r';
const ESC = '\u001b';

describe('the workspace (ink-testing-library, real server)', () => {
  let server: TestServer;
  let client: SupportClient;
  let ui: ReturnType<typeof render> | undefined;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login();
  });
  afterEach(() => ui?.unmount());
  afterAll(() => server.close());

  async function open(withClient = client) {
    const me = await client.me.get();
    const tui = createTui({ client: withClient, agent: me.agent, profile: 'test' });
    ui = render(tui.element);
    const frame = () => ui!.lastFrame() ?? '';
    const until = (predicate: (f: string) => boolean) => waitFor(() => predicate(frame()), { describe: frame });
    const press = async (keys: string) => {
      ui!.stdin.write(keys);
      await new Promise((resolve) => setTimeout(resolve, 30));
    };
    return { tui, frame, until, press };
  }

  it('shows the queue in SLA order with its first row selected', async () => {
    const { frame, until } = await open();
    await until((f) => f.includes('(1/'));
    const first = (await client.queue.list({ limit: 1 })).data[0]!;
    expect(frame()).toContain(`#${first.id}`);
    expect(frame()).toMatch(/▸ .*#\d+/);
    expect(frame()).toContain('Ayu Lestari');
  });

  it('moves with j/k and arrows, opens with Enter, goes back with Esc', async () => {
    const { frame, until, press } = await open();
    await until((f) => f.includes('(1/'));
    await press('j');
    await until((f) => f.includes('(2/'));
    await press('j');
    await press(`${ESC}[A`);
    await until((f) => f.includes('(2/'));
    const second = (await client.queue.list({ limit: 2 })).data[1]!;
    await press(ENTER);
    await until((f) => f.includes(`#${second.id} `) && f.includes('Enter to reply'));
    const detail = await client.conversations.get(second.id);
    // The newest message is in view (a long thread starts scrolled to its end).
    expect(frame()).toContain(detail.messages.at(-1)!.body.slice(0, 20));
    await press(ESC);
    await until((f) => f.includes('(2/'));
  });

  it('scrolls the queue only when the selection leaves the window, by as little as it takes', async () => {
    const { frame, until, press } = await open();
    await until((f) => f.includes('(1/'));
    const ids = (await client.queue.listAll()).map((c) => c.id);
    const shown = () => [...frame().matchAll(/#(\d+)/g)].map((m) => Number(m[1]));
    const visible = shown().length;
    expect(ids.length).toBeGreaterThan(visible + 2);
    // Down inside the window: it stays; one row past its bottom: it moves by one.
    for (let i = 1; i < visible; i++) await press('j');
    await until((f) => f.includes(`(${visible}/`));
    expect(shown()).toEqual(ids.slice(0, visible));
    await press('j');
    await until((f) => f.includes(`(${visible + 1}/`));
    expect(shown()).toEqual(ids.slice(1, visible + 1));
    // Up from the end: the window keeps the last rows until the selection leaves its top.
    await press('G');
    await until((f) => f.includes(`(${ids.length}/`));
    await press('k');
    await until((f) => f.includes(`(${ids.length - 1}/`));
    expect(shown()).toEqual(ids.slice(-visible));
  });

  it('sends a typed reply with Enter: stored on the server, shown, the box emptied', async () => {
    const { until, press, tui } = await open();
    await until((f) => f.includes('(1/'));
    const target = (await client.queue.list({ limit: 1 })).data[0]!;
    await press(ENTER);
    await until((f) => f.includes('Enter to reply'));
    await press(ENTER);
    await until((f) => f.includes('Reply to the customer'));
    await press('Terima kasih, sudah saya cek 👍 好的');
    await until((f) => f.includes('Terima kasih, sudah saya cek'));
    await press(ENTER);
    await until((f) => f.includes('Reply to the customer') && f.includes('Terima kasih, sudah saya cek 👍 好的'));
    const detail = await client.conversations.get(target.id);
    expect(detail.messages.at(-1)!.body).toBe('Terima kasih, sudah saya cek 👍 好的');
    expect(tui.store.getState().drafts[target.id]?.text).toBe('');
  });

  it('keeps the typed text when sending fails, and says why', async () => {
    const broken = new SupportClient({ baseUrl: server.url, token: 'sup_revoked' });
    const { until, press, tui } = await open(broken);
    // The broken client cannot load the queue either; open a conversation by id through the store.
    await until((f) => f.includes('Could not load the queue'));
    tui.actions.openConversation(3);
    await until((f) => f.includes('Enter to reply'));
    await press(ENTER);
    await press('do not lose me');
    await press(ENTER);
    await until((f) => f.includes('Not sent:') && f.includes('do not lose me'));
    expect(tui.store.getState().drafts[3]?.text).toBe('do not lose me');
  });

  it('edits the draft with the keymap: backspace, word delete, newline', async () => {
    const { until, press, tui } = await open();
    await until((f) => f.includes('(1/'));
    const id = (await client.queue.list({ limit: 1 })).data[0]!.id;
    await press(ENTER);
    await until((f) => f.includes('Enter to reply'));
    await press(ENTER);
    await until((f) => f.includes('Reply to the customer'));
    await press('hello wrold');
    await press('\u0017'); // ctrl+w
    await press('world');
    await press('\u007f'); // backspace
    await press(`d${ESC}\r`); // alt+enter: new line
    await press('两行');
    await until(() => tui.store.getState().drafts[id]?.text === 'hello world\n两行');
  });

  it('shows hostile customer text escaped, never as control sequences', async () => {
    await addHostileMessage(server.store.db, 9, server.clock.now);
    const { until, frame, tui } = await open();
    await until((f) => f.includes('(1/'));
    tui.actions.openConversation(9);
    // The message's last lines: the hidden tag text and the Hangul fillers, shown as escapes.
    await until((f) => f.includes('ok\\u{e0063}\\u{e0075}') && f.includes('Budi\\u115f\\u1160\\u3164\\uffa0'));
    const output = ui!.frames.join('');
    for (const forbidden of FORBIDDEN_IN_OUTPUT) expect(output.includes(forbidden), JSON.stringify(forbidden)).toBe(false);
    expect(frame()).toContain('\\u202egnp.exe');
  });

  it('quits on q from the queue: keys do nothing after', async () => {
    const { until, press } = await open();
    await until((f) => f.includes('(1/'));
    await press('q');
    const frames = ui!.frames.length;
    await press('j');
    await press('j');
    expect(ui!.frames.length).toBe(frames);
  });
});
