import Type, { type TSchema } from 'typebox';
import { CURRENCIES } from '../currencies.js';
import { MAX_MINOR_UNITS } from '../money.js';

const PATTERN_HINTS = new Map<string, string>();

/** A string with a pattern and the sentence a person reads when a value does not match it. */
export function PatternString(pattern: string, hint: string, options: { maxLength?: number; description?: string } = {}) {
  PATTERN_HINTS.set(pattern, hint);
  return Type.String({ pattern, ...options });
}

export function patternHint(pattern: string): string {
  return PATTERN_HINTS.get(pattern) ?? `must match ${pattern}`;
}

/**
 * Rules about which characters a well-formed value may hold. A value that breaks one is understood
 * but cannot be kept (PostgreSQL text cannot store U+0000; a name must not hide or fake what it
 * shows), so the server answers 422 for it in a body, where a malformed value gets 400.
 */
const CHARACTER_RULES = new Set<string>();

function CharacterRule(pattern: string, hint: string, options: { minLength?: number; maxLength?: number; description?: string }) {
  CHARACTER_RULES.add(pattern);
  PATTERN_HINTS.set(pattern, hint);
  return Type.String({ pattern, ...options });
}

export const isCharacterRule = (pattern: string) => CHARACTER_RULES.has(pattern);

const NO_NUL = '^[^\\u0000]*$';

/**
 * Text a person types (notes, replies, passwords, search terms): any character but NUL. Other
 * control characters are kept as typed and escaped on the way to a terminal (src/api/text/sanitize.ts).
 */
export const Text = (options: { minLength?: number; maxLength?: number; description?: string } = {}) =>
  CharacterRule(NO_NUL, 'must not contain the NUL character (U+0000)', options);

/**
 * What a customer wrote, brought in by a channel: kept whatever it holds, since a customer's words are
 * never dropped. A NUL is stored as U+2400 "␀" (PostgreSQL text cannot hold U+0000).
 */
export const CustomerText = (options: { minLength?: number; maxLength?: number }) =>
  Type.String({ ...options, description: 'Any text; each NUL (U+0000) is stored and shown as U+2400 "␀".' });

// Controls (C0, C1), format characters (bidi overrides, zero-width), lone surrogates, line and
// paragraph separators and other default-ignorable code points: each hides or fakes what a name shows.
const HIDDEN = '\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}\\p{Default_Ignorable_Code_Point}';

/** A person's name as others see it in lists and audit entries: visible characters and spaces only. */
export const PersonName = (options: { minLength?: number; maxLength?: number } = {}) =>
  CharacterRule(`^[^${HIDDEN}]*$`, 'must not contain control, format or invisible characters', options);

/** An agent's email: one @, no spaces, and none of the characters a name refuses. */
export const Email = (options: { minLength?: number; maxLength?: number } = {}) =>
  CharacterRule(`^[^\\s@${HIDDEN}]+@[^\\s@${HIDDEN}]+$`, 'must be an email address (name@host) without spaces, control or invisible characters', options);

/** ISO 8601 instant in UTC, e.g. 2026-11-23T08:15:00.000Z. */
export const Timestamp = Type.String({ format: 'date-time' });

/** Prefixed opaque identifiers, Stripe style: cus_…, wal_…, txn_…, agt_… */
export const PrefixedId = (prefix: string) =>
  PatternString(`^${prefix}_[0-9A-Za-z]{6,32}$`, `must be an id starting with ${prefix}_`, { maxLength: 40 });

export const CurrencyCode = Type.Enum(CURRENCIES);

/** Integer minor units plus ISO 4217 code. No floating point ever carries money. */
export const Money = Type.Object(
  {
    amount: Type.Integer({
      minimum: -MAX_MINOR_UNITS,
      maximum: MAX_MINOR_UNITS,
      description: `integer minor units of the currency, never beyond ±${MAX_MINOR_UNITS} (10^15): the ledger refuses a posting or refund that would produce more (422 amount_out_of_range, balance_out_of_range), and a stored value beyond it is refused on read (409 stored_value_out_of_range)`,
    }),
    currency: CurrencyCode,
  },
  { additionalProperties: false },
);

/** Opaque, as a list gave it out; anything else (a NUL included) is 400 `bad_cursor`. */
export const Cursor = Type.String({ minLength: 1, maxLength: 512 });

export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });

/** One page of a list: `nextCursor` is null on the last page. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ data: Type.Array(item), nextCursor: Type.Union([Cursor, Type.Null()]) });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
