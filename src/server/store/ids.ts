import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz';

/**
 * A new prefixed id (`rfd_…`, `txn_…`), Stripe style: 16 characters from a 54-letter alphabet, about
 * 92 bits of randomness, in the same alphabet as the demo's ids. The tiny bias of `byte % 54` does not
 * matter for uniqueness.
 */
export function newId(prefix: string, length = 16): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${out}`;
}
