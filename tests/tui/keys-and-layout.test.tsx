import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/api/text/width.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { createTui, type TuiOptions } from '../../src/tui/run.js';
import { renderSized } from '../helpers/sized-render.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

const ENTER = '\r';
const ESC = '\u001b';
export const DOWN = `${ESC}[B`;

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
    const me = await as.me();
    const tui = createTui({ client: as, agent: me.agent, profile: 'test', ...options });
    const ui = renderSized(tui.element, columns, rows);
    mounted.push(ui);
    const frame = () => ui.lastFrame() ?? '';
    const until = (predicate: (f: string) => boolean, timeoutMs = 5000) => waitFor(() => predicate(frame()), { describe: frame, timeoutMs });
    const press = async (keys: string) => {
      ui.stdin.write(keys);
      await new Promise((resolve) => setTimeout(resolve, 25));
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
    const customer = (await client.conversation(id)).customer.id;
    const context = tui.store.getState().customers[customer]!.data!;
    const failed = context.transactions.find((t) => t.failureReason);
    expect(failed).toBeDefined();
    expect(frame()).toContain(failed!.failureReason!);
  });
});
