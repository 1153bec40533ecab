import { displayWidth } from '../../api/text/width.js';
import { CONTEXT_TITLES, displayKeys, type CommandSpec, type Context } from './keymap.js';

const CONTEXT_ORDER: Context[] = ['global', 'queue', 'search', 'conversation', 'composer', 'approvals', 'desk', 'reports', 'customer', 'overlay'];

export interface HelpLine {
  key: string;
  heading?: string;
  keys?: string;
  title?: string;
  id?: string;
}

/** The help screen's lines, generated from the keymap table (with the user's remapping), every context in it. */
export function helpLines(commands: readonly CommandSpec[]): { lines: HelpLine[]; keyWidth: number } {
  const lines: HelpLine[] = [];
  let keyWidth = 0;
  for (const context of CONTEXT_ORDER) {
    const items = commands.filter((c) => c.context === context);
    if (!items.length) continue;
    lines.push({ key: `h-${context}`, heading: CONTEXT_TITLES[context] });
    for (const c of items) {
      const keys = displayKeys(c.keys);
      keyWidth = Math.max(keyWidth, displayWidth(keys));
      // A user-defined action says where it comes from, and a dangerous one says so.
      lines.push({ key: c.id, keys, title: c.dangerous ? `⚠ ${c.title}` : c.title, id: c.source ? `${c.id} · ${c.source}` : c.id });
    }
  }
  return { lines, keyWidth: keyWidth + 2 };
}

/** The help overlay's height in a body of this height, and how many lines of it scroll (title and footer stay). */
export const helpHeight = (bodyHeight: number) => Math.min(bodyHeight, 30);
export const helpRows = (bodyHeight: number) => Math.max(1, helpHeight(bodyHeight) - 4);

/** The furthest the help can scroll: its last line at the bottom, never past it. */
export function helpMaxScroll(commands: readonly CommandSpec[], bodyHeight: number): number {
  return Math.max(0, helpLines(commands).lines.length - helpRows(bodyHeight));
}
