import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/client/errors.js';
import { ENTER, ESC, workspaceSuite } from '../helpers/workspace-harness.js';

describe('suggested answers under the thread', () => {
  const suite = workspaceSuite();

  /** A conversation of an English-speaking demo customer, opened by a channel with the customer's words. */
  async function conversationSaying(body: string): Promise<number> {
    const admin = await suite.server.login('admin@example.com');
    const [customer] = await suite.server.store.db.selectFrom('customers').select('id').where('language', '=', 'en').limit(1).execute();
    const { conversation } = await admin.conversations.open({ customerId: customer!.id, channel: 'chat', category: 'other', subject: 'help', body });
    return conversation.id;
  }

  it('shows the triage and three suggestions; 1 puts the first into the reply box, filled in, to read before sending', async () => {
    const id = await conversationSaying('i forgot my password and cant log in, how do i reset it');
    const { tui, until, press } = await suite.open();
    tui.actions.openConversation(id);
    const frame = await until((f) => f.includes('suggested ·'));
    expect(frame).toMatch(/─ suggested · login · normal · English/);
    expect(frame).toMatch(/\n\s*1 \/login-reset \d+% Please reset your password/);
    expect(frame).toMatch(/\n\s*2 /);
    expect(frame).toMatch(/\n\s*3 /);
    await press('1');
    await until(() => tui.store.getState().composing);
    const draft = tui.store.getState().drafts[id]!.text;
    expect(draft).toMatch(/^Please reset your password from the login screen/);
    expect(draft).not.toContain('{{');
    // Nothing was sent: the agent reads it in the box first.
    expect((await suite.client.conversations.get(id)).messages.filter((m) => m.author.type === 'agent')).toEqual([]);
  });

  it('opens the macro picker with the suggested macros first, marked', async () => {
    const id = await conversationSaying('what exchange rate did you use for my payment in yen');
    const { tui, until, press } = await suite.open();
    tui.actions.openConversation(id);
    await until((f) => f.includes('suggested ·'));
    await press('/');
    const picker = await until((f) => f.includes('macros ·'));
    const first = picker.split('\n').find((line) => line.includes('▸ '))!;
    expect(first).toMatch(/▸ \/intl-\w+ .* ★ suggested/);
    expect(picker).not.toMatch(/▸ \/bye/);
    await press(ESC);
  });

  it('asks again when the customer writes something new', async () => {
    const id = await conversationSaying('i forgot my password');
    const { tui, until } = await suite.open();
    tui.actions.openConversation(id);
    await until((f) => f.includes('/login-reset'));
    const admin = await suite.server.login('admin@example.com');
    await admin.conversations.inbound(id, { body: 'also: i topped up from my bank an hour ago and my balance did not change' });
    await until((f) => f.includes('/topup-missing'), 10_000);
  });

  it('works on without suggestions when the server cannot give them', async () => {
    const id = await conversationSaying('i forgot my password');
    const client = await suite.server.login();
    vi.spyOn(client.assist, 'suggest').mockRejectedValue(new ApiError('internal', 'the server had a problem', { status: 500 }));
    const { tui, until, press } = await suite.open({ client });
    tui.actions.openConversation(id);
    await until(() => tui.store.getState().suggestions[id]?.status === 'error');
    const frame = await until((f) => f.includes('Enter to reply'));
    expect(frame).not.toContain('suggested ·');
    await press('1');
    await until((f) => f.includes('No suggestion 1 for this conversation'));
    await press(ENTER);
    await until(() => tui.store.getState().composing);
  });
});
