import type stringWidth from 'string-width';
import { simpleWidth } from './simple-width.js';
import { lazyStringWidth } from './string-width-lazy.js';

/**
 * string-width with a fast path for simple text (see simple-width.ts). The build puts this in place of
 * string-width for the libraries that measure text as they draw (Ink, wrap-ansi, widest-line,
 * slice-ansi, cli-truncate), so that a first frame of Chinese or Indonesian rows does not compile
 * string-width's Unicode regular expressions. Calls with options go to string-width unchanged.
 */
export default function fastStringWidth(input: string, options?: Parameters<typeof stringWidth>[1]): number {
  if (options === undefined && typeof input === 'string') {
    const simple = simpleWidth(input);
    if (simple !== undefined) return simple;
  }
  return lazyStringWidth(input, options);
}
