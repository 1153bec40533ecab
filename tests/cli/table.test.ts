import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/api/text/width.js';
import { fitColumns, renderTable, type Column } from '../../src/cli/output/table.js';

interface Row {
  id: string;
  who: string;
  text: string;
}

const columns: Column<Row>[] = [
  { header: 'ID', value: (r) => r.id, minWidth: Infinity },
  { header: 'WHO', value: (r) => r.who, minWidth: 8, drop: 1 },
  { header: 'TEXT', value: (r) => r.text, flexible: true },
];
const rows: Row[] = [
  { id: 'rfd_8Kq2mZ4TxY', who: '王小明 (supervisor)', text: '客户说付款失败但是余额已经扣了，请尽快处理' },
  { id: 'rfd_2', who: 'Ayu', text: 'short' },
];

describe('tables fit the terminal by display width', () => {
  it('cuts wide (CJK) text by the columns it takes, with …, never past the width', () => {
    for (const width of [80, 50, 40, 30]) {
      const lines = renderTable(columns, rows, { tty: true, width }).trimEnd().split('\n');
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      expect(lines[1]).toMatch(/^rfd_8Kq2mZ4TxY {2}/);
    }
    expect(renderTable(columns, rows, { tty: true, width: 50 }).split('\n')[1]).toBe('rfd_8Kq2mZ4TxY  王小明 (supervisor)  客户说付款失…');
    expect(renderTable(columns, rows, { tty: true, width: 40 }).split('\n')[1]).toBe('rfd_8Kq2mZ4TxY  王小明 (super…  客户说…');
  });

  it('shrinks the flexible column first, then the widest, then drops what may go, in that order', () => {
    const natural = [14, 19, 40];
    expect(fitColumns(columns, natural, 200)).toEqual([14, 19, 40]);
    expect(fitColumns(columns, natural, 60)).toEqual([14, 19, 23]);
    expect(fitColumns(columns, natural, 40)).toEqual([14, 14, 8]);
    expect(fitColumns(columns, natural, 34)).toEqual([14, 8, 8]);
    // Even the narrowest do not fit: the droppable column goes and the rest are fitted again.
    expect(fitColumns(columns, natural, 30)).toEqual([14, undefined, 14]);
  });

  it('piped, it prints tab-separated cells whatever the width', () => {
    expect(renderTable(columns, rows, { tty: false, width: 20 })).toBe(`${rows.map((r) => [r.id, r.who, r.text].join('\t')).join('\n')}\n`);
  });
});
