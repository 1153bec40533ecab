import type { OverlayOf } from '../../state/types.js';
import { helpMaxScroll } from '../help.js';
import { closeOverlay, type OverlayController } from './controller.js';

/** ?: the keys; up and down scroll, clamped to the last line (presses past the end would have to come back). */
export const helpController: OverlayController<OverlayOf<'help'>> = {
  takesText: () => false,
  close: closeOverlay,
  accept: closeOverlay,
  move: (ctx, overlay, delta) => {
    const state = ctx.store.getState();
    const max = helpMaxScroll(state.commands, state.viewport.bodyHeight);
    ctx.store.update(() => ({ overlay: { ...overlay, scroll: Math.max(0, Math.min(max, overlay.scroll + delta)) } }));
  },
};

/** A scrolling list of lines (the message log, my refunds): the view clamps what shows. */
export const scrollListController: OverlayController<OverlayOf<'messages'> | OverlayOf<'myRefunds'>> = {
  takesText: () => false,
  close: closeOverlay,
  accept: closeOverlay,
  move: (ctx, overlay, delta) => ctx.store.update(() => ({ overlay: { ...overlay, scroll: Math.max(0, overlay.scroll + delta) } })),
};
