import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { sgrPattern } from '../helpers/ansi.js';
import { Composer } from '../../src/tui/view/components/composer.js';
import { COMMANDS } from '../../src/tui/input/keymap.js';
import { PALETTES, theme } from '../../src/tui/view/theme.js';

const NOTE = '✎ Internal note — customers never see this';
const REPLY = '↩ Reply — the customer will see this';
const level = chalk.level;

function box(kind: 'note' | 'reply', focused: boolean) {
  const ui = render(<Composer state={{ text: 'checked the ledger', cursor: 0 }} kind={kind} focused={focused} width={70} top={0} sending={false} error={undefined} maxLines={3} commands={COMMANDS} />);
  const frame = ui.lastFrame() ?? '';
  ui.unmount();
  return frame;
}

// Ink's colour codes, as chalk writes them at level 1 (16 colours).
const SGR: Record<string, string> = { yellow: '\u001b[33m', magenta: '\u001b[35m', cyan: '\u001b[36m', blue: '\u001b[34m' };

/** The foreground colour in force where `text` starts on the first line. */
function colourOf(frame: string, text: string): string | undefined {
  const line = frame.split('\n')[0]!;
  const before = line.slice(0, line.indexOf(text));
  return before.match(sgrPattern('3[0-7]|9[0-7]', '', 'g'))?.at(-1);
}

describe('the reply box says whether it holds a reply or an internal note', () => {
  afterEach(() => {
    chalk.level = level;
  });

  it('in words and border shape, with no colour at all (NO_COLOR)', () => {
    chalk.level = 0;
    for (const focused of [true, false]) {
      const note = box('note', focused);
      expect(note).not.toContain('\u001b[');
      expect(note.split('\n')[0]).toMatch(new RegExp(`^╔═ ${NOTE} ═+╗$`));
      expect(note).toContain('║ checked the ledger');
      const reply = box('reply', focused);
      expect(reply.split('\n')[0]).toMatch(new RegExp(`^╭─ ${REPLY} ─+╮$`));
      expect(reply).not.toContain('Internal note');
    }
  });

  it('and in colour: the label keeps its kind’s colour even when the box is not focused', () => {
    chalk.level = 1;
    for (const focused of [true, false]) {
      expect(colourOf(box('note', focused), NOTE)).toBe(SGR[theme.note]);
      expect(colourOf(box('reply', focused), REPLY)).toBe(SGR[theme.accent]);
    }
  });

  it('every theme gives notes a colour of their own', () => {
    for (const palette of Object.values(PALETTES)) {
      expect(palette.note).not.toBe(palette.accent);
      expect(palette.note).not.toBe(palette.muted);
      expect(palette.note).not.toBe(palette.danger);
    }
  });
});
