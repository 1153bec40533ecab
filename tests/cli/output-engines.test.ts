import { describe, expect, it } from 'vitest';
import { compileJq } from '../../src/cli/output/jq-filter.js';
import { selectFields } from '../../src/cli/output/select-fields.js';
import { compileTemplate } from '../../src/cli/output/template-format.js';

const ESC = '\u001b';

describe('--jq', () => {
  it('prints strings as text and other values as compact JSON, one a line', async () => {
    const run = await compileJq('.data[] | .id, .subject, .tags');
    expect(run({ data: [{ id: 7, subject: 'Refund', tags: ['vip'] }] })).toBe('7\nRefund\n["vip"]\n');
  });

  it('escapes what a customer wrote, as text and as JSON: nothing reaches the terminal as a control', async () => {
    const hostile = `pay${ESC}]52;c;aGk=\u0007 now\u202e`;
    const asText = (await compileJq('.subject'))({ subject: hostile });
    const asJson = (await compileJq('{s: .subject}'))({ subject: hostile });
    for (const out of [asText, asJson]) {
      expect(out).not.toContain(ESC);
      expect(out).not.toContain('\u202e');
    }
    expect(JSON.parse(asJson)).toEqual({ s: hostile });
  });

  it('names the problem: compile errors before the run, runtime errors on the answer', async () => {
    await expect(compileJq('.a | (')).rejects.toThrow('--jq: syntax error, unexpected end of file at line 1, column 6');
    await expect(compileJq('$nope')).rejects.toThrow('--jq: $nope is not defined at line 1');
    const run = await compileJq('.a + 1');
    expect(() => run({ a: 'x' })).toThrow('--jq: string ("x") and number (1) cannot be added');
  });
});

describe('--template', () => {
  it('aligns rows by display width: CJK takes two columns', () => {
    const render = compileTemplate('{% for c in data %}{{ c.id | row: c.subject, c.status }}{% endfor %}');
    const out = render({ data: [{ id: 1, subject: '申请退款', status: 'open' }, { id: 222, subject: 'Refund', status: 'pending' }] });
    expect(out).toBe('1    申请退款  open\n222  Refund    pending\n');
  });

  it('escapes server text; a row mark cannot be forged from data', () => {
    const render = compileTemplate('{{ s }}|{% for c in data %}{{ c.id | row: c.subject }}{% endfor %}');
    const out = render({ s: `${ESC}[2J`, data: [{ id: 1, subject: `\u0000x\u0001y` }] });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u0000');
    expect(out).toContain('\\x1b[2J|');
  });

  it('helpers: money in minor units, timeago, colour off without a terminal', () => {
    const render = compileTemplate('{{ m | money }} / {{ t | timeago }} / {{ x | color: "red" }}');
    const hourAgo = new Date(Date.now() - 3_600_000 - 5_000).toISOString();
    expect(render({ m: { amount: 500000000, currency: 'IDR' }, t: hourAgo, x: 'urgent' })).toBe('500,000,000 IDR / 1h00m ago / urgent\n');
    expect(() => compileTemplate('{{ x | color: "chartreuse" }}')({ x: 1 })).toThrow('--template: color: "chartreuse" is not a colour');
  });
});

describe('--fields', () => {
  it('selects in each record: list items in their envelope, the object of a one-key answer, or the answer', () => {
    expect(selectFields({ data: [{ id: 1, s: 'a', x: 0 }], nextCursor: null }, ['id', 's'])).toEqual({ data: [{ id: 1, s: 'a' }], nextCursor: null });
    expect(selectFields({ conversation: { id: 1, s: 'a' } }, ['s'])).toEqual({ conversation: { s: 'a' } });
    expect(selectFields({ id: 1, s: 'a', x: 0 }, ['x'])).toEqual({ x: 0 });
    expect(() => selectFields({ id: 1 }, ['nope'])).toThrow('--fields: no field "nope" here; the fields are: id');
    // A stream's values differ (events): absent fields are left out, not an error.
    expect(selectFields({ type: 'x' }, ['id'], { strict: false })).toEqual({});
  });
});
