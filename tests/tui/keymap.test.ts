import { describe, expect, it } from 'vitest';
import { isValidKeyName, keyName } from '../../src/tui/input/keys.js';
import { applyKeymapOverrides, buildKeymap, COMMANDS, displayKeys, resolveKey } from '../../src/tui/input/keymap.js';
import { paletteEntries } from '../../src/tui/input/palette.js';

describe('the keymap table', () => {
  it('has no key bound twice in one context, and none the terminal takes', () => {
    const seen = new Map<string, string>();
    for (const c of COMMANDS) {
      for (const k of c.keys) {
        const slot = `${c.context}:${k}`;
        expect(seen.get(slot), `${slot} bound to ${seen.get(slot)} and ${c.id}`).toBeUndefined();
        seen.set(slot, c.id);
        expect(isValidKeyName(k), `${c.id}: ${k}`).toBe(true);
        expect(['ctrl+s', 'ctrl+q', 'ctrl+\\']).not.toContain(k);
      }
    }
  });

  it('offers vim keys and arrows for moving', () => {
    const map = buildKeymap(COMMANDS);
    expect(resolveKey(map, ['queue', 'global'], 'j')).toBe('queue.down');
    expect(resolveKey(map, ['queue', 'global'], 'down')).toBe('queue.down');
    expect(resolveKey(map, ['queue', 'global'], 'G')).toBe('queue.last');
    expect(resolveKey(map, ['queue', 'global'], 'g')).toBe('queue.first');
    expect(resolveKey(map, ['queue', 'global'], 'ctrl+c')).toBe('app.quit');
  });

  it('reports every bad override with which entry and why, and keeps its defaults', () => {
    const { commands, problems } = applyKeymapOverrides({
      'queue.down': 'J',
      nope: ['x'],
      'queue.up': 'ctrl+q',
      'app.quit': ['q'],
      'queue.open': [],
      'queue.first': ['ctrl+1'],
    });
    expect(commands.find((c) => c.id === 'queue.down')!.keys).toEqual(['J']);
    expect(commands.find((c) => c.id === 'queue.up')!.keys).toEqual(['k', 'up']);
    expect(commands.find((c) => c.id === 'queue.open')!.keys).toEqual(['enter', 'o', 'l']);
    expect(commands.find((c) => c.id === 'app.quit')!.keys).toEqual(['q', 'ctrl+c']);
    expect(problems).toEqual([
      'keymap "nope": no such command (see the list with ?); ignored',
      'keymap "queue.up": ctrl+q is taken (terminals resume output with it (XON)); kept k, up',
      'keymap "app.quit": q already runs "queue.quit" in Queue, "conversation.back" in Conversation, "approvals.back" in Refunds waiting for approval, "desk.back" in Desk board (supervisors), "reports.back" in Reports (supervisors), "customer.back" in Customer, so there it does not run "app.quit"',
      'keymap "queue.open": give a key or a list of keys, such as ["j", "down"]; kept enter, o, l',
      'keymap "queue.first": "ctrl+1" is not a key name (examples: j, G, ?, enter, ctrl+k, alt+enter, pagedown); kept g, home',
    ]);
    expect(applyKeymapOverrides('oops').problems[0]).toContain('keymap must be an object');
    expect(applyKeymapOverrides(undefined).problems).toEqual([]);
  });

  it('applies a remap that takes a key from a command that works anywhere, and says so', () => {
    const { commands, problems } = applyKeymapOverrides({ 'conversation.reply': ['enter', '?'] });
    expect(commands.find((c) => c.id === 'conversation.reply')!.keys).toEqual(['enter', '?']);
    expect(resolveKey(buildKeymap(commands), ['conversation', 'global'], '?')).toBe('conversation.reply');
    expect(problems).toEqual(['keymap "conversation.reply": ? now runs it in Conversation instead of "app.help" (Show keys); "app.help" has no other key there']);
    const palette = applyKeymapOverrides({ 'queue.search': [':'] });
    expect(palette.problems).toEqual(['keymap "queue.search": : now runs it in Queue instead of "app.palette" (Command palette); Ctrl+K still runs "app.palette" there']);
    expect(applyKeymapOverrides({ 'queue.down': ['J'] }).problems).toEqual([]);
  });

  it('names keys the way keymap entries are written', () => {
    const none = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false };
    expect(keyName('j', none)).toBe('j');
    expect(keyName('G', { ...none, shift: true })).toBe('G');
    expect(keyName('k', { ...none, ctrl: true })).toBe('ctrl+k');
    expect(keyName('', { ...none, return: true, meta: true })).toBe('alt+enter');
    expect(keyName('', { ...none, home: true, ctrl: true })).toBe('ctrl+home');
    expect(displayKeys(['ctrl+k', ':'])).toBe('Ctrl+K/:');
    expect(displayKeys(['alt+enter', 'pagedown', 'down'])).toBe('Alt+Enter/PgDn/↓');
  });

  it('finds commands by fuzzy name in the palette', () => {
    expect(paletteEntries(COMMANDS, 'fch')[0]!.id).toBe('queue.filterChannel');
    expect(paletteEntries(COMMANDS, 'quit')[0]!.title).toBe('Quit');
    expect(paletteEntries(COMMANDS, '').some((c) => c.id === 'composer.left')).toBe(false);
  });
});
