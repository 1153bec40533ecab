import type { Context } from './command-spec.js';

/** The methods an API action may use. */
export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** What a custom action runs: a command of the palette, a macro, an API call or a shell command. */
export type ActionRun =
  | { kind: 'command'; command: string }
  | { kind: 'macro'; shortcut: string }
  | { kind: 'api'; method: ApiMethod; path: string; body?: unknown }
  | { kind: 'shell'; command: string };

/** A user-defined key from the config file (`actions`), checked at start (input/custom-actions.ts). */
export interface CustomAction {
  /** The command id it has in the keymap table: custom.1, custom.2… in the order of the file. */
  id: string;
  key: string;
  context: Context;
  title: string;
  run: ActionRun;
  /** Asked before it runs, with its variables filled in. */
  confirm?: string;
  /** Shown with a warning; hidden in read-only mode (isDangerousAction). */
  dangerous: boolean;
  /** Where it was defined, shown in help and the palette: "config actions[2]". */
  source: string;
}

/** The template variables an action may use, written {{conversation.id}}. */
export const ACTION_VARIABLES = ['conversation.id', 'customer.id', 'agent.email', 'agent.id', 'profile'] as const;
export type ActionVariable = (typeof ACTION_VARIABLES)[number];
export type ActionValues = Partial<Record<ActionVariable, string>>;

const TEMPLATE = /\{\{\s*([\w.]+)\s*\}\}/g;

/** The variables a template names, known or not. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(TEMPLATE)].map((m) => m[1]!);
}

/** Fills a template; each value passes through `quote` (shell quoting, URL encoding). Undefined when a variable has no value here. */
export function fillTemplate(template: string, values: ActionValues, quote: (value: string) => string = (v) => v): string | undefined {
  let missing = false;
  const filled = template.replace(TEMPLATE, (_, name: string) => {
    const value = values[name as ActionVariable];
    if (value === undefined) missing = true;
    return value === undefined ? '' : quote(value);
  });
  return missing ? undefined : filled;
}

/** A value as one word for sh: single-quoted, its own single quotes closed and escaped. */
export const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Whether an action may change or reveal what a read-only session must not: those marked
 * `dangerous: true` in the config. Read-only mode hides and refuses them with this predicate.
 */
export function isDangerousAction(action: Pick<CustomAction, 'dangerous'>): boolean {
  return action.dangerous;
}
