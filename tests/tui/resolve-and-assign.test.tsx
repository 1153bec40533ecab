import { beforeAll, describe, expect, it } from 'vitest';
import { ENTER, ESC, workspaceSuite } from '../helpers/workspace-harness.js';
import { rowOf } from '../helpers/workflow.js';


/** Work on a conversation that is someone else's, or nobody's, is never silent. */
describe('the workspace: resolving another agent’s conversation, replying to an unassigned one', () => {
  const suite = workspaceSuite();
  let meId: string;
  let meiId: string;

  beforeAll(async () => {
    meId = (await suite.client.me.get()).agent.id;
    meiId = (await (await suite.server.login('mei@example.com')).me.get()).agent.id;
  });

  const open = () => suite.open();

  /** An open conversation of the demo desk, given to `assignee` (null: nobody's). */
  async function conversationOf(assignee: string | null, nth: number) {
    const open = await suite.server.store.db.selectFrom('conversations').select('id').where('status', '=', 'open').orderBy('id').execute();
    const id = open[nth]!.id;
    await suite.server.store.db.updateTable('conversations').set({ assignee_id: assignee }).where('id', '=', id).execute();
    return Number(id);
  }

  it('e on a conversation assigned to someone else asks first and names them; Esc leaves it open', async () => {
    const w = await open();
    const id = await conversationOf(meiId, 0);
    w.tui.actions.openConversation(id);
    await w.until((f) => f.includes(`#${id} `) && f.includes('assigned to Mei Lin') && f.includes('Enter to reply'));
    await w.press('e');
    await w.until((f) => f.includes('Resolve someone else’s conversation?') && f.includes(`#${id} is assigned to Mei Lin`));
    expect((await rowOf(suite.server, id)).status).toBe('open');
    await w.press(ESC);
    await w.until((f) => !f.includes('Resolve someone else’s'));
    expect((await rowOf(suite.server, id)).status).toBe('open');
    await w.press('E');
    await w.until((f) => f.includes('and claim the next?') && f.includes('Mei Lin'));
    await w.press(ESC);
    await w.press('e');
    await w.until((f) => f.includes(`#${id} is assigned to Mei Lin`));
    await w.press(ENTER);
    await w.until((f) => f.includes(`Resolved #${id}`));
    expect((await rowOf(suite.server, id)).status).toBe('resolved');
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
    expect((await rowOf(suite.server, id)).assignee_id).toBe(meId);
  });
});
