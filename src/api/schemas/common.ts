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

export const Cursor = Type.String({ minLength: 1, maxLength: 512 });

export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });

/** One page of a list: `nextCursor` is null on the last page. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ data: Type.Array(item), nextCursor: Type.Union([Cursor, Type.Null()]) });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
