import { firstKey, type CommandId, type CommandSpec } from './keymap.js';

/**
 * Text written before the keymap is known (a dialog's question) names keys by command: `${ENTER} to
 * refund`. The view fills in the key the user has for it, so hints stay right after a remap.
 */
export const keyToken = (id: CommandId) => `{{key:${id}}}`;
export const ENTER = keyToken('overlay.accept');
export const ESC = keyToken('overlay.close');

export function withKeys(text: string, commands: readonly CommandSpec[]): string {
  return text.replace(/\{\{key:([a-zA-Z.]+)\}\}/g, (_, id: string) => firstKey(commands, id as CommandId) || id);
}
