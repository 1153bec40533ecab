/**
 * Colours name a meaning, not a hue, and every state also has a symbol: with NO_COLOR the UI reads the
 * same. Two palettes: on a light background yellow and cyan wash out, so warnings and accents change.
 * Chosen once, when this module loads: SUPPORT_THEME (light or dark; the CLI sets it from the config
 * file's `theme`), else the terminal's COLORFGBG ("0;15" is dark text on a light background), else dark.
 */
export type ThemeName = 'dark' | 'light';

export function themeName(env: NodeJS.ProcessEnv = process.env): ThemeName {
  const chosen = env['SUPPORT_THEME'];
  if (chosen === 'light' || chosen === 'dark') return chosen;
  const background = Number(env['COLORFGBG']?.split(';').at(-1));
  // xterm's 16 colours: 7 (light grey) and 9-15 are light backgrounds; 0-6 and 8 dark ones.
  return Number.isInteger(background) && (background === 7 || background >= 9) ? 'light' : 'dark';
}

export const PALETTES = {
  dark: { accent: 'cyan', muted: 'gray', danger: 'red', warning: 'yellow', success: 'green', note: 'yellow', selectedBackground: 'blue' },
  light: { accent: 'blue', muted: 'gray', danger: 'red', warning: 'magenta', success: 'green', note: 'magenta', selectedBackground: 'cyan' },
} as const;

export const theme: (typeof PALETTES)[ThemeName] = PALETTES[themeName()];

export const symbols = {
  selected: '▸',
  breached: '✗',
  running: '◷',
  noClock: '·',
  frozen: '■',
  note: '✎',
  offline: '⚠',
} as const;
