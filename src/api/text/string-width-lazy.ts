import { createRequire } from 'node:module';
import type stringWidthFunction from 'string-width';

type StringWidth = typeof stringWidthFunction;

// Not imported at the top: evaluating string-width sets up an Intl.Segmenter and its Unicode tables,
// some 30 ms of CPU that a first frame of simple text (simple-width.ts) never needs. It is loaded, once,
// by the first string that needs it (require of an ES module is synchronous in Node >= 22.12).
const requireHere = createRequire(import.meta.url);
let loaded: StringWidth | undefined;

/** string-width itself, loaded on the first call. */
export function lazyStringWidth(text: string, options?: Parameters<StringWidth>[1]): number {
  loaded ??= (requireHere('string-width') as { default: StringWidth }).default;
  return loaded(text, options);
}
