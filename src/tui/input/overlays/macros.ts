import { withMacroText } from '../../state/macro-text.js';
import type { OverlayOf } from '../../state/types.js';
import { atEnd } from '../field.js';
import { selectMacro } from '../macro-picker.js';
import { pickerEntries } from '../suggestions.js';
import { closeOverlay, type OverlayController } from './controller.js';

/** The macro picker: typing filters, up and down preview another, Enter puts the filled text in. */
export const macrosController: OverlayController<OverlayOf<'macros'>> = {
  takesText: () => true,
  field: (overlay) => ({ editor: atEnd(overlay.query), selected: false, singleLine: true, write: (next) => ({ overlay: { ...overlay, query: next.text } }), after: (ctx) => selectMacro(ctx, 0) }),
  close: closeOverlay,
  move: (ctx, overlay, delta) => selectMacro(ctx, overlay.selected + delta),
  accept: (ctx, overlay) => {
    // Only a filled text goes in: a macro with an unfillable variable stays out, its reason shown,
    // unless what it lacks is a transaction or wallet the agent can choose here.
    const preview = overlay.preview;
    const text = preview?.status === 'ready' ? preview.text : undefined;
    if (text !== undefined) ctx.store.update((s) => withMacroText(s, overlay.conversationId, text));
    else if (preview?.status === 'error' && preview.choose) {
      const macro = pickerEntries(ctx.store.getState(), overlay.conversationId, overlay.query)[overlay.selected];
      if (macro) ctx.actions.openDialog('macroFill', { conversationId: overlay.conversationId, macroId: macro.id, shortcut: macro.shortcut, choose: preview.choose });
    }
  },
};
