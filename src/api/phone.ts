import { parsePhoneNumberWithError, ParseError, validatePhoneNumberLength, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

export type PhoneProblem = 'too_short' | 'too_long' | 'invalid_country_code' | 'invalid_length' | 'invalid_number' | 'not_a_number';

export type PhoneKey =
  | { ok: true; e164: string; valid: boolean }
  | { ok: false; reason: PhoneProblem; detail: string };

const DETAILS: Record<PhoneProblem, string> = {
  too_short: 'it is too short to be a phone number',
  too_long: 'it is too long to be a phone number',
  invalid_country_code: 'its country code is not one any country uses',
  invalid_length: 'no number of its country has that many digits',
  invalid_number: 'no number of its country starts that way',
  not_a_number: 'it is not a phone number',
};

/**
 * Reads a phone number in any common writing (`+62 812-3456-7890`, `0812 3456 7890`, `62812…`,
 * `(0812) …`) as E.164, national numbers in `region` (ISO 3166 code, the desk's main market).
 * Without a leading + or 00, digits starting with a country code are read as international when the
 * region's own reading is not a valid number (62812… in Indonesia).
 * `valid: false`: the number parses (known country code) but libphonenumber finds it impossible for
 * its country. It is still keyed, so a stored number of that shape is found; `phoneProblem` says why.
 */
export function phoneKey(text: string, region: string): PhoneKey {
  const trimmed = text.trim().replace(/^00/, '+');
  let local: PhoneNumber;
  try {
    local = parsePhoneNumberWithError(trimmed, region as CountryCode);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    const reason = problemOf(error.message);
    return { ok: false, reason, detail: DETAILS[reason] };
  }
  if (!trimmed.startsWith('+') && !local.isValid()) {
    const international = tryParse(`+${trimmed}`);
    if (international?.isValid()) return keyOf(international);
  }
  return keyOf(local);
}

/** Why libphonenumber finds a number impossible (too short, invalid country code…), or undefined when it is valid. */
export function phoneProblem(text: string, region: string): { reason: PhoneProblem; detail: string } | undefined {
  const key = phoneKey(text, region);
  if (!key.ok) return { reason: key.reason, detail: key.detail };
  if (key.valid) return undefined;
  const reason = problemOf(validatePhoneNumberLength(key.e164) ?? 'INVALID_NUMBER');
  return { reason, detail: DETAILS[reason] };
}

/** The country (ISO 3166) of an E.164 number, or null when its code is shared and the number does not say (+1 800…). */
export function phoneCountry(e164: string): string | null {
  return tryParse(e164)?.country ?? null;
}

/** Looks like someone typed a phone number: digits with the usual separators, at least 5 digits. */
export function looksLikePhone(text: string): boolean {
  const t = text.trim();
  return /^(\+|00|\(\+?|\d)[\d\s().\-/]*$/.test(t) && (t.match(/\d/g)?.length ?? 0) >= 5;
}

function keyOf(parsed: PhoneNumber): PhoneKey {
  return { ok: true, e164: `+${parsed.countryCallingCode}${parsed.nationalNumber}`, valid: parsed.isValid() };
}

function tryParse(text: string): PhoneNumber | undefined {
  try {
    return parsePhoneNumberWithError(text);
  } catch {
    return undefined;
  }
}

function problemOf(code: string): PhoneProblem {
  switch (code) {
    case 'TOO_SHORT':
      return 'too_short';
    case 'TOO_LONG':
      return 'too_long';
    case 'INVALID_COUNTRY':
      return 'invalid_country_code';
    case 'INVALID_LENGTH':
      return 'invalid_length';
    case 'INVALID_NUMBER':
      return 'invalid_number';
    default:
      return 'not_a_number';
  }
}

/** A phone as people write it internationally (`+62 812-3456-7890`), or as given when it is not a number libphonenumber can format. */
export function formatPhone(phone: string): string {
  const parsed = tryParse(phone.trim().startsWith('+') ? phone : `+${phone.replace(/\D/g, '')}`);
  return parsed?.isValid() ? parsed.formatInternational() : phone;
}
