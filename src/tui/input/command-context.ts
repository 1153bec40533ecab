import type { Actions } from '../effects/actions.js';
import type { Store } from '../state/store.js';
import type { Overlay } from '../state/types.js';
import type { BoundOverlay } from './overlays/controller.js';

/** What commands act through: the store, the effects, the app's exit and suspend, and the overlays' controllers. */
export interface CommandContext {
  store: Store;
  actions: Actions;
  exit: () => void;
  suspend: () => void;
  /** The open overlay's controller, bound to it (the registry in view/overlays/ declares one per kind). */
  overlayOf: (overlay: Overlay) => BoundOverlay;
}
