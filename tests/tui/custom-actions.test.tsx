import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isDangerousAction } from '../../src/tui/state/custom-action.js';
import { readCustomActions } from '../../src/tui/input/custom-actions.js';
import { helpLines } from '../../src/tui/input/help.js';
import { COMMANDS } from '../../src/tui/input/keymap.js';
import { paletteEntries } from '../../src/tui/input/palette.js';
import { ENTER, ESC, waitFor, workspaceSuite } from '../helpers/workspace-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'support-actions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('custom actions from the config file', () => {
  it('reports every bad entry with which and why, and never takes a key a command has', () => {
    const { actions, problems } = readCustomActions(
      [
        { key: 'O', context: 'conversation', title: 'Open in the CRM', shell: 'echo {{customer.id}}' },
        { key: 'j', context: 'queue', shell: 'true' },
        { key: '?', context: 'conversation', shell: 'true' },
        { key: 'ctrl+s', shell: 'true' },
        { key: 'K', context: 'queue', macro: 'kyc-docs' },
        { key: 'Y', command: 'conversation.resolve' },
        { key: 'Y', context: 'conversation', command: 'no.such' },
        { key: 'Y', context: 'conversation', shell: 'true', api: { path: '/v1/x' } },
        { key: 'Y', context: 'conversation', api: { method: 'POST', path: '/admin' } },
        { key: 'Y', context: 'conversation', shell: 'echo {{customer.phone}}' },
        { key: 'Y', context: 'conversation', shell: 'true', dangerous: 'yes' },
        { key: 'Y', context: 'conversation', shell: 'true', when: 'always' },
        { key: 'Y', context: 'elsewhere', shell: 'true' },
        { key: 'Z', shell: 'true', profiles: ['night'] },
        'X',
      ],
      'default',
      COMMANDS,
    );
    expect(actions.map((a) => [a.id, a.key, a.title, a.source])).toEqual([['custom.1', 'O', 'Open in the CRM', 'config actions[0]']]);
    expect(problems).toEqual([
      'actions[1] (key j): j already runs "queue.down" (Next conversation); ignored',
      'actions[2] (key ?): ? already runs "app.help" (Show keys) in Anywhere; ignored',
      'actions[3] (key ctrl+s): ctrl+s is taken (terminals stop output with it (XOFF)); ignored',
      'actions[4] (key K): a macro goes into a conversation’s reply: give the action "context": "conversation"; ignored',
      'actions[5] (key Y): command "conversation.resolve" runs in Conversation: give the action "context": "conversation"; ignored',
      'actions[6] (key Y): command "no.such" is not a command of the palette (see the list with ?); ignored',
      'actions[7] (key Y): give exactly one of command, macro, api, shell; ignored',
      'actions[8] (key Y): api.path must be a path of the Support API, starting with /v1/; ignored',
      'actions[9] (key Y): {{customer.phone}} is not a variable (use {{conversation.id}}, {{customer.id}}, {{agent.email}}, {{agent.id}}, {{profile}}); ignored',
      'actions[10] (key Y): dangerous must be true or false; ignored',
      'actions[11] (key Y): "when" is not an action setting (use key, context, title, command, macro, api, shell, confirm, dangerous, profiles); ignored',
      'actions[12] (key Y): context must be one of global, queue, conversation, customer, approvals; ignored',
      'actions[14]: must be an object with a key and what it runs; ignored',
    ]);
    const two = readCustomActions([{ key: 'Y', shell: 'true' }, { key: 'Y', shell: 'false' }], 'default', COMMANDS);
    expect(two.problems).toEqual(['actions[1] (key Y): Y already runs "custom.1" (Run: true); ignored']);
    expect(readCustomActions([{ key: 'Z', shell: 'true', dangerous: true }], 'default', COMMANDS).actions.map(isDangerousAction)).toEqual([true]);
  });

  it('hides dangerous actions in read-only mode and says so; the others stay', () => {
    const config = [{ key: 'Z', shell: 'true', dangerous: true }, { key: 'Y', shell: 'true' }];
    const readOnly = readCustomActions(config, 'default', COMMANDS, { readOnly: true });
    expect(readOnly.actions.map((a) => a.key)).toEqual(['Y']);
    expect(readOnly.commands.some((c) => c.keys.includes('Z') && c.id.startsWith('custom.'))).toBe(false);
    expect(readOnly.problems).toEqual(['actions[0] (key Z): dangerous, hidden in read-only mode']);
  });

  describe('in the workspace', () => {
    const suite = workspaceSuite();
    const out = join(dir, 'shell.txt');
    const ACTIONS = [
      { key: 'O', context: 'conversation', title: 'Note the customer', shell: `printf '%s %s %s' {{conversation.id}} {{customer.id}} "$SUPPORT_AGENT_EMAIL" > ${out}` },
      { key: 'Y', context: 'conversation', title: 'Make it urgent', api: { method: 'PATCH', path: '/v1/conversations/{{conversation.id}}', body: { priority: 'urgent' } }, confirm: 'Make #{{conversation.id}} urgent?' },
      { key: 'D', context: 'conversation', title: 'Wipe the wallet', shell: `touch ${join(dir, 'wiped')}`, dangerous: true },
      { key: 'K', context: 'conversation', macro: 'kyc-docs' },
      { key: 'H', context: 'conversation', command: 'conversation.panel', title: 'Toggle the panel' },
    ];

    it('lists the actions in help and the palette with where they come from, the dangerous one with a warning', async () => {
      const w = await suite.open({ actions: ACTIONS });
      const { commands } = w.tui.store.getState();
      const help = helpLines(commands).lines.filter((l) => l.id?.startsWith('custom.'));
      expect(help.map((l) => [l.keys, l.title, l.id])).toEqual([
        ['O', 'Note the customer', 'custom.1 · config actions[0]'],
        ['Y', 'Make it urgent', 'custom.2 · config actions[1]'],
        ['D', '⚠ Wipe the wallet', 'custom.3 · config actions[2]'],
        ['K', 'Macro /kyc-docs', 'custom.4 · config actions[3]'],
        ['H', 'Toggle the panel', 'custom.5 · config actions[4]'],
      ]);
      expect(paletteEntries(commands, 'wipe', ['conversation'])[0]).toMatchObject({ id: 'custom.3', source: 'config actions[2]', dangerous: true });
      await w.press(':');
      await w.press('wipe');
      await w.until((f) => f.includes('⚠ Wipe the wallet') && f.includes('config actions[2]'));
    });

    it('runs a shell command with the template variables filled in (quoted) and in the environment', async () => {
      const w = await suite.open({ actions: ACTIONS });
      const row = w.tui.store.getState().queue.data![0]!;
      await w.press(ENTER);
      await w.until((f) => f.includes(`#${row.id}`) && f.includes('resolve'));
      await w.press('O');
      await waitFor(() => existsSync(out) && readFileSync(out, 'utf8').length > 0);
      expect(readFileSync(out, 'utf8')).toBe(`${row.id} ${row.customer.id} agent@example.com`);
      await w.until((f) => f.includes('✓ Note the customer'));
    });

    it('asks its confirm: question first: n changes nothing, y makes the API call', async () => {
      const w = await suite.open({ actions: ACTIONS });
      const row = w.tui.store.getState().queue.data!.find((c) => c.priority !== 'urgent')!;
      w.tui.actions.openConversation(row.id);
      await w.until((f) => f.includes(`#${row.id}`) && f.includes('resolve'));
      await w.press('Y');
      await w.until((f) => f.includes(`Make #${row.id} urgent?`));
      await w.press('n');
      await w.until((f) => !f.includes('urgent?'));
      expect((await suite.client.conversations.get(row.id)).conversation.priority).toBe(row.priority);
      await w.press('Y');
      await w.until((f) => f.includes(`Make #${row.id} urgent?`));
      await w.press('y');
      await w.until((f) => f.includes('✓ Make it urgent: PATCH /v1/conversations/'));
      expect((await suite.client.conversations.get(row.id)).conversation.priority).toBe('urgent');
    });

    it('shows a dangerous action’s warning before it runs; Esc runs nothing', async () => {
      const w = await suite.open({ actions: ACTIONS });
      await w.press(ENTER);
      await w.press('D');
      await w.until((f) => f.includes('⚠ Dangerous action'));
      await w.press(ESC);
      await w.until((f) => !f.includes('⚠ Dangerous action'));
      expect(existsSync(join(dir, 'wiped'))).toBe(false);
    });

    it('opens the macro picker on its macro, and runs a palette command', async () => {
      const w = await suite.open({ actions: ACTIONS });
      await w.press(ENTER);
      await w.press('K');
      await waitFor(() => { const o = w.tui.store.getState().overlay; return o?.kind === 'macros' && o.query === 'kyc-docs'; });
      await w.press(ESC);
      const before = w.tui.store.getState().panel;
      await w.press('H');
      await waitFor(() => w.tui.store.getState().panel !== before);
    });

    it('says what is missing when the screen has no conversation for the variables, and runs nothing', async () => {
      const w = await suite.open({ actions: [{ key: 'Y', title: 'Note', shell: `touch ${join(dir, 'nothing')}` }, { key: 'W', title: 'Needs one', shell: `touch {{conversation.id}}` }] });
      // The approvals screen has no conversation or customer of its own.
      w.tui.store.update(() => ({ screen: { name: 'approvals' } }));
      expect(w.tui.store.getState().notices).toEqual([]);
      await w.press('W');
      const said = await waitFor(() => w.tui.store.getState().messageLog.find((m) => m.text.startsWith('“Needs one” needs a conversation or customer on screen')), {
        describe: () => JSON.stringify(w.tui.store.getState().messageLog),
      });
      expect(said.kind).toBe('error');
    });
  });
});
