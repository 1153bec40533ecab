import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SupportClient } from '../../src/client/support-client.js';
import { createTui, type TuiOptions } from '../../src/tui/run.js';
import { SwitchableProxy } from '../helpers/switchable-proxy.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/workspace-harness.js';

const ENTER = '\r';
const ESC = '\u001b';
const flat = (frame: string) => frame.replace(/[\s│]+/g, ' ');

describe('the workspace: the outbox in the timeline, the message log', () => {
  let server: TestServer;
  let client: SupportClient;
  let dir: string;
  const mounted: { unmount(): void }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login();
    dir = mkdtempSync(join(tmpdir(), 'support-tui-outbox-'));
  });
  afterEach(() => {
    for (const m of mounted.splice(0)) m.unmount();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(options: Partial<TuiOptions> = {}) {
    const me = await client.me.get();
    const tui = createTui({ client, agent: me.agent, profile: 'test', ...options });
    const ui = render(tui.element);
    mounted.push(ui);
    const frame = () => ui.lastFrame() ?? '';
    const until = (predicate: (f: string) => boolean, timeoutMs = 5000) => waitFor(() => predicate(frame()), { describe: frame, timeoutMs });
    const press = async (keys: string) => {
      ui.stdin.write(keys);
      await new Promise((resolve) => setTimeout(resolve, 25));
    };
    await until((f) => f.includes('(1/'));
    return { tui, ui, frame, until, press };
  }

  const storedBodies = async (id: number, like: string) =>
    (await server.store.db.selectFrom('messages').select('body').where('conversation_id', '=', id).where('body', 'like', like).execute()).map((m) => m.body);

  it('shows a reply waiting in the outbox in the timeline; u takes it back to edit, X cancels it, and neither is sent', async () => {
    const proxy = new SwitchableProxy(Number(new URL(server.url).port));
    await proxy.up();
    const token = (await new SupportClient({ baseUrl: server.url }).auth.login('agent@example.com', 'demo')).token;
    const viaProxy = new SupportClient({ baseUrl: proxy.url, token, retryLimit: 0 });
    const storageDir = join(dir, 'timeline');
    const { until, press, tui, frame } = await open({ client: viaProxy, storageDir, retryBaseMs: 100 });
    const id = (await client.queue.list({ limit: 1 })).data[0]!.id;
    await press(ENTER);
    await until(() => tui.store.getState().conversations[id]?.status === 'ready');
    await until((f) => f.includes('Enter to reply'));

    await proxy.down();
    await press(ENTER);
    await press('Dana akan kembali dalam 3 hari kerja');
    await press(ENTER);
    await until((f) => f.includes('✉ Your reply · waiting to send') && f.includes('Dana akan kembali dalam 3 hari kerja') && f.includes('u edit · X cancel'));
    expect(tui.store.getState().drafts[id]?.text).toBe('');
    await press(ESC);

    // u: back into the reply box (it may be on its way for a moment: then it says so, and u again works).
    await waitFor(async () => {
      await press('u');
      return tui.store.getState().outbox.length === 0;
    });
    await until((f) => !f.includes('waiting to send') && f.includes('Back in the reply box'));
    expect(tui.store.getState().drafts[id]?.text).toBe('Dana akan kembali dalam 3 hari kerja');
    expect(tui.store.getState().composing).toBe(true);
    expect(tui.store.getState().composeKind[id]).toBe('reply');
    expect(JSON.parse(readFileSync(join(storageDir, 'outbox.json'), 'utf8'))).toEqual([]);

    // Edited, queued again, then cancelled with X.
    await press(' (edited)');
    await press(ENTER);
    await until((f) => flat(f).includes('Dana akan kembali dalam 3 hari kerja (edited)') && f.includes('waiting to send'));
    await press(ESC);
    await waitFor(async () => {
      await press('X');
      return tui.store.getState().outbox.length === 0;
    });
    await until((f) => !f.includes('waiting to send') && f.includes('Cancelled: the waiting message'));
    expect(frame()).not.toContain('(edited)');
    expect(JSON.parse(readFileSync(join(storageDir, 'outbox.json'), 'utf8'))).toEqual([]);

    await proxy.up();
    await until((f) => f.includes('connected'), 10_000);
    await tui.actions.flushOutbox();
    expect(await storedBodies(id, 'Dana akan kembali%')).toEqual([]);
    await proxy.down();
  });

  it('keeps every status-bar message whole in a log that L opens, wrapped', async () => {
    const { until, press, frame, tui } = await open();
    const id = (await client.queue.list({ limit: 1 })).data[0]!.id;
    tui.actions.openConversation(id);
    await until((f) => f.includes('Enter to reply'));
    await press('U');
    const refusal = 'Unfreezing is for supervisors and admins, after an identity check';
    // At 100 columns the bar cuts it, and says where it is whole.
    await until((f) => f.includes('Unfreezing is for') && f.includes('(L: more)'));
    expect(frame()).not.toContain(refusal);
    const long = `A long notice ${'that goes on '.repeat(14)}and ends here`;
    tui.actions.flash(long);
    await press('L');
    await until((f) => f.includes('Messages'));
    expect(flat(frame())).toContain(refusal);
    expect(flat(frame())).toContain(long.replace(/\s+/g, ' '));
    // Newest first, each on its own lines.
    const shown = frame().split('\n');
    expect(shown.findIndex((l) => l.includes('A long notice'))).toBeLessThan(shown.findIndex((l) => l.includes('Unfreezing')));
    await press(ESC);
    await until((f) => !f.includes('Messages') && f.includes('Enter to reply'));
  });
});
