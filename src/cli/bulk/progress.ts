import { sanitize } from '../../api/text/sanitize.js';

export interface Counts {
  total: number;
  ok: number;
  skipped: number;
  failed: number;
  /** Rows finished in earlier runs of the same file (--resume). */
  before: number;
}

const grouped = (n: number) => n.toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * Progress on stderr: on a terminal a small live view redrawn in place (done, failed, remaining, rate,
 * ETA, the latest errors); elsewhere one plain line now and then, so logs stay readable.
 */
export class Progress {
  readonly #counts: Counts;
  readonly #label: string;
  readonly #tty: boolean;
  readonly #errors: string[] = [];
  readonly #started = Date.now();
  #drawn = 0;
  #timer: NodeJS.Timeout | undefined;
  #window: { at: number; finished: number }[] = [];

  constructor(label: string, counts: Counts, options: { tty: boolean; intervalMs?: number }) {
    this.#label = label;
    this.#counts = counts;
    this.#tty = options.tty;
    const every = options.intervalMs ?? (this.#tty ? 200 : 5_000);
    this.#timer = setInterval(() => this.#tick(), every);
    this.#timer.unref();
  }

  error(line: number, message: string): void {
    this.#errors.push(`line ${line}: ${sanitize(message, { multiline: false })}`);
    if (this.#errors.length > 3) this.#errors.shift();
  }

  #finished(): number {
    const c = this.#counts;
    return c.ok + c.skipped + c.failed;
  }

  /** Rows a second over the last ten seconds or so. */
  #rate(): number {
    const now = Date.now();
    this.#window.push({ at: now, finished: this.#finished() });
    while (this.#window.length > 2 && now - this.#window[0]!.at > 10_000) this.#window.shift();
    const first = this.#window[0]!;
    const seconds = (now - first.at) / 1000;
    return seconds > 0 ? (this.#finished() - first.finished) / seconds : 0;
  }

  #lines(): string[] {
    const c = this.#counts;
    const rate = this.#rate();
    const remaining = c.total - c.before - this.#finished();
    const eta = rate > 0 ? duration(remaining / rate) : '—';
    const head = `${this.#label}: ${grouped(c.before + c.ok + c.skipped)} done, ${grouped(c.failed)} failed, ${grouped(remaining)} remaining · ${rate.toFixed(0)} rows/s · ETA ${eta}`;
    return [head, ...this.#errors.map((e) => `  ${e}`)];
  }

  #tick(): void {
    if (!this.#tty) {
      process.stderr.write(`${this.#lines()[0]}\n`);
      return;
    }
    this.#clear();
    const lines = this.#lines();
    process.stderr.write(`${lines.join('\n')}\n`);
    this.#drawn = lines.length;
  }

  #clear(): void {
    if (this.#drawn) process.stderr.write(`\x1b[${this.#drawn}A\x1b[0J`);
    this.#drawn = 0;
  }

  /** Stops the view and prints the one summary line. */
  stop(summary: string): void {
    clearInterval(this.#timer);
    if (this.#tty) this.#clear();
    const seconds = (Date.now() - this.#started) / 1000;
    const ran = this.#finished();
    process.stderr.write(`${summary} in ${seconds.toFixed(1)} s${ran ? ` (${(ran / Math.max(seconds, 0.001)).toFixed(0)} rows/s)` : ''}\n`);
  }
}

export { grouped };
