/**
 * Macro templates: the variables a macro body may use and how a body is read. Shared by the server
 * (validation at save time, rendering) and by clients (highlighting variables in a preview).
 */

/** Every variable a macro may use, with where its value comes from. */
export const MACRO_VARIABLES = {
  'customer.name': "the conversation's customer",
  'account.id': "the customer's wallet account (accountId, else the transaction's account, else the customer's only wallet)",
  'transaction.id': 'the transaction the conversation is about (transactionId, else the one transaction mentioned in the conversation)',
  'complaint.number': "the conversation's complaint (the open one, else the latest)",
  'agent.name': 'the agent rendering the macro',
  'incident.title': 'the title of the incident the conversation is linked to',
  'incident.eta': "that incident's expected end, in the customer's language",
  'incident.update': "that incident's latest update to customers, in the customer's language",
} as const;

export type MacroVariable = keyof typeof MACRO_VARIABLES;
export const MACRO_VARIABLE_NAMES = Object.keys(MACRO_VARIABLES) as MacroVariable[];

export function isMacroVariable(name: string): name is MacroVariable {
  return Object.hasOwn(MACRO_VARIABLES, name);
}

/** Error codes of macro saving and rendering: clients branch on these. */
export const MACRO_ERROR_CODES = {
  /** A body names a variable that does not exist ({{customer.nmae}}). */
  unknownVariable: 'macro_variable_unknown',
  /** A variable exists but this conversation has no value for it (no complaint yet, no transaction mentioned). */
  unfillableVariable: 'macro_variable_unfillable',
  /** A body has a "{{" without its "}}", or the other way round. */
  malformedTemplate: 'macro_template_malformed',
} as const;

export type TemplatePart = { text: string } | { variable: string };

export interface TemplateProblem {
  kind: 'unknown_variable' | 'malformed';
  /** The variable name as written (trimmed), or the offending fragment for malformed text. */
  name: string;
  message: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/**
 * Splits a body into text and variables. `{{ customer.name }}` and `{{customer.name}}` are the same;
 * a `{{` or `}}` left over after the placeholders are taken out is a malformed template, so that a
 * typo such as `{{customer.name}` is refused instead of reaching a customer as it is.
 */
export function parseTemplate(body: string): { parts: TemplatePart[]; problems: TemplateProblem[] } {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let last = 0;
  let rest = '';
  for (const match of body.matchAll(PLACEHOLDER)) {
    const text = body.slice(last, match.index);
    if (text) parts.push({ text });
    rest += text;
    const name = match[1]!.trim();
    parts.push({ variable: name });
    if (!isMacroVariable(name)) {
      problems.push({
        kind: 'unknown_variable',
        name,
        message: `{{${name}}} is not a known variable; use one of ${MACRO_VARIABLE_NAMES.map((v) => `{{${v}}}`).join(', ')}`,
      });
    }
    last = match.index + match[0].length;
  }
  const tail = body.slice(last);
  if (tail) parts.push({ text: tail });
  rest += tail;
  for (const brace of ['{{', '}}']) {
    const at = rest.indexOf(brace);
    if (at >= 0) {
      const fragment = rest.slice(Math.max(0, at - 10), at + 20).replace(/\s+/g, ' ');
      problems.push({ kind: 'malformed', name: fragment, message: `has a "${brace}" without its ${brace === '{{' ? 'closing "}}"' : 'opening "{{"'} near "${fragment}"` });
      break;
    }
  }
  return { parts, problems };
}

/** The distinct variables a body uses, in order of first use. */
export function variablesOf(body: string): string[] {
  const names = parseTemplate(body).parts.flatMap((p) => ('variable' in p ? [p.variable] : []));
  return [...new Set(names)];
}
