import * as edit from './editor.js';
import { draftOf } from './selectors.js';
import type { TuiState } from './types.js';

/**
 * A filled macro put into a conversation's draft at the cursor, the box open and the overlay closed.
 * Macros are written for customers: into an empty box they start a reply; into a draft, its kind
 * (reply or note) stays.
 */
export function withMacroText(s: TuiState, conversationId: number, text: string): Partial<TuiState> {
  return {
    overlay: undefined,
    composing: true,
    drafts: { ...s.drafts, [conversationId]: edit.insert(draftOf(s, conversationId), text) },
    composeKind: draftOf(s, conversationId).text ? s.composeKind : { ...s.composeKind, [conversationId]: 'reply' },
  };
}
