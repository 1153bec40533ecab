import { simpleWidth } from './simple-width.js';
import { lazyStringWidth } from './string-width-lazy.js';

/**
 * Display width in terminal columns: CJK and most emoji take two, combining marks none. Text given
 * here must already be sanitised (no escape sequences).
 */
export function displayWidth(text: string): number {
  return isPrintableAscii(text) ? text.length : (simpleWidth(text) ?? lazyStringWidth(text));
}

// Most of what a queue shows is printable ASCII: one column and one grapheme per character. Testing
// for it is far cheaper than string-width's and the segmenter's Unicode analysis, and the first
// frame draws hundreds of cells.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function isPrintableAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text);
}

let segmenter: Intl.Segmenter | undefined;

export function graphemes(text: string): string[] {
  // In simple text every UTF-16 unit is a character and a grapheme of its own.
  if (isPrintableAscii(text) || simpleWidth(text) !== undefined) return text.split('');
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Cuts text to at most `width` columns without splitting a character, ending with "…" when cut. */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  if (isPrintableAscii(text)) return `${text.slice(0, width - 1)}…`;
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = displayWidth(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return `${out}…`;
}

/** Pads (or truncates) to exactly `width` columns. */
export function fitToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncateToWidth(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}

const BREAK_AFTER = /[\s\-/]/u;

/**
 * Line-breaking rules for CJK text (kinsoku shori, also followed for Chinese): closing punctuation
 * never begins a line and opening brackets never end one. A full stop that does not fit takes the
 * character before it to the next line rather than standing there alone.
 */
// Strings, not regex literals: the bundle stays one byte a character (assertOneByteSources in bin/build.js).
const NO_LINE_START = new RegExp('^[。，、．・：；！？）」』】〕〉》〗〙｝］｠’”％‰ー々〜…,.!?;:)\\]}]$', 'u');
const NO_LINE_END = new RegExp('^[（「『【〔〈《〖〘｛［｟‘“]$', 'u');

export interface WrappedLine {
  /** The line as shown (trailing spaces trimmed). */
  text: string;
  /** UTF-16 offsets into the wrapped text: the line covers [start, end). */
  start: number;
  end: number;
}

/**
 * Wraps one paragraph to `width` columns. Lines break after spaces where possible; words longer than a
 * line, and CJK text which has no spaces, break between characters, never inside one.
 */
function wrapParagraph(text: string, offset: number, width: number, out: WrappedLine[]): void {
  const emit = (start: number, end: number) => out.push({ text: text.slice(start - offset, end - offset).trimEnd(), start, end });
  let lineStart = offset;
  let lineWidth = 0;
  let lastBreak = -1;
  let widthAtBreak = 0;
  let prevBreak = -1;
  let widthAtPrevBreak = 0;
  let at = offset;
  for (const g of graphemes(text)) {
    const w = displayWidth(g);
    if (lastBreak === at && NO_LINE_START.test(g)) {
      // No break just before closing punctuation: the one before that is the place.
      lastBreak = prevBreak;
      widthAtBreak = widthAtPrevBreak;
      prevBreak = -1;
    }
    while (lineWidth + w > width && at > lineStart) {
      if (lastBreak > lineStart) {
        emit(lineStart, lastBreak);
        lineStart = lastBreak;
        lineWidth -= widthAtBreak;
      } else {
        emit(lineStart, at);
        lineStart = at;
        lineWidth = 0;
      }
      lastBreak = -1;
      widthAtBreak = 0;
      prevBreak = -1;
    }
    at += g.length;
    if (at - g.length === lineStart && lineStart !== offset && /^\s$/u.test(g)) {
      // A space that would begin a wrapped line is dropped there.
      lineStart = at;
      continue;
    }
    lineWidth += w;
    if ((BREAK_AFTER.test(g) || w === 2) && !NO_LINE_END.test(g)) {
      prevBreak = lastBreak;
      widthAtPrevBreak = widthAtBreak;
      lastBreak = at;
      widthAtBreak = lineWidth;
    }
  }
  emit(lineStart, at);
}

/** Wraps text to `width` columns, keeping its own line breaks, with each line's offsets. */
export function wrapLines(text: string, width: number): WrappedLine[] {
  const w = Math.max(1, width);
  const out: WrappedLine[] = [];
  let offset = 0;
  for (const paragraph of text.split('\n')) {
    wrapParagraph(paragraph, offset, w, out);
    offset += paragraph.length + 1;
  }
  return out;
}

/** Wraps text to `width` columns, keeping its own line breaks. Tabs count as four spaces. */
export function wrapText(text: string, width: number): string[] {
  return wrapLines(text.replace(/\t/g, '    '), width).map((l) => l.text);
}
