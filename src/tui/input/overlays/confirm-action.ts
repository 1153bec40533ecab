import type { OverlayOf } from '../../state/types.js';
import { runCommand } from '../commands.js';
import type { CommandContext } from '../command-context.js';
import type { CommandId } from '../keymap.js';
import { performCustomAction } from '../run-custom-action.js';
import { closeOverlay, type OverlayController } from './controller.js';

function proceed(ctx: CommandContext, overlay: OverlayOf<'confirmAction'>): void {
  closeOverlay(ctx);
  const action = ctx.store.getState().customActions.find((a) => a.id === overlay.actionId);
  if (action) performCustomAction(ctx, action, overlay.values, (id) => runCommand(id as CommandId, ctx));
}

/** A custom action's `confirm:` question: y or Enter runs it, n or Esc does not; other typing is ignored. */
export const confirmActionController: OverlayController<OverlayOf<'confirmAction'>> = {
  takesText: () => true,
  answer: (ctx, overlay, text) => {
    if (text.toLowerCase() === 'y') proceed(ctx, overlay);
    else if (text.toLowerCase() === 'n') closeOverlay(ctx);
  },
  close: closeOverlay,
  move: () => {},
  accept: proceed,
};
