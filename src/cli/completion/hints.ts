/**
 * What shell completion offers for an option's or argument's value, attached to the parser function
 * the command's definition already gives commander: the definition is the one place that says it.
 */
export type LiveKind = 'conversation' | 'macro' | 'agent' | 'profile' | 'view';

export type CompletionHint =
  /** One of a closed vocabulary (src/api/enums.ts). */
  | { values: readonly string[]; list?: boolean }
  /** Values the API knows (fetched with a short timeout, cached) or the config file holds. */
  | { live: LiveKind };

const hints = new WeakMap<object, CompletionHint>();

/** Marks a commander parser with what completes its value; returns the parser itself. */
export function completes<F extends (...args: never[]) => unknown>(hint: CompletionHint, parser: F): F {
  hints.set(parser, hint);
  return parser;
}

/** A parser that keeps the value as typed, for values checked later but completed from a source. */
export function completedAs(hint: CompletionHint): (value: string) => string {
  return completes(hint, (value: string) => value);
}

export function completionHint(parser: unknown): CompletionHint | undefined {
  return typeof parser === 'function' ? hints.get(parser) : undefined;
}
