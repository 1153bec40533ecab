import { lookupRows, shownResult, type LookupRow } from '../../state/lookup.js';
import type { OverlayOf } from '../../state/types.js';
import type { CommandContext } from '../command-context.js';
import { atEnd } from '../field.js';
import { type OverlayController } from './controller.js';

/** Enter on a row: a conversation (or a message's) opens; anything else opens its customer. */
function openRow(ctx: CommandContext, row: LookupRow): void {
  ctx.actions.closeLookup();
  if (row.kind === 'conversations' || row.kind === 'messages') ctx.actions.openConversation(row.conversationId);
  else ctx.actions.openCustomer(row.customerId);
}

/** Ctrl+F: typing looks up (debounced), up and down choose a result, Enter opens it. */
export const lookupController: OverlayController<OverlayOf<'lookup'>> = {
  takesText: () => true,
  field: (overlay) => ({
    editor: atEnd(overlay.query),
    selected: false,
    singleLine: true,
    write: (next) => ({ overlay: { ...overlay, query: next.text } }),
    after: (ctx) => ctx.actions.lookupQueryChanged(),
  }),
  close: (ctx) => ctx.actions.closeLookup(),
  move: (ctx, overlay, delta) => {
    const count = lookupRows(shownResult(overlay.answer)).length;
    ctx.store.update(() => ({ overlay: { ...overlay, selected: Math.max(0, Math.min(count - 1, overlay.selected + delta)) } }));
  },
  accept: (ctx, overlay) => {
    // Only a current answer is acted on: Enter while the newer query is on its way waits for it.
    if (overlay.answer.status !== 'ready') return;
    const row = lookupRows(overlay.answer.data)[overlay.selected];
    if (row) openRow(ctx, row);
  },
};
