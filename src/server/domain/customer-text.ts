/** U+2400 SYMBOL FOR NULL: the printable picture Unicode gives the NUL control character. */
export const NUL_STAND_IN = '\u2400';

/**
 * A customer's words are never dropped, but PostgreSQL text cannot hold U+0000 (SQLite can: the rule
 * is the same on both, so that an answer does not depend on the engine). Each NUL in text a channel
 * brings in (subject, message body) is kept as U+2400 "␀", which shows where it was, on one column,
 * in every terminal, JSON document and search index. It is the only change: other control characters
 * are stored as sent and escaped on their way to a terminal (src/api/text/sanitize.ts).
 */
export const keepCustomerText = (text: string): string => text.replaceAll('\u0000', NUL_STAND_IN);
