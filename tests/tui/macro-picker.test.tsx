import { describe, expect, it } from 'vitest';
import { ENTER, ESC, workspaceSuite } from '../helpers/workspace-harness.js';

describe('the macro picker in the reply box', () => {
  const suite = workspaceSuite();

  async function openOn(conversationId: number) {
    const w = await suite.open();
    w.tui.actions.openConversation(conversationId);
    await w.until((f) => f.includes('Enter to reply'));
    await w.press(ENTER);
    await w.until((f) => f.includes('Reply to the customer'));
    return w;
  }

  it('opens on / in an empty reply, previews the filled text, and inserts it on Enter', async () => {
    const target = (await suite.client.queue.list({ limit: 1 })).data[0]!;
    const detail = await suite.client.conversations.get(target.id);
    const { tui, until, press } = await openOn(target.id);
    await press('/hel');
    await until((f) => f.includes('▸ /hello'));
    // The text as the customer would read it: names filled in, no variable left.
    const preview = await until((f) => f.includes(detail.customer.name) && !f.includes('Filling the macro'));
    expect(preview).toContain('Ayu Lestari');
    expect(preview).not.toContain('{{');
    expect(tui.store.getState().drafts[target.id]?.text ?? '').toBe('');
    await press(ENTER);
    // The picker closes and the reply box holds the text (its empty-box hint is gone).
    await until((f) => !f.includes('macros ·') && !f.includes('Reply to the customer…') && f.includes(detail.customer.name));
    const draft = tui.store.getState().drafts[target.id]!.text;
    expect(draft).toContain(detail.customer.name);
    expect(draft).toContain('Ayu Lestari');
    expect(draft).not.toContain('{{');
    expect(tui.store.getState().overlay).toBeUndefined();
  });

  it('shows why a macro cannot be filled, and inserts nothing', async () => {
    const target = (await suite.client.queue.list({ limit: 200 })).data.find((c) => c.category !== 'complaint')!;
    const { tui, until, press } = await openOn(target.id);
    await press('\u0014'); // ctrl+t
    await until((f) => f.includes('macros ·'));
    await press('complaint-rec');
    await until((f) => f.includes('▸ /complaint-received'));
    await until((f) => f.includes('cannot fill {{complaint.number}}') && !f.includes('Filling the macro'));
    await press(ENTER);
    expect(tui.store.getState().overlay?.kind).toBe('macros');
    expect(tui.store.getState().drafts[target.id]?.text ?? '').toBe('');
    await press(ESC);
    await until((f) => f.includes('Reply to the customer'));
  });
});
