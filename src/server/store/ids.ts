import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz';

/**
 * A new prefixed id (`mac_…`, `rfd_…`, `txn_…`), Stripe style: 16 characters from a 54-letter
 * alphabet (about 92 bits), in the same alphabet as the demo's ids.
 */
export function newId(prefix: string, length = 16): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}_${out}`;
}
