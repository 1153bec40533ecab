import { sanitize } from '../../api/text/sanitize.js';
import { displayWidth, fitToWidth } from '../../api/text/width.js';
import { stdoutIsTty, terminalColumns } from './terminal.js';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Colours a cell after it is fitted; gets the fitted text. */
  style?: (text: string, row: T) => string;
  align?: 'left' | 'right';
  /** The column that gives up width when the terminal is narrow. */
  flexible?: boolean;
  maxWidth?: number;
}

/**
 * Renders rows as a table aligned by display width (CJK and emoji count two columns), fitted to the
 * terminal. Piped, it prints tab-separated values, as gh does, for cut and awk. Every cell is
 * sanitised: a customer's text cannot reach the terminal as control sequences.
 */
export function renderTable<T>(columns: Column<T>[], rows: T[], options: { tty?: boolean; width?: number } = {}): string {
  const tty = options.tty ?? stdoutIsTty();
  const cells = rows.map((row) => columns.map((c) => sanitize(c.value(row), { multiline: false })));
  if (!tty) {
    return cells.map((r) => r.join('\t')).join('\n') + (cells.length ? '\n' : '');
  }
  const gap = 2;
  const widths = columns.map((c, i) =>
    Math.min(c.maxWidth ?? Infinity, Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i]!)))),
  );
  const total = (options.width ?? terminalColumns()) - gap * (columns.length - 1);
  let excess = widths.reduce((a, b) => a + b, 0) - total;
  const flexible = columns.findIndex((c) => c.flexible);
  if (excess > 0 && flexible >= 0) {
    const take = Math.min(excess, widths[flexible]! - 8);
    widths[flexible]! -= Math.max(0, take);
    excess -= take;
  }
  const line = (values: string[], style: (i: number, text: string) => string) =>
    values
      .map((v, i) => style(i, fitToWidth(v, widths[i]!, columns[i]!.align)))
      .join(' '.repeat(gap))
      .trimEnd();
  const header = line(columns.map((c) => c.header), (_, t) => t);
  const body = cells.map((r, ri) => line(r, (i, t) => columns[i]!.style?.(t, rows[ri]!) ?? t));
  return [header, ...body].join('\n') + '\n';
}
