import { describe, expect, it } from 'vitest';
import { activeContexts } from '../../../src/tui/input/dispatch.js';
import { applyKeymapOverrides, buildKeymap, COMMANDS, resolveKey } from '../../../src/tui/input/keymap.js';
import { paletteEntries, runsHere, whyNotHere } from '../../../src/tui/input/palette.js';
import { tuiState } from '../../helpers/tui-state.js';

const keymap = buildKeymap(COMMANDS);
const commandFor = (state: ReturnType<typeof tuiState>, key: string) => resolveKey(keymap, activeContexts(state), key);

describe('which command a key runs', () => {
  it('depends on where the keys are: the queue, a conversation, the reply box, an overlay', () => {
    expect(commandFor(tuiState(), 'j')).toBe('queue.down');
    expect(commandFor(tuiState({ screen: { name: 'conversation', id: 1 } }), 'j')).toBe('conversation.scrollDown');
    expect(commandFor(tuiState({ screen: { name: 'conversation', id: 1 }, composing: true }), 'enter')).toBe('composer.send');
    expect(commandFor(tuiState({ screen: { name: 'conversation', id: 1 } }), 'enter')).toBe('conversation.reply');
    expect(commandFor(tuiState({ searching: true }), 'escape')).toBe('search.cancel');
    expect(commandFor(tuiState({ overlay: { kind: 'help', scroll: 0 } }), 'escape')).toBe('overlay.close');
  });

  it('falls back to the global bindings, which an overlay does not hide', () => {
    expect(commandFor(tuiState(), 'ctrl+c')).toBe('app.quit');
    expect(commandFor(tuiState({ overlay: { kind: 'help', scroll: 0 } }), 'ctrl+c')).toBe('app.quit');
    expect(commandFor(tuiState({ overlay: { kind: 'help', scroll: 0 } }), 'j')).toBeUndefined();
  });

  it('follows the user’s remapping in the config', () => {
    const { commands, problems } = applyKeymapOverrides({ 'queue.down': ['ctrl+j'] });
    expect(problems).toEqual([]);
    const remapped = buildKeymap(commands);
    expect(resolveKey(remapped, ['queue', 'global'], 'ctrl+j')).toBe('queue.down');
    expect(resolveKey(remapped, ['queue', 'global'], 'j')).toBeUndefined();
  });

  it('lists this screen’s commands first in the palette, and says where the others run', () => {
    const here = activeContexts(tuiState({ screen: { name: 'conversation', id: 1 } }));
    const entries = paletteEntries(COMMANDS, '', here);
    expect(runsHere(entries[0]!, here)).toBe(true);
    const elsewhere = entries.find((c) => !runsHere(c, here))!;
    expect(whyNotHere(COMMANDS, elsewhere)).toContain(elsewhere.id);
    expect(paletteEntries(COMMANDS, 'freez', here)[0]?.id).toBe('conversation.freeze');
  });
});
