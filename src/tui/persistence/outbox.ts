import type { MessageKind } from '../../api/enums.js';
import { JsonFile } from './json-file.js';

export interface OutboxEntry {
  conversationId: number;
  body: string;
  kind: MessageKind;
  /** Sent with every attempt: however often it is retried, the server stores the message once. */
  clientMessageId: string;
  queuedAt: number;
  /** Set when the server refused it for good (not a network failure): shown, not retried. */
  error?: string;
}

/** Replies written while the API is unreachable, kept on disk in order until they are sent. */
export class OutboxStore {
  readonly #file: JsonFile<OutboxEntry[]>;

  constructor(path: string) {
    this.#file = new JsonFile<OutboxEntry[]>(path, () => []);
  }

  load(): OutboxEntry[] {
    const entries = this.#file.read();
    return Array.isArray(entries) ? entries.filter((e) => typeof e?.clientMessageId === 'string' && typeof e.body === 'string') : [];
  }

  save(entries: OutboxEntry[]): void {
    this.#file.write(entries);
  }
}
