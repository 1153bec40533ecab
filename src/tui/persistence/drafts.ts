import type { EditorState } from '../editor.js';
import { JsonFile } from './json-file.js';

type DraftFile = Record<string, EditorState & { savedAt: number }>;

/**
 * Reply drafts per conversation, saved shortly after typing stops and restored at start, so that a
 * crash or a closed terminal loses at most the last fraction of a second.
 */
export class DraftStore {
  readonly #file: JsonFile<DraftFile>;
  readonly #delayMs: number;
  #pending: Record<number, EditorState> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(path: string, delayMs = 300) {
    this.#file = new JsonFile<DraftFile>(path, () => ({}));
    this.#delayMs = delayMs;
  }

  load(): Record<number, EditorState> {
    const out: Record<number, EditorState> = {};
    for (const [id, draft] of Object.entries(this.#file.read())) {
      if (typeof draft?.text === 'string' && draft.text.length > 0) {
        out[Number(id)] = { text: draft.text, cursor: Math.min(Math.max(0, Number(draft.cursor) || 0), draft.text.length) };
      }
    }
    return out;
  }

  /** Schedules a save of all drafts; the latest call wins. */
  save(drafts: Record<number, EditorState>): void {
    this.#pending = drafts;
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.flush(), this.#delayMs);
    this.#timer.unref();
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const drafts = this.#pending;
    this.#pending = undefined;
    if (!drafts) return;
    const file: DraftFile = {};
    const now = Date.now();
    for (const [id, draft] of Object.entries(drafts)) if (draft.text.length > 0) file[id] = { ...draft, savedAt: now };
    this.#file.write(file);
  }
}
