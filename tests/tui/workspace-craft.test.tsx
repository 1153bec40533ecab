import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupportClient } from '../../src/client/support-client.js';
import type { TuiOptions } from '../../src/tui/run.js';
import { SwitchableProxy } from '../helpers/switchable-proxy.js';
import { DOWN, ENTER, ESC, workspaceSuite } from '../helpers/workspace-harness.js';


describe('the workspace: keymap, palette, filters, drafts, outbox', () => {
  const suite = workspaceSuite();
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'support-tui-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  // The queue shows before a test starts (the harness waits for its first row).
  const open = (options: Partial<TuiOptions> & { client?: SupportClient } = {}) => suite.open({ ...options, waitForQueue: false });

  it('applies a valid remapping, and reports each bad entry while keeping its defaults', async () => {
    const { frame, until, press, tui } = await open({
      keymapOverrides: {
        'queue.down': ['J', 'down'],
        'queue.dwn': ['x'],
        'queue.up': ['ctrl+s'],
        'queue.open': ['k'],
        'queue.first': ['shift+nothing'],
      },
    });
    await until((f) => f.includes('(1/'));
    const shown = frame();
    expect(shown).toContain('keymap "queue.dwn": no such command');
    expect(shown).toContain('keymap "queue.up": ctrl+s is taken (terminals stop output with it (XOFF))');
    expect(shown).toContain('keymap "queue.open": k already runs "queue.up" here');
    expect(shown).toContain('keymap "queue.first": "shift+nothing" is not a key name');
    const rows = tui.store.getState().queue.data!;
    await press('J');
    await until((f) => f.includes('(2/') && !f.includes('keymap "'));
    expect(tui.store.getState().selectedId).toBe(rows[1]!.id);
    // j is no longer "down": pressed, then k (up), the selection is back on the first row, not the second.
    await press('j');
    await press('k');
    await until((f) => f.includes('(1/'));
    expect(tui.store.getState().selectedId).toBe(rows[0]!.id);
    expect(tui.store.getState().commands.find((c) => c.id === 'queue.down')!.keys).toEqual(['J', 'down']);
  });

  it('shows the keys from the table on ?, with the remapped key', async () => {
    const { until, press, frame, tui } = await open({ keymapOverrides: { 'queue.refresh': ['ctrl+r', 'F'], 'queue.down': ['J', 'down'] } });
    await until((f) => f.includes('(1/'));
    await press('?');
    const first = await until((f) => f.includes('Keys') && f.includes('Next conversation'));
    // Each line is the table's: its keys (remapped ones too), its title and its id.
    expect(first).toMatch(/J\/↓\s+Next conversation\s+queue\.down/);
    expect(first).not.toContain('Reload the queue');
    // The list is longer than the screen: scrolling brings the entry up and the first lines go above.
    for (let i = 0; i < 30 && !frame().includes('Reload the queue'); i++) await press(DOWN);
    const help = await until((f) => f.includes('Reload the queue'));
    expect(help).toMatch(/Ctrl\+R\/F\s+Reload the queue\s+queue\.refresh/);
    expect(help).toMatch(/↑ \d+ more above/);
    await press(ESC);
    await until((f) => f.includes('(1/'));
    // And the remapped key does what the help says: F reloads the queue.
    const loaded = tui.store.getState().queue.data;
    await press('F');
    await until(() => tui.store.getState().queue.data !== loaded && tui.store.getState().queue.status === 'ready');
  });

  it('runs any command by name from the palette (Ctrl+K)', async () => {
    const { until, press, tui } = await open();
    await until((f) => f.includes('(1/'));
    await press('\u000b'); // ctrl+k
    await until((f) => f.includes('commands ·'));
    await press('unassi');
    await until((f) => f.includes('▸ Filter: unassigned'));
    await press(ENTER);
    await until((f) => f.includes('Filter: unassigned'));
    expect(tui.store.getState().filter.unassigned).toBe(true);
  });

  it('filters by key and searches with /, over the loaded queue', async () => {
    const { until, press, frame, tui } = await open();
    await until((f) => f.includes('(1/'));
    const all = await suite.client.queue.listAll();
    await press('u');
    await until((f) => f.includes('Filter: unassigned'));
    const unassigned = all.filter((c) => c.assignee === null).length;
    expect(frame()).toContain(`of ${all.length}`);
    expect(frame()).toContain(`/${unassigned} of`);
    await press('p');
    await until((f) => f.includes('Filter: urgent · unassigned'));
    await press('x');
    await until((f) => !f.includes('Filter:'));
    const target = all[5]!;
    await press('/');
    await press(target.customer.name);
    await until((f) => f.includes(`/${target.customer.name}`));
    await press(ENTER);
    await until((f) => f.includes(`“${target.customer.name}”`));
    expect(tui.store.getState().searching).toBe(false);
    const rows = frame().split('\n').filter((l) => /#\d+/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((l) => l.includes(target.customer.name.slice(0, 6)))).toBe(true);
    await press('/');
    await press(ESC);
    await until((f) => !f.includes('“'));
  });

  it('keeps a draft on disk and restores it in a new session', async () => {
    const storageDir = join(dir, 'drafts');
    const first = await open({ storageDir });
    await first.until((f) => f.includes('(1/'));
    const id = (await suite.client.queue.list({ limit: 1 })).data[0]!.id;
    await first.press(ENTER);
    await first.until((f) => f.includes('Enter to reply'));
    await first.press(ENTER);
    await first.until((f) => f.includes('Reply to the customer'));
    await first.press('written before the restart 写到一半');
    await first.until((f) => f.includes('写到一半'));
    first.tui.flush();
    const saved = JSON.parse(readFileSync(join(storageDir, 'drafts.json'), 'utf8')) as Record<string, { text: string }>;
    expect(saved[id]!.text).toBe('written before the restart 写到一半');
    first.unmount();

    const second = await open({ storageDir });
    await second.until((f) => f.includes('(1/'));
    await second.press(ENTER);
    await second.until((f) => f.includes('written before the restart 写到一半'));
  });

  it('queues replies while the API is unreachable and sends them once, in order, when it returns', async () => {
    const proxy = new SwitchableProxy(Number(new URL(suite.server.url).port));
    await proxy.up();
    const token = (await new SupportClient({ baseUrl: suite.server.url }).auth.login('agent@example.com', 'demo')).token;
    const viaProxy = new SupportClient({ baseUrl: proxy.url, token, retryLimit: 0 });
    const storageDir = join(dir, 'outbox');
    const { until, press, tui } = await open({ client: viaProxy, storageDir, retryBaseMs: 100 });
    await until((f) => f.includes('(1/'));
    const id = (await suite.client.queue.list({ limit: 1 })).data[0]!.id;
    await press(ENTER);
    await until((f) => f.includes('Enter to reply'));
    await press(ENTER);
    await until((f) => f.includes('Reply to the customer'));
    await until(() => tui.store.getState().conversations[id]?.status === 'ready');

    await proxy.down();
    await press('first while offline');
    await press(ENTER);
    await until((f) => f.includes('✉ 1 waiting'));
    await press('second while offline');
    await press(ENTER);
    await until((f) => f.includes('✉ 2 waiting') && f.includes('2 messages waiting to be sent'));
    expect(tui.store.getState().drafts[id]?.text).toBe('');
    const onDisk = JSON.parse(readFileSync(join(storageDir, 'outbox.json'), 'utf8')) as { body: string }[];
    expect(onDisk.map((e) => e.body)).toEqual(['first while offline', 'second while offline']);

    await proxy.up();
    await until((f) => !f.includes('waiting') && f.includes('connected'), 10_000);
    const stored = await suite.server.store.db.selectFrom('messages').select(['body', 'id']).where('conversation_id', '=', id).where('body', 'like', '% while offline').orderBy('id').execute();
    expect(stored.map((m) => m.body)).toEqual(['first while offline', 'second while offline']);
    expect(JSON.parse(readFileSync(join(storageDir, 'outbox.json'), 'utf8'))).toEqual([]);
    await proxy.down();
  });
});
