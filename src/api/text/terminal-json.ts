import { INVISIBLE_CLASS } from './sanitize.js';

// JSON.stringify already writes C0 controls and lone surrogates as escapes; these it leaves raw.
const RAW_BUT_UNSAFE = new RegExp(`[\\x7f-\\x9f${INVISIBLE_CLASS}]`, 'gu');

function unicodeEscape(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/**
 * JSON for a terminal or a pipe: the same value as JSON.stringify gives, but every control, format,
 * bidi and default-ignorable character (and U+2028/2029) is written as a \uXXXX escape, so that JSON.parse
 * returns exactly the value while no byte of it acts on a terminal or hides text there. Outside strings
 * JSON.stringify writes only ASCII, so each replacement lands inside a string literal.
 */
export function terminalSafeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(RAW_BUT_UNSAFE, unicodeEscape);
}
