import { describe, expect, it } from 'vitest';
import * as edit from '../../../src/tui/state/editor.js';

const at = (text: string, cursor = text.length): edit.EditorState => ({ text, cursor });

describe('the editor', () => {
  it('inserts at the cursor, keeps newlines and tabs, and drops other control characters', () => {
    expect(edit.insert(at('helo', 3), 'l')).toEqual(at('hello', 4));
    expect(edit.insert(at(''), 'a\r\nb\tc\u0007\u001b[2J')).toEqual(at('a\nb\tc[2J'));
  });

  it('deletes whole characters: an emoji with its modifier and a combining accent go in one Backspace', () => {
    expect(edit.backspace(at('ok 👍🏽'))).toEqual(at('ok '));
    expect(edit.backspace(at('cafe\u0301'))).toEqual(at('caf'));
    expect(edit.deleteForward(at('👍🏽ok', 0))).toEqual(at('ok', 0));
    expect(edit.backspace(at('x', 0))).toEqual(at('x', 0));
  });

  it('moves and deletes by word, and to the start of the line', () => {
    expect(edit.wordLeft(at('send the refund')).cursor).toBe(9);
    expect(edit.wordRight(at('send the refund', 0)).cursor).toBe(4);
    expect(edit.deleteWordBack(at('send the refund'))).toEqual(at('send the '));
    expect(edit.clearLineBack(at('first\nsecond line'))).toEqual(at('first\n'));
    expect(edit.lineStart(at('first\nsecond')).cursor).toBe(6);
    expect(edit.lineEnd(at('first\nsecond', 1)).cursor).toBe(5);
  });
});
