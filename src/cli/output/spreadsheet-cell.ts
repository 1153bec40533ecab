/**
 * What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): = + - @, a tab or a
 * carriage return, and also a line feed and the full-width ＝ ＋ － ＠, which some spreadsheets
 * (and Japanese or Chinese input methods) turn into the same.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A text cell of a CSV file people open in a spreadsheet, made inert: a leading ' makes the
 * spreadsheet show the text as it is instead of running it ("=HYPERLINK(…)" from a customer's
 * message, say). Only text goes through here: numbers the CLI writes itself stay numbers.
 */
export function spreadsheetText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
