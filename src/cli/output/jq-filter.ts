import { loadJq, type Jq } from 'jq-wasm';
import { sanitize } from '../../api/text/sanitize.js';
import { terminalSafeJson } from '../../api/text/terminal-json.js';
import { usageError } from './cli-error.js';

/** jq's first message, in one line: "jq: error: " and the excerpt with its caret dropped. */
function jqMessage(stderr: string): string {
  const first = stderr.split('\n').find((l) => l.startsWith('jq: error')) ?? stderr.trim();
  return first.replace(/^jq: error(?: \(at [^)]*\))?: /, '').replace(/ at <top-level>, /, ' at ').replace(/:$/, '');
}

/**
 * `--jq EXPR`, compiled before any request is sent: jq (the real one, built to WebAssembly) checks
 * the expression inside a branch that never runs (jq exits 3 on a compile error, 5 on a runtime one), so that a syntax error or an unknown function is a
 * usage error while a runtime error on made-up input (null) is not. Each output of the filter prints
 * on its own line: strings as text (as `jq -r`), other values as compact JSON, escaped for a terminal.
 */
export async function compileJq(expression: string): Promise<(value: unknown) => string> {
  const jq: Jq = await loadJq();
  const check = jq.raw(null, `if false then (\n${expression}\n) else empty end`, ['-n']);
  if (check.exitCode !== 0) {
    // Said again of the expression alone, so that line and column are the person's own: it fails to
    // compile the same way, and what does not compile never runs.
    const alone = jq.raw(null, expression, ['-n']);
    throw usageError(`--jq: ${jqMessage(alone.exitCode === 3 ? alone.stderr : check.stderr)}`);
  }
  return (value) => {
    const run = jq.raw(JSON.stringify(value), expression, ['-c']);
    if (run.exitCode !== 0) throw usageError(`--jq: ${jqMessage(run.stderr)}`);
    return run.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const parsed: unknown = JSON.parse(line);
        return `${typeof parsed === 'string' ? sanitize(parsed) : terminalSafeJson(parsed)}\n`;
      })
      .join('');
  };
}
