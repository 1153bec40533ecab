import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { BIN } from './run-cli.js';

/** tmux is what drives the real binary in a real terminal; without it the end-to-end tests skip, saying so. */
export const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;

function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * One terminal of its own (a private tmux server), running a shell command. Keys go in with
 * send-keys; what a person would see comes out with capture-pane.
 */
export class Terminal {
  readonly socket = `support-e2e-${randomBytes(4).toString('hex')}`;
  #alive = false;

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /**
   * Starts `command` (a shell line) in a cols x rows terminal. The pane stays open after it exits (a
   * sleep follows), because tmux's remain-on-exit redraws a dead pane and moves what was on screen.
   */
  start(command: string, options: { cols?: number; rows?: number; env?: Record<string, string> } = {}): void {
    // No pager unless a test asks for one: a `less` waiting for a key would stop the command under test.
    const env = { TERM: 'xterm-256color', LANG: 'C.UTF-8', SUPPORT_PAGER: 'cat', ...options.env };
    const exports = Object.entries(env).map(([k, v]) => `export ${k}=${quote(v)};`).join(' ');
    // Options are set before the window exists: turning the status line off later would resize the
    // pane and scroll the screen under test.
    this.tmux('-f', '/dev/null', 'start-server', ';', 'set-option', '-g', 'status', 'off', ';',
      'new-session', '-d', '-s', 'e2e', '-x', String(options.cols ?? 100), '-y', String(options.rows ?? 30), `${exports} ${command}; sleep 600`);
    this.#alive = true;
  }

  /** The support binary, with arguments, as a shell line. */
  static support(args = ''): string {
    return `${quote(process.execPath)} ${quote(BIN)} ${args}`;
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'e2e', ...keys);
  }

  /** Literal text, typed as characters (no key names). */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'e2e', '-l', text);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'e2e');
  }

  /** The screen with colours and attributes as escape sequences (tmux's rendering, not the program's bytes). */
  styledScreen(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', 'e2e');
  }

  info(format: string): string {
    return this.tmux('display-message', '-p', '-t', 'e2e', format).trim();
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', 'e2e', '-x', String(cols), '-y', String(rows));
  }

  async waitFor(predicate: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (predicate(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the terminal never showed what was expected; it shows:\n${screen}`);
  }

  waitForText(text: string, timeoutMs?: number): Promise<string> {
    return this.waitFor((s) => s.includes(text), timeoutMs);
  }

  /** The pid of the program running in the pane (the shell's child). */
  pid(): number {
    return Number(this.info('#{pane_pid}'));
  }

  kill(): void {
    if (!this.#alive) return;
    this.#alive = false;
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}
