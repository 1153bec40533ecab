import { createParser } from 'eventsource-parser';
import type { Got } from 'got';
import { EVENT_TYPES } from '../api/enums.js';
import type { LiveEvent } from '../api/events.js';
import type { Problem } from '../api/types.js';
import { ApiError } from './errors.js';
import { backoffDelay, parseRetryAfter, RECONNECT_BACKOFF } from './retry-policy.js';
import { networkError } from './translate-error.js';

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
  /** Reconnect delays grow from initialMs, doubling, up to maxMs, with jitter (retry-policy.ts). */
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
 * GET /v1/events as a subscription: Server-Sent Events through the client's got instance (got.stream,
 * parsed by eventsource-parser), reconnecting on the client's one backoff policy with Last-Event-ID,
 * so that a dropped connection loses and repeats nothing. The caller learns every change of connection
 * state through onState.
 */
export function subscribeEvents(http: Got, baseUrl: string, options: SubscribeOptions): EventSubscription {
  const backoff = { initialMs: options.backoff?.initialMs ?? RECONNECT_BACKOFF.initialMs, maxMs: options.backoff?.maxMs ?? RECONNECT_BACKOFF.maxMs };
  const idleMs = options.idleTimeoutMs ?? 45_000;
  let state: StreamState = 'connecting';
  let lastEventId = options.after;
  let attempt = 0;
  let serverRetryMs: number | undefined;
  let stream: ReturnType<Got['stream']> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let settle!: () => void;
  const closed = new Promise<void>((resolve) => (settle = resolve));

  const setState = (info: StreamStateInfo) => {
    state = info.state;
    options.onState?.(info);
  };

  const hangUp = () => {
    clearTimeout(idleTimer);
    const current = stream;
    stream = undefined;
    current?.destroy();
  };

  const stop = (error?: ApiError) => {
    if (state === 'closed') return;
    clearTimeout(retryTimer);
    hangUp();
    setState({ state: 'closed', error });
    options.signal?.removeEventListener('abort', onAbort);
    settle();
  };
  const onAbort = () => stop();

  const dropped = (error: ApiError, retryAfterMs?: number) => {
    if (state === 'closed') return;
    hangUp();
    // The server's Retry-After wins; otherwise the backoff, but never sooner than its SSE retry field.
    const delay = retryAfterMs ?? Math.max(serverRetryMs ?? 0, backoffDelay(attempt, backoff));
    attempt++;
    setState({ state: 'reconnecting', error, attempt, retryInMs: delay });
    retryTimer = setTimeout(connect, delay);
  };

  const armIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => dropped(new ApiError('timeout', `no data from ${baseUrl} for ${Math.round(idleMs / 1000)} s; reconnecting`)), idleMs);
  };

  function refused(status: number, headers: Record<string, string | string[] | undefined>, body: string) {
    const problem = problemOf(body);
    const error = new ApiError(problem?.code ?? (status >= 500 ? 'unavailable' : 'bad_response'), problem?.detail ?? `the event stream answered ${status}`, {
      status,
      problem,
      requestId: headers['x-request-id'] as string | undefined,
    });
    if (FATAL_STATUSES.has(status)) stop(error);
    else dropped(error, parseRetryAfter(headers['retry-after']));
  }

  function connect(): void {
    if (state === 'closed') return;
    const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
    if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
    const current = http.stream('v1/events', {
      headers,
      ...(lastEventId === undefined && options.after !== undefined ? { searchParams: { after: options.after } } : {}),
      // The stream is meant to stay open: no whole-request budget (the idle timer watches it), and
      // reconnecting is this module's job, not got's.
      timeout: { request: undefined },
      retry: { limit: 0 },
      throwHttpErrors: false,
      decompress: false,
    });
    stream = current;
    armIdle();
    current.on('error', (error: NodeJS.ErrnoException) => {
      if (stream !== current) return;
      const translated = networkError(error.code, error.message, baseUrl, error);
      dropped(new ApiError(translated.code, `the event stream from ${baseUrl} failed (${error.code ?? error.message})`, { cause: error }));
    });
    current.on('response', (response: { statusCode: number; headers: Record<string, string | string[] | undefined> }) => {
      if (stream !== current) return;
      current.setEncoding('utf8');
      if (response.statusCode !== 200) {
        let body = '';
        current.on('data', (chunk: string) => {
          if (body.length < 65_536) body += chunk;
        });
        current.on('end', () => {
          if (stream === current) refused(response.statusCode, response.headers, body);
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
      current.on('data', (chunk: string) => {
        if (stream !== current) return;
        armIdle();
        parser.feed(chunk);
      });
      current.on('end', () => {
        if (stream === current) dropped(new ApiError('network_error', `the event stream from ${baseUrl} ended; reconnecting`));
      });
    });
  }

  if (options.signal?.aborted) stop();
  else {
    options.signal?.addEventListener('abort', onAbort);
    setState({ state: 'connecting' });
    connect();
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
