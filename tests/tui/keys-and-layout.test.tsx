import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { displayMoney } from '../../src/api/money.js';
import { displayWidth } from '../../src/api/text/width.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { createTui, type TuiOptions } from '../../src/tui/run.js';
import { renderSized } from '../helpers/sized-render.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/workspace-harness.js';

const ENTER = '\r';
const ESC = '\u001b';
const DOWN = `${ESC}[B`;
const UP = `${ESC}[A`;
const CTRL_K = '\u000b';

/** The customer panel's width on screen: its top border (the only square one) from ┌ to ┐. */
function panelWidthIn(frame: string): number | undefined {
  const line = frame.split('\n').find((l) => l.includes('┌'));
  if (!line) return undefined;
  return displayWidth(line.slice(line.indexOf('┌'), line.indexOf('┐') + 1));
}

describe('the workspace at 80, 100, 110 and 200 columns: keys, help, palette, layout', () => {
  let server: TestServer;
  let client: SupportClient;
  const mounted: { unmount(): void }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login();
  });
  afterEach(() => {
    for (const m of mounted.splice(0)) m.unmount();
  });
  afterAll(async () => {
    await server.close();
  });

  async function open(columns: number, rows: number, options: Partial<TuiOptions> = {}, as: SupportClient = client) {
    const me = await as.me.get();
    const tui = createTui({ client: as, agent: me.agent, profile: 'test', ...options });
    const ui = renderSized(tui.element, columns, rows);
    mounted.push(ui);
    const frame = () => ui.lastFrame() ?? '';
    const until = (predicate: (f: string) => boolean, timeoutMs = 5000) => waitFor(() => predicate(frame()), { describe: frame, timeoutMs });
    const press = async (keys: string) => {
      ui.stdin.write(keys);
      await new Promise((resolve) => setTimeout(resolve, keys === DOWN || keys === UP ? 2 : 25));
    };
    await until((f) => f.includes('(1/'));
    return { tui, frame, until, press };
  }

  it('shows the customer panel on the first p below 110 columns, and hides it on the next', async () => {
    const { frame, until, press } = await open(100, 30);
    await press(ENTER);
    await until((f) => f.includes('Enter to reply'));
    expect(panelWidthIn(frame())).toBeUndefined();
    await press('p');
    await until((f) => panelWidthIn(f) !== undefined);
    await press('p');
    await until((f) => panelWidthIn(f) === undefined);
  });

  it('hides the panel on the first p from 110 columns, where it shows by itself', async () => {
    const { until, press } = await open(110, 30);
    await press(ENTER);
    await until((f) => f.includes('Enter to reply') && panelWidthIn(f) === 44);
    await press('p');
    await until((f) => panelWidthIn(f) === undefined);
  });

  it('grows the customer panel with the terminal: failure reasons uncut at 200 columns', async () => {
    const { frame, until, press, tui } = await open(200, 50);
    await press(ENTER);
    const id = tui.store.getState().selectedId!;
    await until((f) => f.includes('Enter to reply') && f.includes('Transactions'));
    expect(panelWidthIn(frame())).toBeGreaterThanOrEqual(70);
    const customer = (await client.conversations.get(id)).customer.id;
    const context = tui.store.getState().customers[customer]!.data!;
    const failed = context.transactions.find((t) => t.failureReason);
    expect(failed).toBeDefined();
    expect(frame()).toContain(failed!.failureReason!);
  });

  it('lists every context in ? with command ids, marks what is below, and stops scrolling at the end', async () => {
    const { frame, until, press } = await open(80, 24);
    await press('?');
    await until((f) => f.includes('Keys') && f.includes('app.help') && /↓ \d+ more below/.test(f));
    expect(frame()).toMatch(/Show keys\s+app\.help/);
    // Far more presses than lines: the view stops at the last line.
    for (let i = 0; i < 200; i++) await press(DOWN);
    await until((f) => f.includes('— end —'));
    expect(frame()).toMatch(/Reload the customer\s+customer\.refresh/);
    expect(frame()).toContain('overlay.backspace');
    // One press back up shows one line below again (the scroll did not run on past the end).
    await press(UP);
    await until((f) => f.includes('↓ 1 more below'));
  });

  it('ranks the palette by the screen: Ctrl+K, Enter does not quit, and another screen\'s command says where it works', async () => {
    const { frame, until, press, tui } = await open(100, 30);
    await press(CTRL_K);
    await until((f) => f.includes('commands ·'));
    const selectedLine = frame().split('\n').find((l) => l.includes('▸ '))!;
    expect(selectedLine).toContain('queue.');
    expect(selectedLine).not.toContain('Quit');
    expect(frame()).toMatch(/Filter: next channel\s+queue\.filterChannel/);
    await press(ENTER);
    await until((f) => !f.includes('commands ·') && f.includes('(1/'));
    // A conversation's command, chosen on the queue: nothing runs, and the reason names where it works.
    await press(CTRL_K);
    await press('resolve');
    await until((f) => f.includes('Resolve (conversation)') && f.includes('conversation.resolve'));
    await press(ENTER);
    await until(() => tui.store.getState().flash?.text.includes('works in a conversation: open one first (Enter on the queue)') === true);
    expect(tui.store.getState().screen.name).toBe('queue');
    // In a conversation its own commands come first.
    await press(ENTER);
    await until((f) => f.includes('Enter to reply'));
    await press(CTRL_K);
    await until((f) => f.includes('commands ·'));
    expect(frame().split('\n').find((l) => l.includes('▸ '))).toContain('conversation.');
  });

  it('edits every text field the same way: a selected default replaced by typing, Ctrl+W and Ctrl+U, a hint that says what Enter does', async () => {
    const { frame, until, press, tui } = await open(100, 30);
    // The palette's filter and the queue search take the same editing keys as the reply box.
    await press(CTRL_K);
    await press('reload queue');
    await press('\u0017'); // ctrl+w
    await until(() => (tui.store.getState().overlay as { query?: string } | undefined)?.query === 'reload ');
    await press('\u0015'); // ctrl+u
    await until(() => tui.store.getState().overlay?.kind === 'palette' && (tui.store.getState().overlay as { query: string }).query === '');
    await press(ESC);
    await press('/');
    await press('budi santoso');
    await press('\u0017');
    await until(() => tui.store.getState().filter.search === 'budi ');
    await press(ESC);

    await press(ENTER);
    await until((f) => f.includes('Enter to reply'));
    const id = (tui.store.getState().screen as { id: number }).id;
    await press('z');
    // Snooze has one question: Enter snoozes, and the hint says so.
    await until((f) => f.includes('Until when?') && f.includes('Enter snoozes') && f.includes('typing replaces the default'));
    expect(frame()).not.toContain('Enter next');
    await press('3h');
    await until((f) => f.includes('› 3h'));
    expect(frame()).not.toContain('2h3h');
    await press(' later');
    await press('\u0017');
    await until((f) => f.includes('› 3h ') && !f.includes('later'));
    await press('\u0015');
    await press('nonsense');
    await press(ENTER);
    await until((f) => f.includes('write a duration such as 2h'));
    expect((await client.conversations.get(id)).conversation.status).not.toBe('snoozed');
    await press('\u0015');
    await press('1d');
    await press(ENTER);
    await until(() => tui.store.getState().overlay === undefined);
    expect((await client.conversations.get(id)).conversation.status).toBe('snoozed');
  });

  it('labels every queue column, shows the assignee at 80 and 100 columns, and the status while the queue holds more than one', async () => {
    for (const width of [80, 100]) {
      const { frame, until, press } = await open(width, 20);
      const header = () => frame().split('\n').find((l) => l.includes('SUBJECT'))!;
      expect(header()).toMatch(/DUE .*PRI .*STATUS .*ID CUSTOMER .*SUBJECT .*ASSIGNEE/);
      expect(header().includes('CHAN')).toBe(width >= 100);
      // Open and pending are both in the default queue: each row says which.
      expect(frame()).toMatch(/ (open|pending) /);
      await press('s'); // status: open only
      await until((f) => f.includes('Filter: status open'));
      expect(header()).not.toContain('STATUS');
      expect(header()).toContain('ASSIGNEE');
    }
  });

  it('derives every hint from the keymap: after a remap the hints name the new keys', async () => {
    const { frame, until, press, tui } = await open(100, 30, {
      keymapOverrides: { 'queue.clearFilters': ['X'], 'search.accept': ['tab', 'enter'], 'overlay.accept': ['tab', 'enter'], 'overlay.close': ['ctrl+g', 'escape'] },
    });
    await press('m');
    await until((f) => f.includes('(X clears)'));
    await press('X');
    await press('/');
    await until((f) => f.includes('Tab keep · Esc clear'));
    await press(ESC);
    await press('?');
    await until((f) => f.includes('Ctrl+G close'));
    await press(ESC);
    // A dialog's own sentences name keys by command too.
    const me = tui.store.getState().agent.id;
    const others = tui.store.getState().queue.data!.find((c) => c.assignee && c.assignee.id !== me && c.status === 'open')!;
    tui.actions.openConversation(others.id);
    tui.store.update(() => ({ screen: { name: 'conversation', id: others.id } }));
    await until((f) => f.includes('Enter to reply'));
    await press('e');
    await until((f) => f.includes('Tab resolves it anyway; Ctrl+G leaves it as it is.'));
    expect(frame()).toContain('Tab confirms · Ctrl+G back');
    await press(ESC);
    await press('z');
    await until((f) => f.includes('Tab snoozes') && f.includes('Ctrl+G back'));
  });

  it('right-aligns the amounts in the refund picker', async () => {
    const { frame, until, press, tui } = await open(110, 40);
    // A customer whose refundable payments have amounts of different widths.
    let target: { id: number; amounts: string[] } | undefined;
    for (const c of tui.store.getState().queue.data!) {
      const context = await client.customers.get(c.customer.id);
      const amounts = context.transactions.filter((t) => t.type === 'payment' && t.status === 'succeeded' && t.refundable.amount > 0).map((t) => displayMoney(t.amount));
      if (new Set(amounts.map((a) => a.length)).size > 1) {
        target = { id: c.id, amounts };
        break;
      }
    }
    expect(target).toBeDefined();
    tui.actions.openConversation(target!.id);
    tui.store.update(() => ({ screen: { name: 'conversation', id: target!.id } }));
    await until((f) => f.includes('Enter to reply'));
    await press('r');
    await until((f) => f.includes('Which payment?'));
    const rows = frame().split('\n').filter((l) => l.includes('txn_'));
    const ends = rows.map((row) => {
      const amount = target!.amounts.find((a) => row.includes(a))!;
      return displayWidth(row.slice(0, row.indexOf(amount))) + displayWidth(amount);
    });
    expect(rows.length).toBeGreaterThan(1);
    expect(new Set(ends).size).toBe(1);
  });

  it('counts breaches across the desk in the status bar, whatever the local filters hide, and says when the status filter narrows it', async () => {
    const { frame, until, press, tui } = await open(200, 20);
    const count = () => Number(/✗ (\d+) breached/.exec(frame())?.[1]);
    const desk = count();
    expect(desk).toBeGreaterThan(0);
    const now = Date.now();
    const data = tui.store.getState().queue.data!;
    expect(desk).toBe(data.filter((c) => c.sla.dueAt && Date.parse(c.sla.dueAt) <= now).length);
    // A channel filter leaves fewer breached rows on screen, not on the desk.
    await press('c');
    await until((f) => f.includes('Filter: chat'));
    const shown = data.filter((c) => c.channel === 'chat' && c.sla.dueAt && Date.parse(c.sla.dueAt) <= now).length;
    expect(shown).toBeLessThan(desk);
    expect(count()).toBe(desk);
    await press('x');
    await press('s');
    await until((f) => /✗ \d+ breached \(open only\)/.test(f));
  });

  it('refuses a tag with capitals by saying how to write it, and changes nothing', async () => {
    const { until, press, tui } = await open(100, 30);
    const id = tui.store.getState().queue.data![3]!.id;
    const before = (await client.conversations.get(id)).conversation.tags;
    tui.actions.openConversation(id);
    tui.store.update(() => ({ screen: { name: 'conversation', id } }));
    await until((f) => f.includes('Enter to reply'));
    await press('#');
    await until((f) => f.includes('Tags, separated by commas'));
    await press('\u0015');
    await press('VIP');
    await press(ENTER);
    await until((f) => f.includes('"VIP" has capitals: tags are lowercase, write vip'));
    expect((await client.conversations.get(id)).conversation.tags).toEqual(before);
  });

  it('says "1 macro", not "1 macros"', async () => {
    const { until, press, tui } = await open(100, 30);
    await press(ENTER);
    await until((f) => f.includes('Enter to reply'));
    await press('/');
    await until(() => tui.store.getState().macros.status === 'ready');
    const macro = tui.store.getState().macros.data![0]!;
    await press(`${macro.shortcut} ${macro.name}`);
    await until((f) => f.includes('1 macro ·'));
  });
});
