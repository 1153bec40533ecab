import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseReader {
  status: number;
  headers: Headers;
  messages: EventSourceMessage[];
  comments: string[];
  ids: string[];
  /** Reconnection delays the server asked for (`retry:` lines), in order. */
  retries: number[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): Promise<void>;
}

/** Opens GET /v1/events with fetch and collects what arrives, parsed as SSE. */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseReader> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const messages: EventSourceMessage[] = [];
  const comments: string[] = [];
  const ids: string[] = [];
  const retries: number[] = [];
  const parser = createParser({ onEvent: (m) => messages.push(m), onComment: (c) => comments.push(c), onId: (id) => ids.push(id), onRetry: (ms) => retries.push(ms) });
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    messages,
    comments,
    ids,
    retries,
    ended,
    async close() {
      controller.abort();
      await ended;
    },
  };
}
