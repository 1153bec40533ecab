import type { Key } from 'ink';

/**
 * One name per keypress, the form keymap entries are written in: "j", "G", "?", "space", "enter",
 * "alt+enter", "ctrl+k", "shift+tab", "pagedown". Printable text comes back as itself.
 */
export function keyName(input: string, key: Key): string {
  const mods = (name: string) => `${key.ctrl ? 'ctrl+' : ''}${key.meta ? 'alt+' : ''}${name}`;
  if (key.return) return mods('enter');
  if (key.escape) return 'escape';
  if (key.upArrow) return mods('up');
  if (key.downArrow) return mods('down');
  if (key.leftArrow) return mods('left');
  if (key.rightArrow) return mods('right');
  if (key.pageUp) return mods('pageup');
  if (key.pageDown) return mods('pagedown');
  if (key.home) return mods('home');
  if (key.end) return mods('end');
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace) return mods('backspace');
  if (key.delete) return mods('delete');
  if (input === '\n') return 'ctrl+j';
  if (input === ' ' && !key.ctrl && !key.meta) return 'space';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (key.meta && input) return `alt+${input}`;
  return input;
}

/** A keypress that types text (letters, digits, punctuation, CJK, a paste), as opposed to a command key. */
export function isText(input: string, key: Key): boolean {
  if (key.ctrl || key.meta || key.escape || key.return || key.tab || key.backspace || key.delete) return false;
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end) return false;
  return input.length > 0;
}

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/**
 * Keys typed faster than the terminal is read arrive as one chunk ("jj\r"). Splits such a chunk back
 * into keypresses so each runs its command; a chunk of plain text stays whole (it types as one insert).
 */
export function splitInput(input: string, key: Key): [string, Key][] {
  if (input.length <= 1 || key.ctrl || key.meta || !/[\r\x7f\t]/.test(input)) return [[input, key]];
  const out: [string, Key][] = [];
  let text = '';
  const flush = () => {
    if (text) out.push([text, { ...NO_KEY }]);
    text = '';
  };
  for (const ch of input) {
    if (ch === '\r') {
      flush();
      out.push(['', { ...NO_KEY, return: true }]);
    } else if (ch === '\x7f') {
      flush();
      out.push(['', { ...NO_KEY, backspace: true }]);
    } else if (ch === '\t') {
      flush();
      out.push(['', { ...NO_KEY, tab: true }]);
    } else text += ch;
  }
  flush();
  return out;
}

const NAMED_KEYS = new Set(['enter', 'escape', 'up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end', 'tab', 'backspace', 'delete', 'space']);

/** C0 controls and DEL: what a terminal sends for Ctrl and editing keys, never a key's name. */
const isC0Control = (code: number) => code < 0x20 || code === 0x7f;

/** Whether a keymap entry names a key this workspace can receive: "j", "G", "?", "ctrl+k", "alt+enter". */
export function isValidKeyName(name: string): boolean {
  if (name === 'shift+tab') return true;
  const match = /^((?:ctrl\+|alt\+)*)(.+)$/.exec(name);
  if (!match) return false;
  const [, mods = '', base = ''] = match;
  if (NAMED_KEYS.has(base)) return !(base === 'space' && mods.includes('ctrl'));
  // One printable character; with ctrl only letters reach an application.
  if ([...base].length !== 1 || isC0Control(base.codePointAt(0)!)) return false;
  return !mods.includes('ctrl') || /^[a-z\\\]^_]$/.test(base);
}

/** Keys the terminal or the shell take, and the one command allowed to have each. */
export const RESERVED_KEYS = new Map<string, { why: string; owner: string }>([
  ['ctrl+c', { why: 'it always quits', owner: 'app.quit' }],
  ['ctrl+z', { why: 'the shell suspends with it', owner: 'app.suspend' }],
  ['ctrl+s', { why: 'terminals stop output with it (XOFF)', owner: '' }],
  ['ctrl+q', { why: 'terminals resume output with it (XON)', owner: '' }],
  ['ctrl+\\', { why: 'terminals send SIGQUIT with it', owner: '' }],
]);
