import type { Overlay, TuiState } from '../../state/types.js';
import type { BoundOverlay, CommandContext, Field } from '../command-context.js';

/**
 * What an overlay does with keys: the overlay.* commands (close, up/down, accept), whether typed
 * characters are text, and the field they go into. One per overlay kind; the registry in
 * view/overlays/registry.tsx pairs each with its component.
 */
export interface OverlayController<O extends Overlay> {
  /** Typed characters are text here (a filter, a field, an answer), not keys. */
  takesText(overlay: O): boolean;
  /** The field typed text and editing keys go to, if any. */
  field?(overlay: O, state: TuiState): Field | undefined;
  /** Typed text that answers the overlay rather than filling a field (the quit question's y and n). */
  answer?(ctx: CommandContext, overlay: O, text: string): void;
  close(ctx: CommandContext, overlay: O): void;
  move(ctx: CommandContext, overlay: O, delta: number): void;
  accept(ctx: CommandContext, overlay: O): void;
}

export function bindOverlay<O extends Overlay>(controller: OverlayController<O>, overlay: O): BoundOverlay {
  return {
    takesText: () => controller.takesText(overlay),
    field: (state) => controller.field?.(overlay, state),
    answer: (ctx, text) => {
      if (!controller.answer) return false;
      controller.answer(ctx, overlay, text);
      return true;
    },
    close: (ctx) => controller.close(ctx, overlay),
    move: (ctx, delta) => controller.move(ctx, overlay, delta),
    accept: (ctx) => controller.accept(ctx, overlay),
  };
}

export const closeOverlay = (ctx: CommandContext) => ctx.store.update(() => ({ overlay: undefined }));
