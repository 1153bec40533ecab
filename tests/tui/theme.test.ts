import { describe, expect, it } from 'vitest';
import { themeName } from '../../src/tui/view/theme.js';

describe('the palette', () => {
  it('follows SUPPORT_THEME, then the terminal background, then defaults to dark', () => {
    expect(themeName({ SUPPORT_THEME: 'light' })).toBe('light');
    expect(themeName({ SUPPORT_THEME: 'dark', COLORFGBG: '0;15' })).toBe('dark');
    expect(themeName({ COLORFGBG: '0;15' })).toBe('light');
    expect(themeName({ COLORFGBG: '0;default;7' })).toBe('light');
    expect(themeName({ COLORFGBG: '15;0' })).toBe('dark');
    expect(themeName({ COLORFGBG: 'nonsense' })).toBe('dark');
    expect(themeName({ SUPPORT_THEME: 'purple' })).toBe('dark');
    expect(themeName({})).toBe('dark');
  });
});
