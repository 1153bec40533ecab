import type { EditorState } from '../state/editor.js';

/** A one-line field's editor with the cursor at its end. */
export const atEnd = (text: string): EditorState => ({ text, cursor: text.length });
