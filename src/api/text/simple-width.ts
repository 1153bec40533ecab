/**
 * Widths without Unicode segmentation for text made only of characters that are each a grapheme of
 * their own and have one fixed width: printable Latin, general punctuation, CJK ideographs and
 * punctuation, kana, Hangul syllables, fullwidth forms. That is nearly everything a queue of Chinese,
 * Indonesian and English conversations shows. string-width gives the same answers for them (a test
 * checks every code point) but compiles its emoji and mark regular expressions on the first
 * non-ASCII string it measures: some 25 ms of CPU before the workspace's first frame.
 *
 * Combining marks, format characters, emoji and everything else are outside these ranges: text with
 * any of them returns undefined and is measured by string-width.
 */
const RANGES: readonly (readonly [from: number, to: number, width: 1 | 2])[] = [
  [0x20, 0x7e, 1],
  [0xa0, 0xac, 1], // 0xad, the soft hyphen, is a format character: zero columns
  [0xae, 0x24f, 1], // Latin-1 letters and symbols, Latin Extended-A and -B
  [0x2010, 0x2027, 1], // dashes, quotation marks, bullet, ellipsis
  [0x3000, 0x3029, 2], // ideographic space and punctuation, up to the combining tone marks
  [0x3030, 0x303e, 2],
  [0x3041, 0x3096, 2], // hiragana, without the combining voiced sound marks 0x3099-0x309a
  [0x309b, 0x30ff, 2], // katakana
  [0x3400, 0x4dbf, 2], // CJK ideographs, extension A
  [0x4e00, 0x9fff, 2], // CJK unified ideographs
  [0xac00, 0xd7a3, 2], // Hangul syllables
  [0xff01, 0xff60, 2], // fullwidth forms
  [0xffe0, 0xffe6, 2],
];

function widthOf(codePoint: number): 1 | 2 | undefined {
  for (const [from, to, width] of RANGES) {
    if (codePoint < from) return undefined;
    if (codePoint <= to) return width;
  }
  return undefined;
}

/** Columns `text` takes when every character is in the ranges above; undefined otherwise. */
export function simpleWidth(text: string): number | undefined {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    // Surrogate pairs (code points above 0xffff) are outside every range.
    const w = widthOf(text.charCodeAt(i));
    if (w === undefined) return undefined;
    width += w;
  }
  return width;
}
