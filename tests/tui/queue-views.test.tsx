import { describe, expect, it } from 'vitest';
import { readQueueViews } from '../../src/api/queue-views.js';
import { PRIORITIES } from '../../src/api/enums.js';
import { helpLines } from '../../src/tui/input/help.js';
import { workspaceSuite } from '../helpers/workspace-harness.js';

const TAB = '\t';

describe('queue views from the config file', () => {
  it('reads good views and reports every bad entry with which and why, as keymap entries are reported', () => {
    const { views, problems } = readQueueViews(
      [
        { name: 'urgent', filters: { priority: 'urgent', unassigned: true }, columns: ['id', 'priority', 'subject'], sort: 'created' },
        { name: 'night only', filters: { status: 'open' }, profiles: ['night'] },
        { name: 'bad status', filters: { status: 'open,wrong' } },
        { name: 'bad column', columns: ['id', 'colour'] },
        { name: 'bad sort', sort: 'random' },
        { name: 'both', filters: { mine: true, unassigned: true } },
        { name: 'odd', filters: { colour: 'red' } },
        { name: 'urgent' },
        'chat',
        { filters: {} },
      ],
      'default',
    );
    expect(views).toEqual([{ name: 'urgent', query: { priority: 'urgent', assignee: 'unassigned' }, columns: ['id', 'priority', 'subject'], sort: 'created' }]);
    expect(problems).toEqual([
      'views "bad status": filters.status must be one or more of open, pending, snoozed, resolved, closed, separated by commas; ignored',
      'views "bad column": columns: "colour" is not a column (use due, priority, status, channel, id, customer, subject, assignee); ignored',
      'views "bad sort": sort must be one of due, priority, created, updated; ignored',
      'views "both": use only one of filters.mine, filters.unassigned and filters.assignee; ignored',
      'views "odd": filters.colour is not a filter (use status, channel, priority, category, assignee, mine, unassigned, search, team); ignored',
      'views "urgent": another view has this name; ignored',
      'views[8]: must be an object with a name; ignored',
      'views[9]: name must be text of 1-40 characters; ignored',
    ]);
    expect(readQueueViews([{ name: 'night only', profiles: ['night'] }], 'night').views.map((v) => v.name)).toEqual(['night only']);
    expect(readQueueViews({ name: 'x' }, 'default').problems).toEqual(['views must be a list of {name, filters, columns, sort}; no views']);
    expect(readQueueViews(undefined, 'default')).toEqual({ views: [], problems: [] });
  });

  describe('in the workspace', () => {
    const suite = workspaceSuite();
    const VIEWS = [
      { name: 'Urgent first', filters: { status: 'open,pending' }, columns: ['priority', 'id', 'subject'], sort: 'priority' },
      { name: 'Chat', filters: { channel: 'chat' }, columns: ['id', 'channel', 'customer'] },
      { name: 'broken', sort: 'sideways' },
    ];

    it('switches views with number keys and Tab: their filters, columns in their order and sort; bad ones reported at start', async () => {
      const w = await suite.open({ views: VIEWS, size: { columns: 120, rows: 40 } });
      expect(w.frame()).toContain('views "broken": sort must be one of due, priority, created, updated; ignored');
      expect(w.frame()).toContain('View: default queue');

      await w.press('1');
      const all = await suite.client.queue.listAll({ status: 'open,pending' });
      const urgent = await w.until((f) => f.includes('View: Urgent first') && /^\s+PRI\s+ID SUBJECT/m.test(f) && f.includes(`/${all.length})`));
      const expected = [...all].sort((a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority));
      const firstRow = urgent.split('\n').find((l) => l.startsWith('▸'));
      expect(firstRow, urgent).toContain(`#${expected[0]!.id}`);
      expect(firstRow).toMatch(new RegExp(`^\\S\\s+${expected[0]!.priority}`));
      expect(expected[0]!.priority).toBe(PRIORITIES.find((p) => all.some((c) => c.priority === p)));

      await w.press(TAB);
      const chats = all.filter((c) => c.channel === 'chat');
      const chat = await w.until((f) => f.includes('View: Chat') && /^\s+ID\s+CHAN\s+CUSTOMER/m.test(f) && f.includes(`(1/${chats.length})`));
      for (const c of all.filter((c) => c.channel !== 'chat')) expect(chat).not.toContain(`#${c.id} `);

      // Tab from the last view comes back to the default queue; 0 goes there too.
      await w.press(TAB);
      await w.until((f) => f.includes('View: default queue') && f.includes(`(1/${all.length})`));
      await w.press('2');
      await w.until((f) => f.includes('View: Chat'));
      await w.press('0');
      await w.until((f) => f.includes('View: default queue') && /DUE/.test(f));
    });

    it('lists the views by name in help; keys for views not defined do nothing', async () => {
      const w = await suite.open({ views: VIEWS.slice(0, 1) });
      const help = helpLines(w.tui.store.getState().commands).lines.flatMap((l) => (l.title ? [l.title] : []));
      expect(help).toEqual(expect.arrayContaining(['Next view', 'The default queue (no view)', 'View: Urgent first']));
      expect(help).not.toContain('View 2');
      await w.press('2');
      expect(w.tui.store.getState().activeView).toBeUndefined();
    });

    it('without views, shows no view bar and Tab does nothing; the number keys are free to remap', async () => {
      const w = await suite.open({ keymapOverrides: { 'queue.filterMine': ['1'] } });
      expect(w.tui.store.getState().notices).toEqual([]);
      await w.press('1');
      await w.until((f) => f.includes('Filter: mine'));
      expect(w.frame()).not.toContain('View:');
      await w.press(TAB);
      expect(w.tui.store.getState().activeView).toBeUndefined();
      expect(w.tui.store.getState().commands.some((c) => c.id === 'queue.nextView')).toBe(false);
    });
  });
});
