import { terminalSafeJson } from '../../api/text/terminal-json.js';
import { CliError } from './cli-error.js';
import { selectFields } from './select-fields.js';

/**
 * How this run prints its JSON: chosen once from --fields, --jq and --template before the command's
 * action runs (output-options.ts), applied here to whatever the command prints. Without any of them
 * the JSON is printed whole, as it always was.
 */
export interface OutputFormat {
  fields?: readonly string[];
  /**
   * The fields were checked against the command's answer shape before it ran: a field that this one
   * answer leaves out (an optional one) is then simply absent, not an error after the change.
   */
  fieldsChecked?: boolean;
  /** A compiled --jq or --template: the text to print for one JSON value. */
  render?: (value: unknown) => string;
  /**
   * The command changes the desk: its answer, which --fields is checked against, comes after the
   * change, and an error about the output must not read as if nothing happened.
   */
  afterChange?: boolean;
}

let active: OutputFormat = {};

export function setOutputFormat(format: OutputFormat): void {
  active = format;
}

/** The text for one JSON answer: `pretty` for a whole answer, `line` for one value of a stream. */
export function formatJson(value: unknown, layout: 'pretty' | 'line'): string {
  try {
    const selected = active.fields ? selectFields(value, active.fields, { strict: layout === 'pretty' && !active.fieldsChecked }) : value;
    if (active.render) return active.render(selected);
    return `${terminalSafeJson(selected, layout === 'pretty' ? 2 : undefined)}\n`;
  } catch (error) {
    if (active.afterChange && error instanceof CliError) throw new CliError(error.message, error.exitCode, 'the change itself was made: only printing its answer failed (bare --json prints all of it)');
    throw error;
  }
}
