import type { OutboxEntry } from '../state/types.js';
import { JsonFile } from './json-file.js';


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
