/** The escape byte that starts every terminal control sequence. */
export const ESC = '\u001b';

/**
 * A pattern for an SGR sequence (ESC [ params m, a colour or style) whose parameters match
 * `params`, followed by `then`; both are regular-expression source. Built from ESC because a
 * regex literal holding the control byte is unreadable and eslint refuses it (no-control-regex).
 */
export function sgrPattern(params: string, then = '', flags = ''): RegExp {
  return new RegExp(`${ESC}\\[(?:${params})m${then}`, flags);
}
