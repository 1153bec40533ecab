import { describe, expect, it } from 'vitest';
import { formatPhone, looksLikePhone, phoneKey, phoneProblem } from '../../src/api/phone.js';
import { maskEmail, maskPhone } from '../../src/server/domain/masking.js';

const e164 = (text: string, region: string) => {
  const key = phoneKey(text, region);
  return key.ok ? key.e164 : key.reason;
};

describe('phone numbers in any common writing', () => {
  it.each([
    ['ID', ['+62 812-3456-7890', '0812 3456 7890', '62812 3456 7890', '(0812) 3456-7890', '0812.3456.7890', '+62 (0)812 3456 7890', '0062 812 3456 7890', '081234567890'], '+6281234567890'],
    ['SG', ['+65 9123 4567', '9123 4567', '91234567', '65 9123 4567', '+65-9123-4567', '(+65) 9123 4567'], '+6591234567'],
    ['MY', ['+60 12-345 6789', '012-345 6789', '0123456789', '60 12 345 6789', '(012) 345 6789'], '+60123456789'],
  ])('reads every writing of one %s number as the same E.164', (region, writings, expected) => {
    for (const writing of writings) expect([writing, e164(writing, region)]).toEqual([writing, expected]);
    for (const writing of writings) expect(looksLikePhone(writing)).toBe(true);
  });

  it('reads a number written with its country code the same on any desk', () => {
    for (const region of ['ID', 'SG', 'MY']) {
      expect(e164('+62 812-3456-7890', region)).toBe('+6281234567890');
      expect(e164('+65 9123 4567', region)).toBe('+6591234567');
      expect(e164('+60 12-345 6789', region)).toBe('+60123456789');
    }
  });

  it('reads digits starting with another country’s code as international when the desk’s own reading is impossible', () => {
    expect(e164('60 12 345 6789', 'ID')).toBe('+60123456789');
    expect(e164('6281234567890', 'SG')).toBe('+6281234567890');
    expect(e164('62 812 3456 7890', 'MY')).toBe('+6281234567890');
    expect(e164('8613812345678', 'ID')).toBe('+8613812345678');
  });

  it('says why a number cannot be one, in libphonenumber’s terms', () => {
    expect(phoneProblem('+999 1234567', 'ID')).toEqual({ reason: 'invalid_country_code', detail: 'its country code is not one any country uses' });
    expect(phoneProblem('+62 812', 'ID')?.reason).toBe('too_short');
    expect(phoneProblem('+65 925091890', 'ID')?.reason).toBe('invalid_length');
    expect(phoneProblem('+62 812 3456 7890 1234 5678', 'ID')?.reason).toBe('too_long');
    expect(phoneProblem('+62 81234567890123', 'ID')?.reason).toBe('invalid_number');
    expect(phoneProblem('0812 3456 7890', 'ID')).toBeUndefined();
    // Impossible yet keyed: a stored number of this shape is still found.
    expect(phoneKey('+65 925091890', 'ID')).toEqual({ ok: true, e164: '+65925091890', valid: false });
  });

  it('does not take names, emails or ids for phone numbers', () => {
    for (const text of ['Budi', 'budi@mail.example', 'cus_ABC123', '#12', '123', 'C-20261203-000001', 'saldo 50000 hilang']) expect([text, looksLikePhone(text)]).toEqual([text, false]);
  });
});

describe('masking in lists', () => {
  it('keeps the country code, the first 3 and the last 4 digits of a phone', () => {
    expect(maskPhone(formatPhone('+6281234567890'))).toBe('+62 812 **** 7890');
    expect(maskPhone('+62 812-3456-7890')).toBe('+62 812-****-7890');
    // Shorter numbers: at least 4 digits stay hidden.
    expect(maskPhone(formatPhone('+6591234567'))).toBe('+65 **** 4567');
    expect(maskPhone(formatPhone('+60123456789'))).toBe('+60 1* *** 6789');
    expect(maskPhone('+65 925091890')).toBe('+65 9****1890');
    expect(maskPhone('0812 3456 7890')).toBe('081* **** 7890');
  });

  it('keeps the first letter and the domain of an email', () => {
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
    expect(maskEmail('王小明@mail.example')).toBe('王***@mail.example');
    expect(maskEmail('broken')).toBe('***');
  });
});
