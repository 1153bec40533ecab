import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { simpleWidth } from '../../src/api/text/simple-width.js';
import fastStringWidth from '../../src/api/text/string-width-fast.js';
import { graphemes } from '../../src/api/text/width.js';

/** Every BMP character simpleWidth measures (surrogates excluded: they are halves of a character). */
function simpleCharacters(): string[] {
  const out: string[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCharCode(cp);
    if (simpleWidth(ch) !== undefined) out.push(ch);
  }
  return out;
}

describe('simple widths, measured without segmentation', () => {
  const simple = simpleCharacters();

  it('covers the scripts the desk writes in', () => {
    expect(simple.length).toBeGreaterThan(39_000);
    for (const ch of ['a', 'é', 'ā', '“', '…', '你', '。', 'カ', 'ひ', '한', '！']) expect(simple).toContain(ch);
  });

  it('agrees with string-width on every character it measures', () => {
    const disagreements = simple.filter((ch) => simpleWidth(ch) !== stringWidth(ch)).map((ch) => ch.codePointAt(0)!.toString(16));
    expect(disagreements).toEqual([]);
  });

  it('agrees with string-width on strings of those characters, and each is a grapheme of its own', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...simple), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(simpleWidth(text)).toBe(stringWidth(text));
        expect(graphemes(text)).toEqual(Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment));
      }),
      { seed: 20261203, numRuns: 2000 },
    );
  });

  it('leaves marks, format characters, emoji and escapes to string-width', () => {
    for (const text of ['e\u0301', 'か\u3099', 'a\u00adb', 'a\u200bb', '👍', '❤️', 'x\u001b[31my', '𠮷', '\u302a', 'ﾞ']) {
      expect(simpleWidth(text)).toBeUndefined();
      expect(fastStringWidth(text)).toBe(stringWidth(text));
    }
    expect(fastStringWidth('你好', { ambiguousIsNarrow: false })).toBe(stringWidth('你好', { ambiguousIsNarrow: false }));
  });
});
