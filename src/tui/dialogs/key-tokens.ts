/**
 * Text written before the keymap is known (a dialog's question) names keys by command: `${ENTER} to
 * refund`. The view fills in the key the user has for it (input/hints.ts), so hints stay right after a remap.
 */
export const keyToken = (commandId: string) => `{{key:${commandId}}}`;
export const ENTER = keyToken('overlay.accept');
export const ESC = keyToken('overlay.close');
