/** A command of the keymap table (input/keymap.ts): the state keeps the table with the user's remapping. */
export type Context = 'global' | 'queue' | 'search' | 'conversation' | 'composer' | 'approvals' | 'customer' | 'desk' | 'reports' | 'overlay';

export interface CommandSpec {
  id: string;
  context: Context;
  keys: readonly string[];
  title: string;
  /** Hidden from the palette: keys that only make sense pressed (cursor moves, editing). */
  paletteHidden?: boolean;
  /** Where a user-defined command comes from ("config actions[2]"), shown in help and the palette. */
  source?: string;
  /** A user-defined action marked dangerous: shown with a warning. */
  dangerous?: boolean;
}
