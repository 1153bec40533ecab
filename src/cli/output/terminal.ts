import { sanitize } from '../../api/text/sanitize.js';
import { terminalSafeJson } from '../../api/text/terminal-json.js';
import { formatJson } from './output-format.js';

/** Where output goes and what it may look like: tables for people on a TTY, plain text for pipes. */
export const stdoutIsTty = (): boolean => Boolean(process.stdout.isTTY);
export const stderrIsTty = (): boolean => Boolean(process.stderr.isTTY);
export const stdinIsTty = (): boolean => Boolean(process.stdin.isTTY);

export function terminalColumns(): number {
  return process.stdout.columns && process.stdout.columns > 20 ? process.stdout.columns : 100;
}

/**
 * Machine output: exact JSON on stdout and nothing else there. Control, format and bidi characters in
 * strings are written as \uXXXX escapes: the parsed value is the same, the bytes are safe on a terminal.
 * --fields, --jq and --template apply here, for every command at once.
 */
export function printJson(value: unknown): void {
  process.stdout.write(formatJson(value, 'pretty'));
}

/** One value of a JSON Lines stream on stdout (bulk --json, queue --watch --json), formatted as printJson. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(formatJson(value, 'line'));
}

/** One JSON value a line (JSON Lines), escaped as printJson does, for files: never reformatted. */
export function jsonLine(value: unknown): string {
  return `${terminalSafeJson(value)}\n`;
}

/** Plain text for people on stdout, sanitised whole: it may carry anything the server sent. */
export function print(text: string): void {
  process.stdout.write(`${sanitize(text)}\n`);
}

/**
 * Messages for people (confirmations, progress, hints) go to stderr, sanitised whole: they quote names,
 * emails and details the server sent. A style (colour) is applied after, so that its escapes survive.
 */
export function note(text: string, style?: (text: string) => string): void {
  const safe = sanitize(text);
  process.stderr.write(`${style ? style(safe) : safe}\n`);
}
