/**
 * The one sanitizer for untrusted text (anything a customer or the server sends) on its way to a
 * terminal. Control characters, escape sequences, bidi and invisible format characters are shown in a
 * visible escaped form ("\x1b", "\u202e") instead of acting on the terminal. Newlines and tabs are kept
 * in multi-line text; everything printable, including CJK, emoji and combining marks, passes through.
 */

export interface Segment {
  text: string;
  /** True for the visible stand-in of a character that was neutralised. */
  escaped: boolean;
}

// Bidi embeddings, overrides and isolates, marks, and zero-width/invisible format characters.
const FORMAT_CHARS = new Set([
  0x061c, 0x200b, 0x200c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2028, 0x2029, 0x2060, 0x2061, 0x2062, 0x2063,
  0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0x206a, 0x206b, 0x206c, 0x206d, 0x206e, 0x206f, 0xfeff, 0xfff9, 0xfffa, 0xfffb,
]);
const ZWJ = 0x200d;
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}/u;

function escapeCode(cp: number): string {
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
  return `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** Why a code point may not reach the terminal as itself, or null when it may. */
function isUnsafe(cp: number, prev: string | undefined, next: string | undefined, multiline: boolean): boolean {
  if (cp === 0x0a || cp === 0x09) return !multiline;
  if (cp < 0x20 || cp === 0x7f) return true; // C0 controls (ESC, BEL, CR, BS…) and DEL
  if (cp >= 0x80 && cp <= 0x9f) return true; // C1 controls, CSI (0x9b) and OSC (0x9d) among them
  if (cp >= 0xd800 && cp <= 0xdfff) return true; // a lone surrogate
  if (cp === ZWJ) {
    // Joins emoji sequences (👨‍👩‍👧); anywhere else it only hides text.
    return !(prev && next && PICTOGRAPHIC.test(prev) && PICTOGRAPHIC.test(next));
  }
  return FORMAT_CHARS.has(cp);
}

/** Splits text into safe runs and escaped stand-ins, so that a UI can style the stand-ins. */
export function sanitizeSegments(input: string, options: { multiline?: boolean } = {}): Segment[] {
  const multiline = options.multiline ?? true;
  const text = input.replace(/\r\n/g, '\n');
  const segments: Segment[] = [];
  let safe = '';
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const cp = ch.codePointAt(0)!;
    if (!isUnsafe(cp, chars[i - 1], chars[i + 1], multiline)) {
      safe += ch;
      continue;
    }
    if (safe) segments.push({ text: safe, escaped: false });
    safe = '';
    const standIn = !multiline && cp === 0x0a ? '⏎' : !multiline && cp === 0x09 ? ' ' : escapeCode(cp);
    segments.push({ text: standIn, escaped: standIn !== ' ' });
  }
  if (safe) segments.push({ text: safe, escaped: false });
  return segments;
}

/** Sanitised text as one string. Multi-line keeps \n and \t; single-line (table cells) folds them. */
export function sanitize(input: string, options: { multiline?: boolean } = {}): string {
  let out = '';
  for (const segment of sanitizeSegments(input, options)) out += segment.text;
  return out;
}
