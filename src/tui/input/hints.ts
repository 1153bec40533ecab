import { firstKey, type CommandId, type CommandSpec } from './keymap.js';

/**
 * Fills the key tokens of text written before the keymap is known (a dialog's `${ENTER} to refund`,
 * see dialogs/key-tokens.ts) with the key the user has for each command, so hints stay right after a remap.
 */
export function withKeys(text: string, commands: readonly CommandSpec[]): string {
  return text.replace(/\{\{key:([a-zA-Z.]+)\}\}/g, (_, id: string) => firstKey(commands, id as CommandId) || id);
}
