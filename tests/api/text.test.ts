import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeSegments } from '../../src/api/text/sanitize.js';
import { displayWidth, fitToWidth, truncateToWidth, wrapLines, wrapText } from '../../src/api/text/width.js';

const ESC = '\u001b';

describe('sanitize', () => {
  it('passes printable text, CJK, emoji and combining marks through untouched', () => {
    const text = 'Halo 你好 👨‍👩‍👧 café e\u0301 🇮🇩';
    expect(sanitize(text)).toBe(text);
  });

  it('shows escape sequences instead of sending them', () => {
    expect(sanitize(`${ESC}[31mred${ESC}[0m`)).toBe('\\x1b[31mred\\x1b[0m');
    expect(sanitize(`${ESC}]52;c;aGVsbG8=\u0007`)).toBe('\\x1b]52;c;aGVsbG8=\\x07');
    expect(sanitize('\u009b31m')).toBe('\\x9b31m');
  });

  it('shows bidi overrides and invisible characters', () => {
    expect(sanitize('abc\u202Edef')).toBe('abc\\u202edef');
    expect(sanitize('a\u200Bb')).toBe('a\\u200bb');
    expect(sanitize('x\u200Dy')).toBe('x\\u200dy');
  });

  it('keeps newlines and tabs in multi-line text, folds them in single-line text', () => {
    expect(sanitize('a\nb\tc\r\nd')).toBe('a\nb\tc\nd');
    expect(sanitize('a\nb\tc', { multiline: false })).toBe('a⏎b c');
  });

  it('marks what it escaped, for styling', () => {
    expect(sanitizeSegments(`a${ESC}b`)).toEqual([
      { text: 'a', escaped: false },
      { text: '\\x1b', escaped: true },
      { text: 'b', escaped: false },
    ]);
  });
});

describe('display width', () => {
  it('counts CJK and emoji as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('你好')).toBe(4);
    expect(displayWidth('👍')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('truncates without splitting a character and keeps the width', () => {
    expect(truncateToWidth('你好世界', 5)).toBe('你好…');
    expect(displayWidth(truncateToWidth('你好世界', 5))).toBeLessThanOrEqual(5);
    expect(truncateToWidth('short', 10)).toBe('short');
    expect(fitToWidth('你好世界', 6)).toBe('你好… ');
    expect(displayWidth(fitToWidth('你好世界', 6))).toBe(6);
    expect(fitToWidth('ab', 4, 'right')).toBe('  ab');
  });

  it('cuts plain ASCII at the same place as any other text', () => {
    expect(truncateToWidth('Refund for order 4411', 10)).toBe('Refund fo…');
    expect(fitToWidth('Refund for order 4411', 10)).toBe('Refund fo…');
    expect(truncateToWidth('Refund 你好', 10)).toBe('Refund 你…');
    expect(truncateToWidth('abc', 1)).toBe('…');
    expect(displayWidth('tab\there')).toBe(displayWidth('tab') + displayWidth('here'));
  });

  it('wraps at spaces, and CJK between characters, never past the width', () => {
    expect(wrapText('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    const cjk = wrapText('我的账户有几笔不是我本人的交易', 10);
    expect(cjk.every((l) => displayWidth(l) <= 10)).toBe(true);
    expect(cjk.join('')).toBe('我的账户有几笔不是我本人的交易');
    expect(wrapText('a\nb', 10)).toEqual(['a', 'b']);
    expect(wrapText('averyveryverylongword', 5).every((l) => displayWidth(l) <= 5)).toBe(true);
  });

  it('never starts a line with CJK closing punctuation nor ends one with an opening bracket (kinsoku)', () => {
    // 10 columns hold five characters: the full stop is the sixth and takes 了 along with it.
    expect(wrapText('我已经等了。', 10)).toEqual(['我已经等', '了。']);
    expect(wrapText('退款什么时候到账？请尽快处理，谢谢！', 10).every((l) => !/^[。，、！？]/.test(l))).toBe(true);
    for (let width = 6; width <= 24; width++) {
      const lines = wrapText('您好，「退款」已经处理完毕。请查收（三到五个工作日）。谢谢！', width);
      expect(lines.join('')).toBe('您好，「退款」已经处理完毕。请查收（三到五个工作日）。谢谢！');
      for (const l of lines) {
        expect(l, `${width}: ${lines.join(' | ')}`).not.toMatch(/^[。，、！？」）]/);
        expect(l, `${width}: ${lines.join(' | ')}`).not.toMatch(/[「（]$/);
        expect(displayWidth(l)).toBeLessThanOrEqual(width);
      }
    }
  });

  it('records offsets that cover the text', () => {
    const text = 'Halo 你好 there friend';
    const lines = wrapLines(text, 8);
    expect(lines[0]!.start).toBe(0);
    expect(lines.at(-1)!.end).toBe(text.length);
  });
});
