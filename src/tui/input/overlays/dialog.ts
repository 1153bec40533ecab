import { stepOf, takesText } from '../../dialogs/engine.js';
import type { OverlayOf } from '../../state/types.js';
import type { OverlayController } from './controller.js';

/** A dialog: Esc goes a step back, Enter answers, up and down choose; its field is the step's line or filter. */
export const dialogController: OverlayController<OverlayOf<'dialog'>> = {
  takesText,
  field: (overlay) => {
    if (overlay.busy || !takesText(overlay)) return undefined;
    // A list's filter is this field too: a new filter starts at the top of what it leaves.
    const selected = stepOf(overlay)?.kind === 'choice' ? 0 : overlay.selected;
    return { editor: overlay.text, selected: overlay.prefilled, singleLine: true, write: (next) => ({ overlay: { ...overlay, text: next, prefilled: false, error: undefined, selected } }) };
  },
  close: (ctx) => ctx.actions.dialogBack(),
  move: (ctx, _overlay, delta) => ctx.actions.dialogMove(delta),
  accept: (ctx) => ctx.actions.dialogAccept(),
};
