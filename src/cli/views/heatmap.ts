/**
 * A weekday × hour heatmap in block characters, readable without colour: each cell's shade says how
 * busy it is relative to the busiest, and the busiest cells are named in words below the grid. 7 rows,
 * 24 cells of 2 columns plus the labels: 56 columns, so it fits 80. (Minimal and local to the reports
 * views; the shared chart module of issue 15 point 5 replaces it when the branches meet.)
 */
const SHADES = [' ', '░', '▒', '▓', '█'];

export function shadeOf(value: number, max: number): string {
  if (value <= 0 || max <= 0) return '·';
  return SHADES[Math.max(1, Math.ceil((value / max) * (SHADES.length - 1)))]!;
}

export function renderHeatmap(rows: string[], cells: number[][]): string[] {
  const max = Math.max(0, ...cells.flat());
  const hours = '     ' + Array.from({ length: 24 }, (_, h) => (h % 3 === 0 ? String(h).padEnd(6) : '')).join('');
  const lines = [hours.trimEnd()];
  rows.forEach((label, r) => {
    const row = cells[r] ?? [];
    lines.push(`${label.padEnd(4)} ${row.map((v) => shadeOf(v, max).repeat(2)).join('')}`);
  });
  lines.push(`     scale: · none  ░ ≤25%  ▒ ≤50%  ▓ ≤75%  █ ≤100% of the busiest hour (${max})`);
  const peaks = cells
    .flatMap((row, r) => row.map((v, h) => ({ v, at: `${rows[r]} ${String(h).padStart(2, '0')}:00` })))
    .filter((c) => c.v > 0)
    .sort((a, b) => b.v - a.v)
    .slice(0, 3);
  if (peaks.length) lines.push(`     peaks: ${peaks.map((p) => `${p.at} (${p.v})`).join(', ')}`);
  return lines;
}
