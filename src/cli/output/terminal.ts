/** Where output goes and what it may look like: tables for people on a TTY, plain text for pipes. */
export const stdoutIsTty = (): boolean => Boolean(process.stdout.isTTY);
export const stderrIsTty = (): boolean => Boolean(process.stderr.isTTY);
export const stdinIsTty = (): boolean => Boolean(process.stdin.isTTY);

export function terminalColumns(): number {
  return process.stdout.columns && process.stdout.columns > 20 ? process.stdout.columns : 100;
}

/** Machine output: exact JSON on stdout and nothing else there. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Messages for people (confirmations, progress, hints) go to stderr. */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}
