import { describe, expect, it } from 'vitest';
import { ENTER, ESC, UP, waitFor, workspaceSuite } from '../helpers/workspace-harness.js';

/**
 * The desk board in the workspace, against the real server: live from its events, and acting from it.
 * The board fetches again only every 10 s without events; every wait here is under that, so what a
 * test sees change came from an event.
 */
describe('the desk board (D)', () => {
  const suite = workspaceSuite({ email: 'lead@example.com' });
  const rowOf = (frame: string, name: string) => frame.split('\n').find((l) => l.includes(name)) ?? '';

  async function openBoard() {
    const workspace = await suite.open({ size: { columns: 100, rows: 40 } });
    await workspace.press('D');
    await workspace.until((f) => f.includes('AGENT') && f.includes('Budi Hartono'));
    await waitFor(() => workspace.tui.store.getState().connection === 'online');
    return workspace;
  }

  it('shows agents, the queue, SLA, today and the last 12 hours, labelled', async () => {
    const { frame, until } = await openBoard();
    await until((f) => f.includes('SLA now') && f.includes('Today since'));
    const shown = frame();
    for (const text of ['REPLIES/H', 'first response', '! at risk', '✗ breached', 'attained', 'reopen rate']) expect(shown).toContain(text);
    const board = await suite.client.desk.get();
    expect(rowOf(shown, 'Budi Hartono')).toContain(`${board.agents.find((a) => a.name === 'Budi Hartono')!.load}/`);
  });

  it('follows live events: an agent going away, a new conversation in the queue', async () => {
    const { frame, until } = await openBoard();
    expect(rowOf(frame(), 'Budi Hartono')).toContain('online');
    const budi = await suite.server.login('budi@example.com');
    await budi.me.setAvailability('away');
    await until((f) => rowOf(f, 'Budi Hartono').includes('away'));
    // A customer writes in: the queue's count goes up by one.
    const waiting = Number(/(\d+) waiting/.exec(frame())![1]);
    const customer = (await suite.server.store.db.selectFrom('customers').select('id').executeTakeFirstOrThrow()).id;
    const admin = await suite.server.login('admin@example.com');
    await admin.conversations.open({ customerId: customer, channel: 'chat', category: 'payment_failed', subject: 'Saldo hilang', body: 'halo' });
    await until((f) => f.includes(`${waiting + 1} waiting`));
    await budi.me.setAvailability('online');
    await until((f) => rowOf(f, 'Budi Hartono').includes('online'));
  });

  it('sets an agent offline and changes a conversation’s priority from the board, each audited', async () => {
    const { frame, until, press, tui } = await openBoard();
    // To Mei Lin (sorted by name: Ayu, Budi, Mei, Sam, Wei).
    while (!rowOf(frame(), 'Mei Lin').startsWith('▸')) await press('j');
    await press(ENTER);
    await until((f) => f.includes('Mei Lin’s conversations'));
    const list = await waitFor(() => tui.store.getState().desk.agentConversations?.list.data);
    const target = list[0]!;
    await press('P');
    await until((f) => f.includes('Which priority?'));
    for (let i = 0; i < 4; i++) await press(UP);
    await press(ENTER);
    await until((f) => f.includes('Priority: urgent') || f.includes('already'));
    expect((await suite.client.conversations.get(target.id)).conversation.priority).toBe('urgent');
    await press('x');
    await until((f) => rowOf(f, 'Mei Lin').includes('offline'));
    const mei = (await suite.client.agents.listAll()).find((a) => a.name === 'Mei Lin')!;
    expect(mei.availability).toBe('offline');
    const audit = await suite.server.store.db.selectFrom('audit_log').select(['action', 'outcome']).where('target_id', 'in', [mei.id, String(target.id)]).where('action', 'in', ['agent.update', 'conversation.update']).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'conversation.update', outcome: 'succeeded' }, { action: 'agent.update', outcome: 'succeeded' }]));
    await suite.client.agents.setAvailability(mei.id, 'online');
    await press(ESC);
    await until((f) => !f.includes('Mei Lin’s conversations'));
    await press(ESC);
    await until((f) => f.includes('· queue ·'));
  });

  it('transfers the chosen conversation from the board (t)', async () => {
    const { frame, until, press, tui } = await openBoard();
    while (!rowOf(frame(), 'Budi Hartono').startsWith('▸')) await press('j');
    await press(ENTER);
    const list = await waitFor(() => tui.store.getState().desk.agentConversations?.list.data);
    await press('t');
    await until((f) => f.includes('To whom?'));
    await press('Mei');
    await until((f) => (f.split('\n').find((l) => l.includes('▸')) ?? '').includes('Mei Lin'));
    await press(ENTER);
    await until((f) => f.includes('Note for them'));
    await press(ENTER);
    await until((f) => f.includes('Transferred'));
    expect((await suite.client.conversations.get(list[0]!.id)).conversation.assignee?.name).toBe('Mei Lin');
  });

  it('is refused to agents: the queue stays, the reason is said', async () => {
    const agent = await suite.server.login('agent@example.com');
    const { press, until, tui } = await suite.open({ client: agent });
    await press('D');
    await until((f) => f.includes('The desk board is for supervisors and admins'));
    expect(tui.store.getState().screen.name).toBe('queue');
  });
});
