import { describe, expect, it } from 'vitest';
import { terminalSafeJson } from '../../src/api/text/terminal-json.js';

// Raw in the bytes, any of these acts on a terminal or hides text there.
const RAW_UNSAFE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cs}\u2028\u2029]/u;

describe('terminalSafeJson', () => {
  it('writes every control, format, bidi and default-ignorable character as an escape, and parses back to the same value', () => {
    const every: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) every.push(String.fromCodePoint(cp));
    // Lone surrogates too, which a server could send in a string.
    const value = { every: every.join(''), lone: 'a\uD800b\uDC00', 'key \u202E\u0085': ['\u001b]52;c;x\u0007', '\u{E0041}', '🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}'] };
    for (const space of [undefined, 2]) {
      const json = terminalSafeJson(value, space);
      const structural = json.replace(/\n/g, '');
      expect(RAW_UNSAFE.exec(structural)?.[0].codePointAt(0)?.toString(16)).toBeUndefined();
      expect(JSON.parse(json)).toEqual(value);
      expect(JSON.parse(json).every).toBe(value.every);
    }
  });

  it('matches JSON.stringify for text with nothing to escape', () => {
    const value = { subject: 'Halo 你好 👍 🇮🇩 café', amount: 1_000, list: [null, true] };
    expect(terminalSafeJson(value, 2)).toBe(JSON.stringify(value, null, 2));
    // Even a joiner inside an emoji is escaped: JSON is read by programs, and the value is the same.
    expect(terminalSafeJson({ s: '👨‍👩‍👧' })).toBe('{"s":"👨\\u200d👩\\u200d👧"}');
    expect(terminalSafeJson({ s: '\u202E' })).toBe('{"s":"\\u202e"}');
    expect(terminalSafeJson({ s: '\u{E0041}' })).toBe('{"s":"\\udb40\\udc41"}');
  });
});
