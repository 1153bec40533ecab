import { isApiError } from '../../client/errors.js';
import { firstChoice, LOOKUP_MIN_CHARS, type LookupAnswer } from '../state/lookup.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';

/** How long typing must pause before the query is sent: one request per pause, not per key. */
export const LOOKUP_DEBOUNCE_MS = 150;

/**
 * The lookup as the agent types: debounced, and numbered, so that only the answer to the newest query
 * is ever stored (an older request answering late is dropped, never drawn).
 */
export function createLookupEffects(ctx: EffectContext) {
  const { store, client } = ctx;
  let sequence = 0;
  let timer: NodeJS.Timeout | undefined;

  /** The answer for this query, if the lookup is still open on it and no newer query was typed. */
  function settle(seq: number, query: string, answer: LookupAnswer): void {
    store.update((s) =>
      seq === sequence && s.overlay?.kind === 'lookup' && s.overlay.query === query
        ? { overlay: { ...s.overlay, answer, selected: answer.status === 'ready' ? firstChoice(answer.data) : 0 } }
        : {},
    );
  }

  async function send(seq: number, query: string): Promise<void> {
    try {
      const data = await client.search.find(query.trim());
      if (!ctx.disposed()) settle(seq, query, { status: 'ready', data });
    } catch (error) {
      if (ctx.disposed()) return;
      const retryAfterSeconds = isApiError(error) && error.status === 429 ? error.retryAfterSeconds : undefined;
      settle(seq, query, { status: 'error', error: messageOf(error), ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
    }
  }

  /** The lookup's query changed: says at once when it is too short, else asks after a pause in typing. */
  function lookupQueryChanged(): void {
    const overlay = store.getState().overlay;
    if (overlay?.kind !== 'lookup') return;
    const seq = ++sequence;
    clearTimeout(timer);
    const query = overlay.query.trim();
    const answer: LookupAnswer = query.length === 0 ? { status: 'empty' } : [...query].length < LOOKUP_MIN_CHARS ? { status: 'short' } : { status: 'loading' };
    store.update((s) => (s.overlay?.kind === 'lookup' ? { overlay: { ...s.overlay, answer, selected: 0 } } : {}));
    if (answer.status !== 'loading') return;
    const typed = overlay.query;
    timer = setTimeout(() => void send(seq, typed), LOOKUP_DEBOUNCE_MS);
    timer.unref?.();
  }

  /** Opens the lookup, empty or with a query already typed (support call with an unknown number). */
  function openLookup(query = ''): void {
    store.update(() => ({ overlay: { kind: 'lookup', query, selected: 0, answer: { status: 'empty' } } }));
    if (query) lookupQueryChanged();
  }

  function closeLookup(): void {
    ++sequence;
    clearTimeout(timer);
    store.update((s) => (s.overlay?.kind === 'lookup' ? { overlay: undefined } : {}));
  }

  return { openLookup, lookupQueryChanged, closeLookup, disposeLookup: () => clearTimeout(timer) };
}
