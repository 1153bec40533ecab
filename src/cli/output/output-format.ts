import { terminalSafeJson } from '../../api/text/terminal-json.js';
import { selectFields } from './select-fields.js';

/**
 * How this run prints its JSON: chosen once from --fields, --jq and --template before the command's
 * action runs (output-options.ts), applied here to whatever the command prints. Without any of them
 * the JSON is printed whole, as it always was.
 */
export interface OutputFormat {
  fields?: readonly string[];
  /** A compiled --jq or --template: the text to print for one JSON value. */
  render?: (value: unknown) => string;
}

let active: OutputFormat = {};

export function setOutputFormat(format: OutputFormat): void {
  active = format;
}

/** The text for one JSON answer: `pretty` for a whole answer, `line` for one value of a stream. */
export function formatJson(value: unknown, layout: 'pretty' | 'line'): string {
  const selected = active.fields ? selectFields(value, active.fields, { strict: layout === 'pretty' }) : value;
  if (active.render) return active.render(selected);
  return `${terminalSafeJson(selected, layout === 'pretty' ? 2 : undefined)}\n`;
}
