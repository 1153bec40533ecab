import type { MessageKind } from '../../api/enums.js';
import type { EditorState } from '../state/editor.js';
import { JsonFile } from './json-file.js';

type DraftFile = Record<string, EditorState & { kind?: MessageKind; savedAt: number }>;

/** The drafts per conversation, and whether each is a reply to the customer or an internal note. */
export interface SavedDrafts {
  drafts: Record<number, EditorState>;
  kinds: Record<number, MessageKind>;
}

/**
 * Reply drafts per conversation, saved shortly after typing stops and restored at start, so that a
 * crash or a closed terminal loses at most the last fraction of a second. A draft keeps its kind: a
 * note restored as a reply would go to the customer on Enter.
 */
export class DraftStore {
  readonly #file: JsonFile<DraftFile>;
  readonly #delayMs: number;
  #pending: SavedDrafts | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(path: string, delayMs = 300) {
    this.#file = new JsonFile<DraftFile>(path, () => ({}));
    this.#delayMs = delayMs;
  }

  load(): SavedDrafts {
    const out: SavedDrafts = { drafts: {}, kinds: {} };
    for (const [id, draft] of Object.entries(this.#file.read())) {
      if (typeof draft?.text === 'string' && draft.text.length > 0) {
        out.drafts[Number(id)] = { text: draft.text, cursor: Math.min(Math.max(0, Number(draft.cursor) || 0), draft.text.length) };
        // Saved before drafts had a kind (or unreadable): a note, the kind that cannot reach a customer
        // by mistake; making it a reply asks first.
        out.kinds[Number(id)] = draft.kind === 'reply' ? 'reply' : 'note';
      }
    }
    return out;
  }

  /** Schedules a save of all drafts; the latest call wins. */
  save(saved: SavedDrafts): void {
    this.#pending = saved;
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.flush(), this.#delayMs);
    this.#timer.unref();
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const saved = this.#pending;
    this.#pending = undefined;
    if (!saved) return;
    const file: DraftFile = {};
    const now = Date.now();
    for (const [id, draft] of Object.entries(saved.drafts)) {
      if (draft.text.length > 0) file[id] = { text: draft.text, cursor: draft.cursor, kind: saved.kinds[Number(id)] ?? 'reply', savedAt: now };
    }
    this.#file.write(file);
  }
}
