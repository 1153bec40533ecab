import type { OverlayOf } from '../../state/types.js';
import { runCommand } from '../commands.js';
import { atEnd } from '../field.js';
import type { CommandId } from '../keymap.js';
import { paletteEntries, runsHere, whyNotHere } from '../palette.js';
import { closeOverlay, type OverlayController } from './controller.js';

/** Ctrl+K: typing filters the commands, Enter runs the chosen one (or says where it runs). */
export const paletteController: OverlayController<OverlayOf<'palette'>> = {
  takesText: () => true,
  field: (overlay) => ({ editor: atEnd(overlay.query), selected: false, singleLine: true, write: (next) => ({ overlay: { ...overlay, query: next.text, selected: 0 } }) }),
  close: closeOverlay,
  move: (ctx, overlay, delta) => {
    const count = paletteEntries(ctx.store.getState().commands, overlay.query, overlay.here).length;
    ctx.store.update(() => ({ overlay: { ...overlay, selected: Math.max(0, Math.min(count - 1, overlay.selected + delta)) } }));
  },
  accept: (ctx, overlay) => {
    const { commands } = ctx.store.getState();
    const chosen = paletteEntries(commands, overlay.query, overlay.here)[overlay.selected];
    closeOverlay(ctx);
    if (chosen && !runsHere(chosen, overlay.here)) ctx.actions.flash(whyNotHere(commands, chosen), 'error');
    else if (chosen) runCommand(chosen.id as CommandId, ctx);
  },
};
