import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';

describe.skipIf(!HAS_TMUX)('the desk board in a real terminal: a supervisor moves a conversation off an overloaded agent', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let term: Terminal | undefined;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-desk-e2e-', server.url, { default: 'lead@example.com' }));
  });
  afterEach(() => term?.kill());
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('sees Budi over capacity on the board (D), opens his conversations, transfers one to Mei with a note', async () => {
    const admin = await server.login('admin@example.com');
    const agents = await admin.agents.listAll();
    const budi = agents.find((a) => a.email === 'budi@example.com')!;
    const mei = agents.find((a) => a.email === 'mei@example.com')!;
    // Budi holds more than he may: capacity 2, and three open conversations at least.
    await admin.agents.update(budi.id, { capacity: 2 });
    const open = (await admin.queue.listAll({ status: 'open', assignee: 'unassigned' })).slice(0, 3);
    for (const c of open) await admin.conversations.transfer(c.id, { toAgentId: budi.id });
    const before = (await admin.desk.get()).agents.find((a) => a.id === budi.id)!;
    expect(before.load).toBeGreaterThan(2);

    term = new Terminal();
    term.start(`${Terminal.support()}; echo "SUPPORT-EXITED-$?"`, { cols: 110, rows: 40, env });
    await term.waitForText('(1/');
    term.keys('D');
    const board = await term.waitFor((s) => s.includes('REPLIES/H') && s.includes('Budi Hartono'));
    // Over capacity is written, not only coloured: "5/2!".
    expect(board.split('\n').find((l) => l.includes('Budi Hartono'))).toContain(`${before.load}/2!`);
    for (let i = 0; i < 10; i++) {
      const screen = term.screen();
      if (screen.split('\n').some((l) => l.includes('▸') && l.includes('Budi Hartono'))) break;
      term.keys('j');
      await term.waitFor((s) => s !== screen);
    }
    term.keys('Enter');
    await term.waitFor((s) => s.includes('Budi Hartono’s conversations') && /▸ #\d+/.test(s));
    // An open one (the load counts open conversations; pending ones wait on the customer).
    const chosen = () => term!.screen().split('\n').find((l) => /^▸ #\d+/.test(l)) ?? '';
    for (let i = 0; i < 20 && !/ open /.test(chosen()); i++) {
      const before = chosen();
      term.keys('j');
      await term.waitFor(() => chosen() !== before);
    }
    const moved = Number(/^▸ #(\d+)/.exec(chosen())![1]);
    term.keys('t');
    await term.waitForText('To whom?');
    term.type('mei');
    await term.waitFor((s) => s.split('\n').some((l) => l.includes('▸') && l.includes('Mei Lin')));
    term.keys('Enter');
    await term.waitForText('Note for them');
    term.type('Budi is over capacity; yours now');
    term.keys('Enter');
    await term.waitForText('Transferred');
    // The board follows: Budi holds one less.
    await term.waitFor((s) => (s.split('\n').find((l) => l.includes('Budi Hartono') && l.includes('/2')) ?? '').includes(`${before.load - 1}/2`));

    const conversation = await admin.conversations.get(moved);
    expect(conversation.conversation.assignee?.id).toBe(mei.id);
    expect(conversation.messages.at(-1)).toMatchObject({ kind: 'note', body: 'Transferred to Mei Lin: Budi is over capacity; yours now' });
    const lead = agents.find((a) => a.email === 'lead@example.com')!;
    const audit = await server.store.db.selectFrom('audit_log').select(['actor_id', 'outcome']).where('action', '=', 'conversation.transfer').where('target_id', '=', String(moved)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_id: lead.id, outcome: 'succeeded' });

    term.keys('Escape');
    await term.waitFor((s) => !s.includes('Budi Hartono’s conversations'));
    term.keys('C-c');
    await term.waitForText('SUPPORT-EXITED-0');
  });
});
