/**
 * The one sanitizer for untrusted text (anything a customer or the server sends) on its way to a
 * terminal. Control characters, escape sequences, bidi and invisible format characters are shown in a
 * visible escaped form ("\x1b", "\u202e", "\u{e0041}") instead of acting on the terminal or hiding
 * text. Newlines and tabs are kept in multi-line text; everything printable, including CJK, emoji and
 * combining marks, passes through.
 *
 * What counts as unsafe comes from the Unicode data the JavaScript engine carries, not from a list kept
 * here: every control (Cc), format character (Cf, the bidi controls among them), Default_Ignorable_Code_Point
 * (tag characters, variation selectors, Hangul fillers, soft hyphen…), lone surrogate, and the line and
 * paragraph separators. Three kinds of invisible character are kept where an emoji or an ideograph
 * needs them to render: a ZWJ between two emoji (👨‍👩‍👧), one variation selector after a visible
 * character (❤️, #️⃣, 葛󠄀), and the tag characters of an RGI emoji tag sequence (🏴󠁧󠁢󠁥󠁮󠁧󠁿).
 */

export interface Segment {
  text: string;
  /** True for the visible stand-in of a character that was neutralised. */
  escaped: boolean;
}

// What is unsafe comes from these properties; each code point is tested once, on first sight, and the
// answer kept in a table, so that a call costs a table read a character instead of a regex run.
const INVISIBLE_CLASS = String.raw`\p{Cf}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\u2028\u2029`;
const UNSAFE_CHAR = new RegExp(`^[\\p{Cc}${INVISIBLE_CLASS}]$`, 'u');
const UNKNOWN = 0;
const SAFE = 1;
const UNSAFE = 2;
let known: Uint8Array | undefined;

/** Whether a code point is a control, format, bidi or default-ignorable character, or U+2028/2029. */
export function isUnsafeCodePoint(cp: number): boolean {
  // Allocated on first use: the pages of the 1.1 MB table are only touched for characters seen.
  known ??= new Uint8Array(0x110000);
  let answer = known[cp]!;
  if (answer === UNKNOWN) {
    answer = UNSAFE_CHAR.test(String.fromCodePoint(cp)) ? UNSAFE : SAFE;
    known[cp] = answer;
  }
  return answer === UNSAFE;
}

// Most text is printable ASCII: one cheap test answers for it.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const ZWJ = 0x200d;
const EMOJI_PART = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}]$/u;
const VARIATION_SELECTOR = /^\p{Variation_Selector}$/u;
const IDEOGRAPH = /^\p{Ideographic}$/u;
const MONGOLIAN = /^\p{Script=Mongolian}$/u;
const VISIBLE_BASE = /^[^\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}\p{White_Space}]$/u;
const TAG_FIRST = 0xe0000;
const TAG_LAST = 0xe007f;
const TAG_END = 0xe007f;
const RGI_TAG_SEQUENCE = new RegExp(String.raw`^\p{RGI_Emoji_Tag_Sequence}$`, 'v');

