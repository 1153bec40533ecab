/**
 * How lists show a customer's phone and email: enough to tell two customers apart on a call, not
 * enough to collect. The whole values are on the customer's own page, whose every opening is audited.
 */

/**
 * `+62 812 3456 7890` → `+62 812 **** 7890`: the country code and the last 4 digits stay, and up to 3
 * digits after the country code, as long as at least 4 are hidden (`+65 **** 4567`).
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  const country = phone.trim().startsWith('+') ? countryCodeDigits(phone) : 0;
  const keepEnd = 4;
  const keepStart = country + Math.max(0, Math.min(3, digits - country - keepEnd - 4));
  let seen = 0;
  return phone.replace(/\d/g, (d) => {
    seen++;
    return seen <= keepStart || seen > digits - keepEnd ? d : '*';
  });
}

/** `alice@example.com` → `a***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const first = [...email.slice(0, at)][0] ?? '';
  return `${first}***${email.slice(at)}`;
}

/** Digits of the country code as written (`+62 812…` → 2; `+6281…` → 2 for the common 2-digit codes). */
function countryCodeDigits(phone: string): number {
  const written = /^\s*\+(\d{1,3})[\s.\-(]/.exec(phone);
  return written ? written[1]!.length : 2;
}
