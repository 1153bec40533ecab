import { displayWidth, fitToWidth } from './width.js';

/**
 * Pictures in the terminal, as plain strings: horizontal bars, sparklines, column charts and a
 * heatmap, drawn with block characters. Every picture carries its numbers in text (bar values, a
 * column chart's scale, a heatmap's legend), so that it reads the same without colour (NO_COLOR) and
 * in a screen reader's transcript; colour, where a caller adds it, only repeats what the text says.
 * The CLI and the workspace both draw with these; nothing here knows about Ink or chalk.
 */

/** Eighths of a cell, left to right: a bar's end resolves to 1/8 of a column. */
const EIGHTHS_H = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/** Eighths of a cell, bottom to top. */
const EIGHTHS_V = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** Heatmap shades, lightest to darkest; blank is zero. */
const SHADES = ['·', '░', '▒', '▓', '█'];

const finite = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);

/** A horizontal bar of `value` out of `max` in `width` cells, in eighths of a cell; at least a sliver for any value above zero. */
export function bar(value: number, max: number, width: number): string {
  if (width <= 0) return '';
  const v = finite(value);
  if (v === 0 || max <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(v, max) / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS_H[eighths % 8]!;
}

export interface BarRow {
  label: string;
  value: number;
  /** Shown after the value instead of it, e.g. "3/8" for a load against capacity. */
  text?: string;
}

/**
 * Labelled horizontal bars in `width` columns: "label  ████▌ 12". Labels are cut to fit (wide
 * characters counted as two), values always printed, the bars scaled to the largest value (or `max`).
 */
export function barChart(rows: readonly BarRow[], width: number, options: { max?: number; labelWidth?: number } = {}): string[] {
  if (rows.length === 0) return [];
  const max = options.max ?? Math.max(0, ...rows.map((r) => finite(r.value)));
  const texts = rows.map((r) => r.text ?? String(r.value));
  const valueWidth = Math.max(...texts.map((t) => displayWidth(t)));
  const labelWidth = Math.min(options.labelWidth ?? Math.max(...rows.map((r) => displayWidth(r.label))), Math.max(4, Math.floor(width / 3)));
  const barWidth = Math.max(1, width - labelWidth - valueWidth - 2);
  return rows.map((r, i) => {
    const drawn = bar(r.value, max, barWidth);
    return `${fitToWidth(r.label, labelWidth)} ${fitToWidth(drawn, barWidth)} ${fitToWidth(texts[i]!, valueWidth, 'right')}`;
  });
}

/** One character per value, ▁ to █ scaled between zero and the largest value; zero is a blank. */
export function sparkline(values: readonly number[], max = Math.max(0, ...values.map(finite))): string {
  return values
    .map((value) => {
      const v = finite(value);
      if (v === 0 || max <= 0) return EIGHTHS_V[0]!;
      return EIGHTHS_V[Math.max(1, Math.round((Math.min(v, max) / max) * 8))]!;
    })
    .join('');
}

/**
 * A column chart `height` rows tall, one column per value, scaled to the largest value (or `max`),
 * with the scale written on the left: the top row says the largest, the bottom row 0.
 */
export function columnChart(values: readonly number[], height: number, options: { max?: number } = {}): string[] {
  const max = options.max ?? Math.max(0, ...values.map(finite));
  const scaleWidth = String(max).length;
  // Any count above zero shows at least an eighth: a small hour never looks like an empty one.
  const levels = values.map((value) => (max <= 0 || finite(value) === 0 ? 0 : Math.max(1, Math.round((Math.min(finite(value), max) / max) * height * 8))));
  const rows: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    const cells = levels.map((level) => {
      const inRow = level - row * 8;
      if (inRow >= 8) return '█';
      if (inRow <= 0) return ' ';
      return EIGHTHS_V[inRow]!;
    });
    const scale = row === height - 1 ? String(max) : row === 0 ? '0' : '';
    rows.push(`${scale.padStart(scaleWidth)} ┤${cells.join('')}`);
  }
  return rows;
}

export interface Heatmap {
  /** One line per row: its label, then one shaded cell per column. */
  lines: string[];
  /** What each shade stands for, e.g. "· 0  ░ 1–5  ▒ 6–10  ▓ 11–15  █ 16–20". */
  legend: string;
}

/**
 * A heatmap: rows × columns of counts, each cell a shade of five (zero and four equal steps up to
 * the largest count), `cellWidth` characters wide. The legend gives each shade's range, so the
 * picture is read without colour. `columnLabels` (optional) is a header line of single characters
 * or short labels placed every `cellWidth` columns.
 */
export function heatmap(grid: readonly (readonly number[])[], rowLabels: readonly string[], options: { cellWidth?: number; columnLabels?: readonly string[] } = {}): Heatmap {
  const cellWidth = options.cellWidth ?? 2;
  const max = Math.max(0, ...grid.flat().map(finite));
  const step = Math.max(1, Math.ceil(max / 4));
  const shadeOf = (v: number) => (finite(v) === 0 ? 0 : Math.min(4, Math.ceil(finite(v) / step)));
  const labelWidth = Math.max(0, ...rowLabels.map((l) => displayWidth(l)));
  const lines = grid.map((row, i) => `${fitToWidth(rowLabels[i] ?? '', labelWidth)} ${row.map((v) => SHADES[shadeOf(v)]!.repeat(cellWidth)).join('')}`);
  if (options.columnLabels) {
    const header = options.columnLabels.map((l) => fitToWidth(l, cellWidth)).join('');
    lines.unshift(`${' '.repeat(labelWidth)} ${header}`);
  }
  const ranges = [`${SHADES[0]} 0`];
  for (let s = 1; s <= 4; s++) {
    const from = (s - 1) * step + 1;
    const to = Math.min(s * step, Math.max(max, from));
    if (from > max) break;
    ranges.push(`${SHADES[s]} ${from === to ? from : `${from}–${to}`}`);
  }
  return { lines, legend: ranges.join('  ') };
}
