import { freeze, unfreeze } from './accounts.js';
import { assign, messageAction, resolve, tag } from './conversations.js';
import { refund } from './refund.js';
import type { ActionSpec, BulkAction } from './spec.js';

export { BULK_ACTIONS, type ActionSpec, type BulkAction, type BulkContext, type Column, type RowDone, type Target } from './spec.js';

// Each spec is used through the one row payload type it parses; the map forgets which.
export const ACTIONS: Record<BulkAction, ActionSpec<unknown>> = {
  freeze: freeze as ActionSpec<unknown>,
  unfreeze: unfreeze as ActionSpec<unknown>,
  refund: refund as ActionSpec<unknown>,
  resolve: resolve as ActionSpec<unknown>,
  reply: messageAction('reply') as ActionSpec<unknown>,
  note: messageAction('note') as ActionSpec<unknown>,
  assign: assign as ActionSpec<unknown>,
  tag: tag as ActionSpec<unknown>,
};
