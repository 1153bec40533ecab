import { graphemes } from '../../api/text/width.js';

/** The composer's text and cursor (a UTF-16 offset, always on a grapheme boundary). */
export interface EditorState {
  text: string;
  cursor: number;
}

export const emptyEditor: EditorState = { text: '', cursor: 0 };

function boundaries(text: string): number[] {
  const out = [0];
  let offset = 0;
  for (const g of graphemes(text)) out.push((offset += g.length));
  return out;
}

const prevBoundary = (text: string, at: number) => [...boundaries(text)].reverse().find((b) => b < at) ?? 0;
const nextBoundary = (text: string, at: number) => boundaries(text).find((b) => b > at) ?? text.length;

// Typed or pasted text keeps newlines and tabs; other control characters are dropped.
// \p{Cc} is exactly U+0000–U+001F and U+007F–U+009F (C0, DEL, C1).
const CONTROL = /(?![\t\n])\p{Cc}/gu;

export function insert(state: EditorState, typed: string): EditorState {
  const clean = typed.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  if (!clean) return state;
  return { text: state.text.slice(0, state.cursor) + clean + state.text.slice(state.cursor), cursor: state.cursor + clean.length };
}

export function backspace(state: EditorState): EditorState {
  if (state.cursor === 0) return state;
  const from = prevBoundary(state.text, state.cursor);
  return { text: state.text.slice(0, from) + state.text.slice(state.cursor), cursor: from };
}

export function deleteForward(state: EditorState): EditorState {
  if (state.cursor >= state.text.length) return state;
  const to = nextBoundary(state.text, state.cursor);
  return { text: state.text.slice(0, state.cursor) + state.text.slice(to), cursor: state.cursor };
}

export const left = (s: EditorState): EditorState => ({ ...s, cursor: prevBoundary(s.text, s.cursor) });
export const right = (s: EditorState): EditorState => ({ ...s, cursor: nextBoundary(s.text, s.cursor) });

export function lineStart(s: EditorState): EditorState {
  return { ...s, cursor: s.text.lastIndexOf('\n', s.cursor - 1) + 1 };
}

export function lineEnd(s: EditorState): EditorState {
  const end = s.text.indexOf('\n', s.cursor);
  return { ...s, cursor: end === -1 ? s.text.length : end };
}

function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}

function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  while (i < text.length && !/\s/.test(text[i]!)) i++;
  return i;
}

export const wordLeft = (s: EditorState): EditorState => ({ ...s, cursor: wordStart(s.text, s.cursor) });
export const wordRight = (s: EditorState): EditorState => ({ ...s, cursor: wordEnd(s.text, s.cursor) });

export function deleteWordBack(s: EditorState): EditorState {
  const from = wordStart(s.text, s.cursor);
  return { text: s.text.slice(0, from) + s.text.slice(s.cursor), cursor: from };
}

export function clearLineBack(s: EditorState): EditorState {
  const from = s.text.lastIndexOf('\n', s.cursor - 1) + 1;
  return { text: s.text.slice(0, from) + s.text.slice(s.cursor), cursor: from };
}
