import { sanitize } from '../../api/text/sanitize.js';
import { displayWidth, fitToWidth } from '../../api/text/width.js';
import { color } from './color.js';
import { stdoutIsTty, terminalColumns } from './terminal.js';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Colours a cell after it is fitted; gets the fitted text. */
  style?: (text: string, row: T) => string;
  align?: 'left' | 'right';
  /** The column that gives up width first when the terminal is narrow (down to 8 columns). */
  flexible?: boolean;
  maxWidth?: number;
  /** The narrowest this column is cut to before columns are dropped (default: its header, 6 at least; Infinity: never cut, as for ids). */
  minWidth?: number;
  /** Dropped, highest first, when even the narrowest columns do not fit; columns without it stay. */
  drop?: number;
}

const GAP = 2;
const FLEXIBLE_MIN = 8;
/** Below this a cell says nothing; only a terminal too narrow for any table gets there. */
const LAST_RESORT_MIN = 3;

/**
 * How wide each column is on a terminal `total` columns wide (undefined: dropped). What gives way is
 * decided, never left to the terminal's wrapping: the flexible column shrinks first, then the widest
 * of the others, each to its minimum; when that is not enough, columns with a `drop` go, highest
 * first, and the rest are fitted again; as a last resort every column is cut further, widest first.
 */
export function fitColumns(columns: Pick<Column<unknown>, 'header' | 'flexible' | 'minWidth' | 'drop'>[], natural: number[], total: number): (number | undefined)[] {
  const all = columns.map((_, i) => i);
  const floor = (i: number) =>
    Math.min(natural[i]!, columns[i]!.flexible ? FLEXIBLE_MIN : (columns[i]!.minWidth ?? Math.max(6, displayWidth(columns[i]!.header))));
  const droppable = all.filter((i) => columns[i]!.drop !== undefined).sort((a, b) => columns[b]!.drop! - columns[a]!.drop!);
  const dropped = new Set<number>();
  for (;;) {
    const widths: (number | undefined)[] = natural.map((w, i) => (dropped.has(i) ? undefined : w));
    const used = () => widths.reduce<number>((sum, w) => (w === undefined ? sum : sum + w + GAP), -GAP);
    const shrinkWidest = (candidates: number[], min: (i: number) => number) => {
      while (used() > total) {
        let widest = -1;
        for (const i of candidates) {
          const w = widths[i];
          if (w !== undefined && w > min(i) && (widest < 0 || w > widths[widest]!)) widest = i;
        }
        if (widest < 0) return;
        widths[widest]! -= 1;
      }
    };
    shrinkWidest(all.filter((i) => columns[i]!.flexible), floor);
    shrinkWidest(all, floor);
    const next = droppable.find((i) => !dropped.has(i));
    if (used() <= total || next === undefined) {
      shrinkWidest(all, () => LAST_RESORT_MIN);
      return widths;
    }
    dropped.add(next);
  }
}

/**
 * Renders rows as a table aligned by display width (CJK and emoji count two columns), fitted to the
 * terminal: cells are cut with "…", never wrapped. Piped, it prints tab-separated values, as gh does,
 * for cut and awk (coloured only when FORCE_COLOR asks). Every cell is sanitised: a customer's text
 * cannot reach the terminal as control sequences.
 */
export function renderTable<T>(columns: Column<T>[], rows: T[], options: { tty?: boolean; width?: number } = {}): string {
  const tty = options.tty ?? stdoutIsTty();
  const cells = rows.map((row) => columns.map((c) => sanitize(c.value(row), { multiline: false })));
  const styled = (i: number, text: string, row: T) => columns[i]!.style?.(text, row) ?? text;
  if (!tty) {
    const paint = color.level > 0;
    return cells.map((r, ri) => r.map((text, i) => (paint ? styled(i, text, rows[ri]!) : text)).join('\t')).join('\n') + (cells.length ? '\n' : '');
  }
  const natural = columns.map((c, i) =>
    Math.min(c.maxWidth ?? Infinity, Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i]!)))),
  );
  const widths = fitColumns(columns, natural, options.width ?? terminalColumns());
  const shown = columns.map((_, i) => i).filter((i) => widths[i] !== undefined);
  const line = (values: string[], style: (i: number, text: string) => string) =>
    shown
      .map((i) => style(i, fitToWidth(values[i]!, widths[i]!, columns[i]!.align)))
      .join(' '.repeat(GAP))
      .trimEnd();
  const header = line(columns.map((c) => c.header), (_, t) => t);
  const body = cells.map((r, ri) => line(r, (i, t) => styled(i, t, rows[ri]!)));
  return [header, ...body].join('\n') + '\n';
}
