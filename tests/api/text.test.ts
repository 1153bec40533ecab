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

// Every code point the sanitizer must not let through as itself, by Unicode property (the engine's data).
const MUST_ESCAPE = /^[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cs}\u2028\u2029]$/u;

function escapedForm(cp: number): string {
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\u{${cp.toString(16)}}`;
}

describe('sanitize, over every code point', () => {
  const unsafe: number[] = [];
  const safe: number[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) (MUST_ESCAPE.test(String.fromCodePoint(cp)) ? unsafe : safe).push(cp);

  it('escapes every control, format, bidi and default-ignorable character standing alone or between spaces', () => {
    // Tag characters, variation selectors, the Hangul fillers, soft hyphen, CGJ, Mongolian vowel separator among them.
    for (const cp of [0xe0041, 0xe007f, 0xfe0f, 0xe0100, 0x115f, 0x1160, 0x3164, 0xffa0, 0x00ad, 0x034f, 0x180e, 0x061c, 0x2066, 0x9b]) {
      expect(unsafe).toContain(cp);
    }
    const wrong: string[] = [];
    for (const cp of unsafe) {
      if (cp === 0x0a || cp === 0x09) continue;
      const ch = String.fromCodePoint(cp);
      if (sanitize(ch) !== escapedForm(cp) || sanitize(` ${ch} `, { multiline: false }) !== ` ${escapedForm(cp)} `) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('passes every other code point through as itself', () => {
    const wrong: string[] = [];
    for (const cp of safe) {
      const ch = String.fromCodePoint(cp);
      if (sanitize(ch) !== ch || sanitize(ch, { multiline: false }) !== ch) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('gives each stand-in its own width, so that columns line up', () => {
    const wrong: string[] = [];
    for (const cp of unsafe) {
      const shown = sanitize(String.fromCodePoint(cp), { multiline: false });
      if (displayWidth(shown) !== shown.length) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('sanitize, emoji and scripts that need invisible characters', () => {
  const KEPT = {
    family: '👨‍👩‍👧',
    rainbowFlag: '🏳️‍🌈',
    technologist: '👨🏽‍💻',
    england: '🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}',
    scotland: '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
    indonesia: '🇮🇩',
    keycapHash: '#\uFE0F\u20E3',
    keycapOne: '1\uFE0F\u20E3',
    redHeart: '\u2764\uFE0F',
    textSmiley: '\u263A\uFE0E',
    ideographVariant: '\u845B\u{E0100}',
    mongolian: '\u1820\u180B',
    cjk: '我的账户有几笔不是我本人的交易',
    hangul: '안녕하세요',
  };

  it('keeps emoji ZWJ sequences, tag and regional flags, keycaps, variation sequences and CJK unchanged, two columns an emoji', () => {
    for (const [name, text] of Object.entries(KEPT)) {
      expect(sanitize(text), name).toBe(text);
      expect(sanitize(text, { multiline: false }), name).toBe(text);
      expect(sanitize(`a ${text} b`), name).toBe(`a ${text} b`);
    }
    for (const emoji of [KEPT.family, KEPT.england, KEPT.keycapHash, KEPT.redHeart, KEPT.ideographVariant]) expect(displayWidth(emoji)).toBe(2);
  });

  it('escapes tag characters that hide text outside a flag', () => {
    const hidden = [...'rm -rf'].map((c) => String.fromCodePoint(0xe0000 + c.codePointAt(0)!)).join('');
    expect(sanitize(`ok${hidden}`)).toBe('ok\\u{e0072}\\u{e006d}\\u{e0020}\\u{e002d}\\u{e0072}\\u{e0066}');
    // Behind an emoji, and behind the black flag when they spell no flag, they are still hidden text.
    expect(sanitize(`👍${hidden}\u{E007F}`)).not.toContain('\u{E0072}');
    expect(sanitize(`🏴${hidden}\u{E007F}`)).not.toContain('\u{E0072}');
    expect(sanitize(`🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}`)).toBe('🏴\\u{e0067}\\u{e0062}\\u{e0065}\\u{e006e}\\u{e0067}');
  });

  it('keeps one variation selector after a visible character, and escapes the rest', () => {
    expect(sanitize('a\uFE0F\uFE0F')).toBe('a\uFE0F\\ufe0f');
    expect(sanitize(' \uFE0F')).toBe(' \\ufe0f');
    // Supplementary selectors only follow ideographs: after an emoji they smuggle bytes.
    expect(sanitize('😀\u{E0101}\u{E0102}')).toBe('😀\\u{e0101}\\u{e0102}');
    expect(sanitize('x\u200D👍')).toBe('x\\u200d👍');
  });

  it('stays linear on a long run of hidden characters', () => {
    const run = '\u{E0041}'.repeat(200_000);
    expect(sanitize(run).length).toBe(200_000 * '\\u{e0041}'.length);
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
