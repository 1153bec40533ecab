import { heatmap } from './charts.js';

/**
 * The volume report's weekday × hour heatmap, drawn with the shared heatmap of charts.ts: an hour
 * header every third hour, one row per weekday (two columns a cell: 5 + 48 columns, within 80), the
 * legend saying each shade's counts, and the three busiest hours named in words, so that the peaks
 * read without colour or shades. The CLI's `report volume` and the workspace's reports screen draw it.
 */
export function volumeHeatmap(weekdays: readonly string[], cells: readonly (readonly number[])[]): string[] {
  const hours = Array.from({ length: 24 }, (_, h) => (h % 3 === 0 ? String(h) : ''));
  const drawn = heatmap(cells, weekdays, { cellWidth: 2, columnLabels: hours });
  const lines = [...drawn.lines, `shades: ${drawn.legend} conversations an hour`];
  const peaks = cells
    .flatMap((row, r) => row.map((v, h) => ({ v, at: `${weekdays[r] ?? ''} ${String(h).padStart(2, '0')}:00` })))
    .filter((c) => c.v > 0)
    .sort((a, b) => b.v - a.v)
    .slice(0, 3);
  lines.push(peaks.length ? `peaks: ${peaks.map((p) => `${p.at} (${p.v})`).join(', ')}` : 'peaks: none, no conversations in the range');
  return lines;
}
