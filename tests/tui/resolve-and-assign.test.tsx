import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { createTui } from '../../src/tui/run.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { rowOf } from '../helpers/workflow.js';

const ENTER = '\r';
const ESC = '\u001b';

/** Work on a conversation that is someone else's, or nobody's, is never silent. */
describe('the workspace: resolving another agent’s conversation, replying to an unassigned one', () => {
  let server: TestServer;
  let client: SupportClient;
  let meId: string;
  let meiId: string;
  const mounted: { unmount(): void }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login();
    meId = (await client.me.get()).agent.id;
    meiId = (await (await server.login('mei@example.com')).me.get()).agent.id;
  });
  afterEach(() => {
    for (const m of mounted.splice(0)) m.unmount();
  });
  afterAll(() => server.close());

  async function open() {
    const me = await client.me.get();
    const tui = createTui({ client, agent: me.agent, profile: 'test' });
    const ui = render(tui.element);
    mounted.push(ui);
    const frame = () => ui.lastFrame() ?? '';
    const until = (predicate: (f: string) => boolean, timeoutMs = 5000) => waitFor(() => predicate(frame()), { describe: frame, timeoutMs });
    const press = async (keys: string) => {
      ui.stdin.write(keys);
      await new Promise((resolve) => setTimeout(resolve, 30));
    };
    await until((f) => f.includes('(1/'));
    return { tui, frame, until, press };
  }

  /** An open conversation of the demo desk, given to `assignee` (null: nobody's). */
  async function conversationOf(assignee: string | null, nth: number) {
    const open = await server.store.db.selectFrom('conversations').select('id').where('status', '=', 'open').orderBy('id').execute();
    const id = open[nth]!.id;
    await server.store.db.updateTable('conversations').set({ assignee_id: assignee }).where('id', '=', id).execute();
    return Number(id);
  }

  it('e on a conversation assigned to someone else asks first and names them; Esc leaves it open', async () => {
    const w = await open();
    const id = await conversationOf(meiId, 0);
    w.tui.actions.openConversation(id);
    await w.until((f) => f.includes(`#${id} `) && f.includes('assigned to Mei Lin') && f.includes('Enter to reply'));
    await w.press('e');
    await w.until((f) => f.includes('Resolve someone else’s conversation?') && f.includes(`#${id} is assigned to Mei Lin`));
    expect((await rowOf(server, id)).status).toBe('open');
    await w.press(ESC);
    await w.until((f) => !f.includes('Resolve someone else’s'));
    expect((await rowOf(server, id)).status).toBe('open');
    await w.press('E');
    await w.until((f) => f.includes('and claim the next?') && f.includes('Mei Lin'));
    await w.press(ESC);
    await w.press('e');
    await w.until((f) => f.includes(`#${id} is assigned to Mei Lin`));
    await w.press(ENTER);
    await w.until((f) => f.includes(`Resolved #${id}`));
    expect((await rowOf(server, id)).status).toBe('resolved');
  });

  it('e on one’s own conversation resolves at once', async () => {
    const w = await open();
    const id = await conversationOf(meId, 1);
    w.tui.actions.openConversation(id);
    await w.until((f) => f.includes(`#${id} `) && f.includes('assigned to Ayu Lestari'));
    await w.press('e');
    await w.until((f) => f.includes(`Resolved #${id}`));
    expect(w.frame()).not.toContain('someone else');
  });

  it('a reply to an unassigned conversation makes it yours, and says so', async () => {
    const w = await open();
    const id = await conversationOf(null, 2);
    w.tui.actions.openConversation(id);
    await w.until((f) => f.includes(`#${id} `) && f.includes('unassigned') && f.includes('Enter to reply'));
    await w.press(ENTER);
    await w.until((f) => f.includes('Reply to the customer'));
    await w.press('Sudah kami cek, mohon tunggu');
    await w.press(ENTER);
    await w.until((f) => f.includes(`#${id} is assigned to you now: you replied to it`) && f.includes('assigned to Ayu Lestari'));
    expect((await rowOf(server, id)).assignee_id).toBe(meId);
  });
});
