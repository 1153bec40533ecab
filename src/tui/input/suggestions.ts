import type { Macro, Suggestion } from '../../api/types.js';
import type { TuiState } from '../state/types.js';
import type { CommandContext } from './command-context.js';
import { macroEntries } from './palette.js';

/** How many suggestions stand under the thread, each on its own key. */
export const SHOWN_SUGGESTIONS = 3;

/** The suggestions of a conversation once they are in, best first; none while loading or after a failure. */
export function suggestionsOf(state: Pick<TuiState, 'suggestions'>, conversationId: number): Suggestion[] {
  const entry = state.suggestions[conversationId];
  return entry?.status === 'ready' && entry.data ? entry.data.suggestions : [];
}

/**
 * The macro picker's list: with nothing typed, the macros suggested for this conversation first (in
 * their order), then the rest by shortcut; a filter ranks them all by how well they match it.
 */
export function pickerEntries(state: Pick<TuiState, 'suggestions' | 'macros'>, conversationId: number, query: string): Macro[] {
  const entries = macroEntries(state.macros.data ?? [], query);
  if (query) return entries;
  const suggested = suggestionsOf(state, conversationId).flatMap((s) => (s.kind === 'macro' ? [s.id] : []));
  const rank = new Map(suggested.map((id, i) => [id, i]));
  return [...entries.filter((m) => rank.has(m.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!), ...entries.filter((m) => !rank.has(m.id))];
}

/** The ids of the macros the picker marks as suggested. */
export function suggestedMacroIds(state: Pick<TuiState, 'suggestions'>, conversationId: number): Set<string> {
  return new Set(suggestionsOf(state, conversationId).flatMap((s) => (s.kind === 'macro' ? [s.id] : [])));
}

/** The n-th suggestion under the thread into the reply box, filled in; a missing transaction or wallet is asked for. */
export function insertSuggested(ctx: CommandContext, conversationId: number, index: number): void {
  const suggestion = suggestionsOf(ctx.store.getState(), conversationId).slice(0, SHOWN_SUGGESTIONS)[index];
  if (!suggestion) {
    const entry = ctx.store.getState().suggestions[conversationId];
    ctx.actions.flash(entry?.status === 'loading' ? 'Suggestions are on their way' : `No suggestion ${index + 1} for this conversation`, 'error');
    return;
  }
  void ctx.actions.insertSuggestion(conversationId, suggestion).then((missing) => {
    if (missing?.choose && suggestion.kind === 'macro') {
      ctx.actions.openDialog('macroFill', { conversationId, macroId: suggestion.id, shortcut: suggestion.shortcut ?? suggestion.id, choose: missing.choose });
    }
  });
}
