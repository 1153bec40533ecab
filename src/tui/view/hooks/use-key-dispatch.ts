import { useInput, usePaste } from 'ink';
import { useMemo } from 'react';
import type { CommandContext } from '../../input/command-context.js';
import { handleKey, typeText } from '../../input/dispatch.js';
import { splitInput } from '../../input/keys.js';
import { buildKeymap } from '../../input/keymap.js';
import { useStoreState } from './use-store.js';

/** Ink's keys and pastes into the input layer (input/dispatch.ts). */
export function useKeyDispatch(ctx: CommandContext): void {
  const commands = useStoreState((s) => s.commands);
  const keymap = useMemo(() => buildKeymap(commands), [commands]);
  useInput((input, key) => {
    for (const [one, oneKey] of splitInput(input, key)) handleKey(ctx, keymap, one, oneKey);
  });
  // Bracketed paste: a pasted reply arrives whole, newlines included, and never runs commands.
  usePaste((text) => {
    typeText(ctx, text);
  });
}
