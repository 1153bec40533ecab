import type { CommandContext } from './command-context.js';
import { pickerEntries } from './suggestions.js';

/** Opens the macro picker on a conversation, loading the desk's macros the first time. */
export function openMacroPicker(ctx: CommandContext, conversationId: number, query = ''): void {
  ctx.store.update(() => ({ overlay: { kind: 'macros', conversationId, query, selected: 0, preview: undefined } }));
  void ctx.actions.loadMacros().then(() => selectMacro(ctx, 0));
}

/** Moves the picker's selection and asks the server to fill that macro for the preview. */
export function selectMacro(ctx: CommandContext, index: number): void {
  const state = ctx.store.getState();
  const overlay = state.overlay;
  if (overlay?.kind !== 'macros') return;
  const entries = pickerEntries(state, overlay.conversationId, overlay.query);
  const selected = Math.max(0, Math.min(entries.length - 1, index));
  const macro = entries[selected];
  ctx.store.update(() => ({ overlay: { ...overlay, selected, preview: macro && overlay.preview?.macroId === macro.id ? overlay.preview : undefined } }));
  if (macro && overlay.preview?.macroId !== macro.id) void ctx.actions.previewMacro(overlay.conversationId, macro.id);
}
