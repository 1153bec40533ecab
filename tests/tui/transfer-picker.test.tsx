import { beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { BACKSPACE, ENTER, workspaceSuite } from '../helpers/workspace-harness.js';


describe('the transfer list', () => {
  const suite = workspaceSuite();
  let admin: SupportClient;

  beforeAll(async () => {
    admin = await suite.server.login('admin@example.com');
  });

  it("shows each agent's availability and load of capacity, and typing a name narrows it to that agent", async () => {
    const client = suite.client;
    const me = await client.me.get();
    const others = (await admin.agents.listAll()).filter((a) => a.id !== me.agent.id);
    // One agent away and one offline, whatever the demo left them as; the offline one cannot take it (the server refuses).
    const [away, offline] = others;
    await admin.agents.update(away!.id, { availability: 'away' });
    await admin.agents.update(offline!.id, { availability: 'offline' });
    const agents = (await admin.agents.listAll()).filter((a) => a.id !== me.agent.id && a.availability !== 'offline');
    const conversation = (await client.queue.listAll()).find((c) => c.status !== 'resolved' && c.status !== 'closed')!;

    const { tui, frame, until, press } = await suite.open();
    tui.actions.openConversation(conversation.id);
    await until((f) => f.includes('Enter to reply'));
    await press('t');
    await until((f) => f.includes('To whom?'));

    const rowOf = (name: string) => frame().split('\n').find((l) => l.includes(name)) ?? '';
    for (const a of agents.slice(0, 6)) {
      await press(a.name.split(' ')[0]!);
      await until((f) => f.includes(a.name));
      const row = rowOf(a.name);
      expect(row).toContain(a.availability === 'away' ? '◐ away' : '● online');
      expect(row).toContain(`${a.openConversations}/${a.capacity} open`);
      for (let i = 0; i < 30; i++) await press(BACKSPACE);
    }
    expect(frame()).not.toContain(offline!.name);

    await press(away!.name);
    await until((f) => /1 of \d+ choices match/.test(f));
    expect(frame().split('\n').find((l) => l.includes('▸'))).toContain(away!.name);
    await press(ENTER);
    await until((f) => f.includes('Note for them'));
    await press(ENTER);
    await until((f) => f.includes('Transferred'));
    expect((await client.conversations.get(conversation.id)).conversation.assignee?.id).toBe(away!.id);
  }, 60_000); // some 200 keys typed one by one into a long list
});
