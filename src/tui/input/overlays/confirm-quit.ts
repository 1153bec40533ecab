import type { OverlayOf } from '../../state/types.js';
import { closeOverlay, type OverlayController } from './controller.js';

/** Quitting with unsent work: y or Enter quits, n or Esc stays; other typing is ignored. */
export const confirmQuitController: OverlayController<OverlayOf<'confirmQuit'>> = {
  takesText: () => true,
  answer: (ctx, _overlay, text) => {
    if (text.toLowerCase() === 'y') ctx.exit();
    else if (text.toLowerCase() === 'n') closeOverlay(ctx);
  },
  close: closeOverlay,
  move: () => {},
  accept: (ctx) => ctx.exit(),
};
