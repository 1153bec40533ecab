import { sanitize } from '../../api/text/sanitize.js';
import type { DeskQuery, DeskSnapshot } from '../../api/types.js';
import { DeskRefresh } from '../../client/desk-refresh.js';
import type { ApiError } from '../../client/errors.js';
import type { StreamState } from '../../client/event-stream.js';
import type { SupportClient } from '../../client/support-client.js';
import { color as chalk } from '../output/color.js';
import { jsonLine, note, stdoutIsTty, terminalColumns } from '../output/terminal.js';
import { deskText } from './desk-view.js';

const STATE_TEXT: Record<StreamState, string> = { connecting: 'connecting…', connected: 'live', reconnecting: 'reconnecting…', closed: 'stopped' };
const hhmmss = (t: number) => new Date(t).toTimeString().slice(0, 8);

/**
 * `support desk --watch`. Follows the live event stream: an event that changes the board fetches it
 * again (a burst coalesced into one fetch); what events do not carry is fetched every 10 s. On a
 * terminal the board is redrawn in place (and every second, for the ages); with --json each snapshot
 * is one JSON line; piped without --json, each snapshot is printed whole. Ctrl+C ends it with exit 0.
 */
export async function watchDesk(client: SupportClient, query: DeskQuery, options: { json: boolean }): Promise<void> {
  const live = stdoutIsTty() && !options.json;
  let state: StreamState = 'connecting';
  let board: DeskSnapshot | undefined;
  let loadError: string | undefined;
  let refusal: ApiError | undefined;

  const draw = () => {
    if (!live) return;
    const now = Date.now();
    const stateText = state === 'connected' ? chalk.green(STATE_TEXT[state]) : chalk.yellow(STATE_TEXT[state]);
    const header = `${chalk.bold('support desk')} · ${stateText} · ${hhmmss(now)} · Ctrl+C to stop`;
    const body = board ? deskText(board, now, terminalColumns()) : chalk.dim('loading…\n');
    const error = loadError ? `${chalk.red(`error: ${sanitize(loadError, { multiline: false })}`)}\n` : '';
    process.stdout.write(`\u001b[H\u001b[2J${header}\n${error}${body}`);
  };

  const refresh = new DeskRefresh(async () => {
    try {
      board = await client.desk.get(query);
      loadError = undefined;
      if (options.json) process.stdout.write(jsonLine(board));
      else if (!live) process.stdout.write(`${deskText(board, Date.now(), terminalColumns())}\n`);
    } catch (error) {
      loadError = error instanceof Error ? error.message : String(error);
      // A refusal (an agent's token, an unknown zone) will not change by asking again.
      if ([400, 401, 403].includes((error as ApiError).status)) {
        refusal = error as ApiError;
        subscription.close();
      }
    }
    draw();
  });

  if (live) process.stdout.write('\u001b[?1049h\u001b[?25l');
  const subscription = client.events.subscribe({
    onEvent: (event) => refresh.onEvent(event.type),
    onState: (info) => {
      state = info.state;
      if (info.state === 'closed' && info.error) refusal ??= info.error;
      if (live) draw();
      else if (info.state === 'reconnecting') note(`connection lost (${info.error?.message ?? 'dropped'}); reconnecting in ${Math.ceil((info.retryInMs ?? 0) / 1000)} s`);
    },
  });
  refresh.start();
  const ticker = live ? setInterval(draw, 1000) : undefined;

  const stop = () => subscription.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await subscription.closed;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  refresh.stop();
  clearInterval(ticker);
  if (live) process.stdout.write('\u001b[?25h\u001b[?1049l');
  if (refusal) throw refusal;
}
