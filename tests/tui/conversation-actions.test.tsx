import { describe, expect, it } from 'vitest';
import { DOWN, ENTER, workspaceSuite } from '../helpers/workspace-harness.js';


describe('priority, category and complaints in the workspace', () => {
  const suite = workspaceSuite();

  async function openOn(email: string, conversationId: number) {
    const client = await suite.server.login(email);
    const { tui, frame, until, press } = await suite.open({ client, flatten: true });
    tui.actions.openConversation(conversationId);
    await until((f) => f.includes('Enter to reply'));
    return { client, tui, frame, until, press };
  }

  const auditOf = (targetId: string, action: string) =>
    suite.server.store.db.selectFrom('audit_log').select(['action', 'outcome', 'actor_id']).where('target_id', '=', targetId).where('action', '=', action).execute();

  it('sets the priority on P and the category on C, the current one selected', async () => {
    const agent = await suite.server.login();
    const target = (await agent.queue.listAll()).find((c) => c.priority === 'normal' && c.category !== 'international')!;
    const { client, until, press, frame } = await openOn('agent@example.com', target.id);
    await press('P');
    await until((f) => f.includes('Which priority?'));
    // urgent, high, normal, low: normal is selected because it is the current one.
    expect(frame().split('\n').find((l) => l.includes('▸'))).toContain('normal');
    await press('\u001b[A');
    await press('\u001b[A');
    await press(ENTER);
    await until((f) => f.includes('Priority: urgent'));
    expect((await client.conversations.get(target.id)).conversation.priority).toBe('urgent');

    await press('C');
    await until((f) => f.includes('Which category?'));
    // The current category is selected, wherever it is in the list: start from the top.
    for (let i = 0; i < 10; i++) await press('\u001b[A');
    for (let i = 0; i < 10 && !(frame().split('\n').find((l) => l.includes('▸')) ?? '').includes('international'); i++) await press(DOWN);
    await press(ENTER);
    await until((f) => f.includes('Category: international'));
    expect((await client.conversations.get(target.id)).conversation.category).toBe('international');
    expect((await auditOf(String(target.id), 'conversation.update')).length).toBe(2);
  });

  it('opens a complaint, answers it, asks for a second review, and a supervisor decides it, all on !', async () => {
    const agent = await suite.server.login();
    const target = (await agent.queue.listAll()).find((c) => c.category !== 'complaint' && c.status !== 'resolved')!;
    expect((await agent.conversations.get(target.id)).complaint).toBeNull();
    const { client, until, press, frame } = await openOn('agent@example.com', target.id);

    await press('!');
    await until((f) => f.includes('What is the complaint about?'));
    await press(' — the fee');
    await press(ENTER);
    await until((f) => /Complaint C-\d{8}-\d{6} opened/.test(f));
    const ref = (await client.conversations.get(target.id)).complaint!;
    expect(ref.status).toBe('open');
    expect((await client.complaints.get(ref.number)).summary).toBe(`${target.subject} — the fee`);

    await press('!');
    await until((f) => f.includes(`Complaint ${ref.number} · open`) && f.includes('Answer to:'));
    await press(ENTER);
    await until((f) => f.includes('this is required'));
    expect((await client.complaints.get(ref.number)).status).toBe('open');
    await press('We refunded the fee');
    await press(ENTER);
    await until((f) => f.includes(`Complaint ${ref.number} answered`));
    expect((await client.complaints.get(ref.number)).answer?.text).toBe('We refunded the fee');

    await press('!');
    await until((f) => f.includes('Why does the customer dispute the answer?'));
    await press('Customer says the fee was not the problem');
    await press(ENTER);
    // The header follows the complaint (the flash saying so may be cut at 100 columns).
    await until((f) => f.includes(`complaint ${ref.number} (second_review)`));
    expect((await client.complaints.get(ref.number)).status).toBe('second_review');

    // An agent cannot decide it: the dialog says who can, and nothing else.
    await press('!');
    await until((f) => f.includes('Nothing to do now') && f.includes('waits for a supervisor'));
    await press('\u001b');
    await until((f) => !f.includes('Nothing to do now'));

    const lead = await openOn('lead@example.com', target.id);
    await lead.press('!');
    await lead.until((f) => f.includes('Second review asked because: Customer says the fee was not the problem'));
    await lead.press(DOWN);
    await lead.press(ENTER);
    await lead.until((f) => f.includes('Note on the decision'));
    await lead.press('Refund the purchase in full');
    await lead.press(ENTER);
    await lead.until((f) => f.includes(`complaint ${ref.number} (answered)`) && !f.includes('Note on the decision'));
    const decided = await client.complaints.get(ref.number);
    expect([decided.status, decided.secondReview?.decision]).toEqual(['answered', 'overturned']);
    expect(frame()).toBeTruthy();
  }, 60_000); // three workspaces (agent, agent, supervisor) through four complaint steps

  it('keeps the dialog open with the server’s reason when the complaint moved on meanwhile, and changes nothing', async () => {
    const agent = await suite.server.login();
    let target: { id: number } | undefined;
    for (const c of (await agent.queue.listAll()).reverse()) if (!(await agent.conversations.get(c.id)).complaint) (target ??= c);
    if (!target) throw new Error('no conversation without a complaint');
    const opened = await agent.complaints.create({ conversationId: target.id, summary: 'Charged twice' });
    const { until, press, tui } = await openOn('agent@example.com', target.id);
    await until((f) => f.includes(`complaint ${opened.number} (open)`));
    await press('!');
    await until((f) => f.includes('Answer to: Charged twice'));
    // Someone closes it from the CLI while this agent types the answer.
    await agent.complaints.close(opened.number, 'Customer withdrew it');
    await press('We refunded it');
    await press(ENTER);
    await until((f) => f.includes(`complaint ${opened.number} is closed`));
    expect(tui.store.getState().overlay?.kind).toBe('dialog');
    const after = await agent.complaints.get(opened.number);
    expect([after.status, after.answer]).toEqual(['closed', null]);
    // Nothing answered: the only entry is the refusal itself.
    expect((await auditOf(opened.number, 'complaint.answered')).map((e) => e.outcome)).toEqual(['denied']);
  });
});