function escapeCode(cp: number): string {
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\u{${cp.toString(16)}}`;
}

/** The character that ends just before `index`, or '' at the start. */
function charBefore(text: string, index: number): string {
  if (index === 0) return '';
  const low = text.charCodeAt(index - 1);
  const start = index >= 2 && low >= 0xdc00 && low <= 0xdfff && (text.charCodeAt(index - 2) & 0xfc00) === 0xd800 ? index - 2 : index - 1;
  return text.slice(start, index);
}

function charAt(text: string, index: number): string {
  const cp = text.codePointAt(index);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Whether a variation selector at `index` selects a glyph for the visible character before it. */
function selectsGlyph(text: string, index: number, cp: number): boolean {
  const base = charBefore(text, index);
  if (!VISIBLE_BASE.test(base)) return false;
  if (cp >= 0xe0100) return IDEOGRAPH.test(base); // ideographic variation sequences
  if (MONGOLIAN.test(String.fromCodePoint(cp))) return MONGOLIAN.test(base); // free variation selectors
  return true;
}

/** The end of the run of tag characters starting at `index`. */
function tagRunEnd(text: string, index: number): number {
  let end = index;
  for (;;) {
    const cp = text.codePointAt(end);
    if (cp === undefined || cp < TAG_FIRST || cp > TAG_LAST) return end;
    end += 2;
    if (cp === TAG_END) return end;
  }
}

/** Calls `escape` for each unsafe character, in order, with its offset, length and stand-in. */
function eachUnsafe(text: string, multiline: boolean, escape: (index: number, length: number, standIn: string) => void): void {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0x20 && unit < 0x7f) continue;
    if (multiline && (unit === 0x0a || unit === 0x09)) continue;
    let cp = unit;
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const low = text.charCodeAt(index + 1);
      if (unit > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) {
        escape(index, 1, escapeCode(unit)); // a lone surrogate
        continue;
      }
      cp = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
    }
    const length = cp > 0xffff ? 2 : 1;
    if (!isUnsafeCodePoint(cp)) {
      index += length - 1;
      continue;
    }
    if (cp === ZWJ) {
      // Joins emoji sequences (👨‍👩‍👧); anywhere else it only hides text.
      if (EMOJI_PART.test(charBefore(text, index)) && EMOJI_PART.test(charAt(text, index + 1))) continue;
    } else if (cp >= TAG_FIRST && cp <= TAG_LAST) {
      // A flag like 🏴󠁧󠁢󠁥󠁮󠁧󠁿 spells its region in tag characters; any other run of them is hidden text.
      const end = tagRunEnd(text, index);
      if (!RGI_TAG_SEQUENCE.test(text.slice(index - charBefore(text, index).length, end))) {
        for (let at = index; at < end; at += 2) escape(at, 2, escapeCode(text.codePointAt(at)!));
      }
      index = end - 1; // the whole run at once: a long one is not scanned again for each of its characters
      continue;
    } else if (VARIATION_SELECTOR.test(String.fromCodePoint(cp))) {
      if (selectsGlyph(text, index, cp)) {
        index += length - 1;
        continue;
      }
    }
    const standIn = multiline ? escapeCode(cp) : cp === 0x0a ? '⏎' : cp === 0x09 ? ' ' : escapeCode(cp);
    escape(index, length, standIn);
    index += length - 1;
  }
}

/** The text with CR LF made LF, or null when it is printable ASCII and safe as it stands. */
function textToScan(input: string): string | null {
  if (PRINTABLE_ASCII.test(input)) return null;
  return input.includes('\r\n') ? input.replace(/\r\n/g, '\n') : input;
}

/** Splits text into safe runs and escaped stand-ins, so that a UI can style the stand-ins. */
export function sanitizeSegments(input: string, options: { multiline?: boolean } = {}): Segment[] {
  const multiline = options.multiline ?? true;
  const text = textToScan(input);
  if (text === null) return input ? [{ text: input, escaped: false }] : [];
  const segments: Segment[] = [];
  let from = 0;
  eachUnsafe(text, multiline, (index, length, standIn) => {
    if (index > from) segments.push({ text: text.slice(from, index), escaped: false });
    // A folded tab is a plain space, not a stand-in.
    if (standIn === ' ') segments.push({ text: ' ', escaped: false });
    else segments.push({ text: standIn, escaped: true });
    from = index + length;
  });
  if (from < text.length) segments.push({ text: text.slice(from), escaped: false });
  return segments;
}

/** Sanitised text as one string. Multi-line keeps \n and \t; single-line (table cells) folds them. */
export function sanitize(input: string, options: { multiline?: boolean } = {}): string {
  const multiline = options.multiline ?? true;
  const text = textToScan(input);
  if (text === null) return input;
  let out = '';
  let from = 0;
  eachUnsafe(text, multiline, (index, length, standIn) => {
    out += text.slice(from, index) + standIn;
    from = index + length;
  });
  return out + text.slice(from);
}
