import type { LiveEvent } from '../../api/events.js';
import { sanitize } from '../../api/text/sanitize.js';
import type { ConversationSummary, QueueQuery } from '../../api/types.js';
import type { ApiError } from '../../client/errors.js';
import type { StreamState } from '../../client/event-stream.js';
import type { SupportClient } from '../../client/support-client.js';
import { color as chalk } from '../output/color.js';
import { renderTable } from '../output/table.js';
import { note, printJsonLine, stdoutIsTty } from '../output/terminal.js';
import { describeEvent } from './event-line.js';
import { queueColumns } from './queue-table.js';

/** What changes the queue; presence (who is viewing) does not. */
const QUEUE_EVENTS = new Set(['conversation.created', 'conversation.updated', 'conversation.assigned', 'message.created', 'sla.breached']);
const REFETCH_DELAY_MS = 250;
const RECENT = 5;

const STATE_TEXT: Record<StreamState, string> = { connecting: 'connecting…', connected: 'live', reconnecting: 'reconnecting…', closed: 'stopped' };

const hhmmss = (t: number) => new Date(t).toTimeString().slice(0, 8);

/**
 * `support queue --watch`. On a terminal: the queue table, redrawn as events arrive and every second
 * (countdowns tick), with the connection state and the latest changes. With --json: every queue event
 * as one JSON object per line, flushed, until Ctrl+C. Piped without --json: one line per event.
 * Ctrl+C ends it with exit 0.
 */
export async function watchQueue(client: SupportClient, query: QueueQuery, options: { json: boolean; limit: number }): Promise<void> {
  const live = stdoutIsTty() && !options.json;
  let state: StreamState = 'connecting';
  let rows: ConversationSummary[] = [];
  let loadError: string | undefined;
  const recent: string[] = [];
  let refetch: NodeJS.Timeout | undefined;
  let refusal: ApiError | undefined;

  const load = async () => {
    try {
      rows = await client.queue.listAll(query, Math.min(options.limit, 500));
      loadError = undefined;
    } catch (error) {
      loadError = error instanceof Error ? error.message : String(error);
    }
    draw();
  };

  const draw = () => {
    if (!live) return;
    const now = Date.now();
    const height = process.stdout.rows && process.stdout.rows > 10 ? process.stdout.rows : 30;
    const stateText = state === 'connected' ? chalk.green(STATE_TEXT[state]) : chalk.yellow(STATE_TEXT[state]);
    const header = `${chalk.bold('support queue')} · ${stateText} · ${rows.length} conversation${rows.length === 1 ? '' : 's'} · ${hhmmss(now)} · Ctrl+C to stop`;
    const shown = rows.slice(0, Math.max(1, height - RECENT - 5));
    const table = rows.length ? renderTable(queueColumns(now), shown, { tty: true }).replace(/^[^\n]*/, (h) => chalk.bold(h)) : chalk.dim('no conversations match\n');
    const lines = [header, loadError ? chalk.red(`error: ${sanitize(loadError, { multiline: false })}`) : '', table.trimEnd(), '', chalk.dim('latest changes'), ...recent];
    process.stdout.write(`\u001b[H\u001b[2J${lines.join('\n')}\n`);
  };

  const onEvent = (event: LiveEvent) => {
    if (!QUEUE_EVENTS.has(event.type)) return;
    if (options.json) {
      printJsonLine(event);
      return;
    }
    const line = `${hhmmss(Date.parse(event.at))}  ${describeEvent(event)}`;
    if (!live) {
      process.stdout.write(`${line}\n`);
      return;
    }
    recent.unshift(line);
    recent.length = Math.min(recent.length, RECENT);
    clearTimeout(refetch);
    refetch = setTimeout(() => void load(), REFETCH_DELAY_MS);
  };

  if (live) process.stdout.write('\u001b[?1049h\u001b[?25l');
  const restore = () => {
    if (live) process.stdout.write('\u001b[?25h\u001b[?1049l');
  };
  const subscription = client.events.subscribe({
    onEvent,
    onState: (info) => {
      state = info.state;
      if (info.state === 'closed') refusal = info.error;
      if (live) draw();
      else if (info.state === 'reconnecting') note(`connection lost (${info.error?.message ?? 'dropped'}); reconnecting in ${Math.ceil((info.retryInMs ?? 0) / 1000)} s`);
      else if (info.state === 'connected') note('watching the queue; Ctrl+C to stop');
    },
  });
  const ticker = live ? setInterval(draw, 1000) : undefined;
  if (live) await load();

  const stop = () => subscription.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await subscription.closed;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  clearInterval(ticker);
  clearTimeout(refetch);
  restore();
  // A refusal (expired token, lost role) ends the watch with the server's reason; Ctrl+C ends it with none.
  if (refusal) throw refusal;
}
