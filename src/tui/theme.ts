/**
 * Colours name a meaning, not a hue, and every state also has a symbol: with NO_COLOR the UI reads the
 * same. Ink's chalk drops colour by itself when NO_COLOR is set.
 */
export const theme = {
  accent: 'cyan',
  muted: 'gray',
  danger: 'red',
  warning: 'yellow',
  success: 'green',
  note: 'yellow',
  selectedBackground: 'blue',
} as const;

export const symbols = {
  selected: '▸',
  breached: '✗',
  running: '◷',
  noClock: '·',
  frozen: '■',
  note: '✎',
  offline: '⚠',
} as const;
