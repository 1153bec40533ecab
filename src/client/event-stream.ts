import type { ClientRequest, IncomingMessage } from 'node:http';
import { createParser } from 'eventsource-parser';
import { EVENT_TYPES } from '../api/enums.js';
import type { LiveEvent } from '../api/events.js';
import type { Problem } from '../api/types.js';
import { ApiError } from './errors.js';

/** connecting: first attempt; connected: events flow; reconnecting: dropped, trying again; closed: stopped. */
export type StreamState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface StreamStateInfo {
  state: StreamState;
  /** Why the stream dropped or stopped. */
  error?: ApiError | undefined;
  /** With reconnecting: the attempt number and when it is made. */
  attempt?: number | undefined;
  retryInMs?: number | undefined;
}

export interface SubscribeOptions {
  /** Resume after this event id; without it the stream starts with the next event. */
  after?: number | undefined;
  onEvent: (event: LiveEvent) => void;
  onState?: ((info: StreamStateInfo) => void) | undefined;
  /** No byte for this long (the server sends a keep-alive every 15 s) counts as a dropped connection. */
  idleTimeoutMs?: number | undefined;
  /** Reconnect delays grow from initialMs, doubling, up to maxMs, with jitter. */
  backoff?: { initialMs?: number; maxMs?: number } | undefined;
  signal?: AbortSignal | undefined;
}

export interface EventSubscription {
  readonly state: StreamState;
  /** The id of the last event received: what a reconnect resumes after. */
  readonly lastEventId: number | undefined;
  close(): void;
  /** Settles when the subscription is closed (by close(), the signal, or a refusal such as 401). */
  readonly closed: Promise<void>;
}

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);
/** Refusals that another attempt cannot fix: the stream stops and says why. */
const FATAL_STATUSES = new Set([400, 401, 403, 404]);

function problemOf(body: string): Problem | undefined {
  try {
    const parsed = JSON.parse(body) as Problem;
    return typeof parsed.code === 'string' && typeof parsed.status === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * GET /v1/events as a subscription: Server-Sent Events parsed by eventsource-parser over node:http(s),
 * reconnecting with exponential backoff and Last-Event-ID, so that a dropped connection loses and
 * repeats nothing. The caller learns every change of connection state through onState.
 */
export function subscribeEvents(connection: { baseUrl: string; token?: string | undefined; userAgent?: string | undefined }, options: SubscribeOptions): EventSubscription {
  const initialMs = options.backoff?.initialMs ?? 500;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  const idleMs = options.idleTimeoutMs ?? 45_000;
  let state: StreamState = 'connecting';
  let lastEventId = options.after;
  let attempt = 0;
  let serverRetryMs: number | undefined;
  let request: ClientRequest | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let settle!: () => void;
  const closed = new Promise<void>((resolve) => (settle = resolve));

  const setState = (info: StreamStateInfo) => {
    state = info.state;
    options.onState?.(info);
  };

  const stop = (error?: ApiError) => {
    if (state === 'closed') return;
    clearTimeout(retryTimer);
    clearTimeout(idleTimer);
    request?.destroy();
    request = undefined;
    setState({ state: 'closed', error });
    options.signal?.removeEventListener('abort', onAbort);
    settle();
  };
  const onAbort = () => stop();

  const dropped = (error: ApiError, retryAfterMs?: number) => {
    if (state === 'closed') return;
    clearTimeout(idleTimer);
    request?.destroy();
    request = undefined;
    attempt++;
    const backoff = Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 16));
    // Full jitter on the upper half, so that a desk of agents does not reconnect in lockstep.
    const delay = retryAfterMs ?? Math.max(serverRetryMs ?? 0, Math.round(backoff / 2 + (Math.random() * backoff) / 2));
    setState({ state: 'reconnecting', error, attempt, retryInMs: delay });
    retryTimer = setTimeout(() => void connect(), delay);
  };

  const armIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => dropped(new ApiError('timeout', `no data from ${connection.baseUrl} for ${Math.round(idleMs / 1000)} s; reconnecting`)), idleMs);
  };

  async function connect(): Promise<void> {
    if (state === 'closed') return;
    const url = new URL(`${connection.baseUrl.replace(/\/+$/, '')}/v1/events`);
    if (lastEventId === undefined && options.after !== undefined) url.searchParams.set('after', String(options.after));
    const transport = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
    // close() may have run while the module loaded.
    if ((state as StreamState) === 'closed') return;
    const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache', 'user-agent': connection.userAgent ?? 'support-terminal' };
    if (connection.token) headers['authorization'] = `Bearer ${connection.token}`;
    if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);

    const req = transport.request(url, { method: 'GET', headers });
    request = req;
    armIdle();
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (request !== req) return;
      const code = error.code === 'ECONNREFUSED' ? 'connection_refused' : 'network_error';
      dropped(new ApiError(code, `the event stream from ${connection.baseUrl} failed (${error.code ?? error.message})`, { cause: error }));
    });
    req.on('response', (res: IncomingMessage) => {
      if (request !== req) return res.resume();
      if (res.statusCode !== 200) {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 65_536) body += chunk;
        });
        res.on('end', () => {
          if (request !== req) return;
          const problem = problemOf(body);
          const status = res.statusCode ?? 0;
          const error = new ApiError(problem?.code ?? (status >= 500 ? 'unavailable' : 'bad_response'), problem?.detail ?? `the event stream answered ${status}`, {
            status,
            problem,
            requestId: res.headers['x-request-id'] as string | undefined,
          });
          if (FATAL_STATUSES.has(status)) stop(error);
          else {
            const retryAfter = Number(res.headers['retry-after']);
            dropped(error, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
          }
        });
        return;
      }
      attempt = 0;
      setState({ state: 'connected' });
      const parser = createParser({
        onId: (id) => {
          if (/^\d+$/.test(id)) lastEventId = Number(id);
        },
        onRetry: (ms) => (serverRetryMs = ms),
        onEvent: (message) => {
          if (!message.event || !KNOWN_TYPES.has(message.event)) return;
          let event: LiveEvent;
          try {
            event = JSON.parse(message.data) as LiveEvent;
          } catch {
            return;
          }
          options.onEvent(event);
        },
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (request !== req) return;
        armIdle();
        parser.feed(chunk);
      });
      const ended = () => {
        if (request === req) dropped(new ApiError('network_error', `the event stream from ${connection.baseUrl} ended; reconnecting`));
      };
      res.on('end', ended);
      res.on('close', ended);
      res.on('error', ended);
    });
    req.end();
  }

  if (options.signal?.aborted) stop();
  else {
    options.signal?.addEventListener('abort', onAbort);
    setState({ state: 'connecting' });
    void connect();
  }

  return {
    get state() {
      return state;
    },
    get lastEventId() {
      return lastEventId;
    },
    close: () => stop(),
    closed,
  };
}
