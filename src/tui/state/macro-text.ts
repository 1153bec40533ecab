import * as edit from './editor.js';
import { draftOf, type Store } from './store.js';

/**
 * Puts a filled macro into a conversation's draft at the cursor and opens the box. Macros are written
 * for customers: into an empty box they start a reply; into a draft, its kind (reply or note) stays.
 */
export function insertMacroText(store: Store, conversationId: number, text: string): void {
  store.update((s) => ({
    overlay: undefined,
    composing: true,
    drafts: { ...s.drafts, [conversationId]: edit.insert(draftOf(s, conversationId), text) },
    composeKind: draftOf(s, conversationId).text ? s.composeKind : { ...s.composeKind, [conversationId]: 'reply' },
  }));
}
