import type { Suggestion } from '../../api/types.js';
import { withMacroText } from '../state/macro-text.js';
import type { MacroPreview } from '../state/types.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';
import { unfillable } from './macros.js';

/** How many suggestions the workspace asks for: three under the thread, the rest lead the macro picker. */
const SUGGESTIONS = 8;

/**
 * Suggested answers for a conversation: asked for when it opens and when its customer writes. They are
 * a help, not a part of the work: a failure leaves the conversation as it was, without them.
 */
export function createAssistEffects(ctx: EffectContext) {
  const { store, client } = ctx;
  const generation: Record<number, number> = {};

  async function loadSuggestions(conversationId: number): Promise<void> {
    const mine = (generation[conversationId] = (generation[conversationId] ?? 0) + 1);
    store.update((s) => ({ suggestions: { ...s.suggestions, [conversationId]: { ...s.suggestions[conversationId], status: 'loading' } } }));
    try {
      const data = await client.assist.suggest({ conversationId, limit: SUGGESTIONS });
      if (generation[conversationId] === mine) store.update((s) => ({ suggestions: { ...s.suggestions, [conversationId]: { status: 'ready', data } } }));
    } catch (error) {
      if (generation[conversationId] === mine) store.update((s) => ({ suggestions: { ...s.suggestions, [conversationId]: { status: 'error', error: messageOf(error) } } }));
    }
  }

  /**
   * A suggestion into the reply box, filled in for the conversation (a macro is rendered by the server;
   * a past reply goes in as it was sent): the box opens on it, so the agent reads it before sending.
   * A macro that lacks a transaction or wallet the agent can choose answers with what to choose.
   */
  async function insertSuggestion(conversationId: number, suggestion: Suggestion): Promise<Pick<MacroPreview, 'choose'> | undefined> {
    if (suggestion.kind === 'reply') {
      store.update((s) => withMacroText(s, conversationId, suggestion.text ?? suggestion.preview));
      return undefined;
    }
    try {
      const rendered = await client.macros.render(suggestion.id, { conversationId });
      store.update((s) => withMacroText(s, conversationId, rendered.text));
      if (rendered.notice) ctx.flash(rendered.notice);
      return undefined;
    } catch (error) {
      const why = unfillable(error);
      if (why.choose) return { choose: why.choose };
      ctx.flash(`/${suggestion.shortcut ?? suggestion.id}: ${why.error ?? messageOf(error)}`, 'error');
      return undefined;
    }
  }

  return { loadSuggestions, insertSuggestion };
}
