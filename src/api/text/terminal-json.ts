import { isUnsafeCodePoint } from './sanitize.js';

const BEYOND_ASCII = /[\x7f-\u{10ffff}]/gu;

function unicodeEscape(unit: number): string {
  return `\\u${unit.toString(16).padStart(4, '0')}`;
}

/**
 * JSON for a terminal or a pipe: the same value as JSON.stringify gives, but every control, format,
 * bidi and default-ignorable character (and U+2028/2029) is written as a \uXXXX escape, so that JSON.parse
 * returns exactly the value while no byte of it acts on a terminal or hides text there. Outside strings
 * JSON.stringify writes only ASCII, so each replacement lands inside a string literal.
 */
export function terminalSafeJson(value: unknown, space?: number): string {
  const json = JSON.stringify(value, null, space);
  let out = '';
  let from = 0;
  // JSON.stringify already escapes C0 controls and lone surrogates; printable ASCII is safe, so the
  // search jumps from one other character to the next.
  BEYOND_ASCII.lastIndex = 0;
  for (let match = BEYOND_ASCII.exec(json); match; match = BEYOND_ASCII.exec(json)) {
    const index = match.index;
    const cp = json.codePointAt(index)!;
    if (!isUnsafeCodePoint(cp)) continue;
    out += json.slice(from, index) + unicodeEscape(json.charCodeAt(index)) + (cp > 0xffff ? unicodeEscape(json.charCodeAt(index + 1)) : '');
    from = index + (cp > 0xffff ? 2 : 1);
  }
  return from === 0 ? json : out + json.slice(from);
}
