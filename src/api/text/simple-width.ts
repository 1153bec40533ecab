/**
 * Widths without Unicode segmentation for text made only of characters that are each a grapheme of
 * their own and have one fixed width: printable Latin, general punctuation, CJK ideographs and
 * punctuation, kana, Hangul syllables, fullwidth forms, and the symbols the workspace draws with
 * (arrows, box drawing, blocks, geometric shapes, braille, the one-column dingbats). That is nearly
 * everything a queue of Chinese, Indonesian and English conversations shows. string-width gives the same answers for them (a test
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
  [0x2030, 0x205f, 1], // per mille to the end of general punctuation
  [0x20a0, 0x20c1, 1], // currency signs
  [0x2100, 0x218b, 1], // letterlike symbols, number forms
  [0x2190, 0x2319, 1], // arrows, mathematical operators, technical symbols
  [0x231c, 0x2328, 1],
  [0x232b, 0x23e8, 1],
  [0x23ed, 0x23ef, 1],
  [0x23f1, 0x23f2, 1],
  [0x23f4, 0x2429, 1],
  [0x2440, 0x244a, 1],
  [0x2460, 0x25fc, 1], // enclosed numbers, box drawing, blocks, geometric shapes (the workspace's ◷ ▸ ■ ● and charts)
  [0x25ff, 0x2613, 1], // miscellaneous symbols and dingbats, less those shown as two-column emoji
  [0x2616, 0x262f, 1],
  [0x2638, 0x2647, 1],
  [0x2654, 0x267e, 1],
  [0x2680, 0x2689, 1],
  [0x2690, 0x2692, 1],
  [0x2694, 0x26a0, 1],
  [0x26a2, 0x26a9, 1],
  [0x26ac, 0x26bc, 1],
  [0x26bf, 0x26c3, 1],
  [0x26c6, 0x26cd, 1],
  [0x26cf, 0x26d3, 1],
  [0x26d5, 0x26e9, 1],
  [0x26eb, 0x26f1, 1],
  [0x26f4, 0x26f4, 1],
  [0x26f6, 0x26f9, 1],
  [0x26fb, 0x26fc, 1],
  [0x26fe, 0x2704, 1],
  [0x2706, 0x2709, 1],
  [0x270c, 0x2727, 1],
  [0x2729, 0x274b, 1],
  [0x274d, 0x274d, 1],
  [0x274f, 0x2752, 1],
  [0x2756, 0x2756, 1],
  [0x2758, 0x2794, 1],
  [0x2798, 0x27af, 1],
  [0x27b1, 0x27be, 1],
  [0x27c0, 0x28ff, 1], // mathematical symbols, supplemental arrows, braille (the charts)
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
  // Binary search: the ranges are sorted and do not overlap.
  let low = 0;
  let high = RANGES.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [from, to, width] = RANGES[mid]!;
    if (codePoint < from) high = mid - 1;
    else if (codePoint > to) low = mid + 1;
    else return width;
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
