import { describe, expect, it } from 'vitest';
import { bar, barChart, columnChart, heatmap, sparkline } from '../../src/api/text/charts.js';
import { displayWidth } from '../../src/api/text/width.js';

describe('charts', () => {
  it('draws a bar in eighths of a cell, a sliver for any value above zero, nothing for zero', () => {
    expect(bar(10, 10, 4)).toBe('████');
    expect(bar(5, 10, 4)).toBe('██');
    expect(bar(1, 16, 4)).toBe('▎');
    expect(bar(1, 1000, 4)).toBe('▏');
    expect(bar(0, 10, 4)).toBe('');
    expect(bar(7, 0, 4)).toBe('');
    expect(bar(20, 10, 4)).toBe('████');
  });

  it('labels every bar with its value and keeps each line to the width, wide names included', () => {
    const lines = barChart([{ label: 'payments', value: 12 }, { label: '王秀英的团队', value: 3 }, { label: 'security', value: 0, text: '0/5' }], 40);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(displayWidth(line)).toBe(40);
    expect(lines[0]).toMatch(/^payments.*█ +12$/);
    expect(lines[1]).toMatch(/ 3$/);
    expect(lines[2]).toMatch(/ 0\/5$/);
    // The largest value fills the bar's width.
    expect(lines[0]!.split('█').length - 1).toBe(40 - 12 - 3 - 2);
  });

  it('draws a sparkline from blank (zero) to full (the largest)', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe(' ▁▂▄█');
    expect(sparkline([0, 0])).toBe('  ');
    expect(sparkline([1, 100])).toBe('▁█');
    expect(sparkline([3, 3], 6)).toBe('▄▄');
  });

  it('draws a column chart with its scale written on the left', () => {
    const rows = columnChart([0, 1, 2, 4], 2);
    // Two rows are 16 eighths: 1 of 4 is four eighths, 2 of 4 fills the bottom row.
    expect(rows).toEqual(['4 ┤   █', '0 ┤ ▄██']);
    expect(columnChart([0, 0], 2)).toEqual(['0 ┤  ', '0 ┤  ']);
    // 48 fifteen-minute buckets fit 80 columns with the scale.
    const wide = columnChart(Array.from({ length: 48 }, (_, i) => i * 3), 3);
    for (const line of wide) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });

  it('shades a heatmap in five steps with a legend that says what each shade counts', () => {
    const { lines, legend } = heatmap([[0, 1, 8], [4, 5, 2]], ['Mon', 'Tue'], { cellWidth: 2, columnLabels: ['0', '1', '2'] });
    expect(lines).toEqual(['    0 1 2 ', 'Mon ··░░██', 'Tue ▒▒▓▓░░']);
    expect(legend).toBe('· 0  ░ 1–2  ▒ 3–4  ▓ 5–6  █ 7–8');
    expect(heatmap([[0, 0]], ['x']).legend).toBe('· 0');
    expect(heatmap([[1]], ['x']).legend).toBe('· 0  ░ 1');
  });
});
