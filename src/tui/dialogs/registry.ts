import type { DialogType } from '../state/dialog-state.js';
import { approveDialog, rejectDialog } from './approvals.js';
import { complaintDialog } from './complaint.js';
import { categoryDialog, priorityDialog } from './conversation-fields.js';
import { makeReplyDialog } from './draft-kind.js';
import { endCallDialog } from './end-call.js';
import { freezeDialog, unfreezeDialog } from './freeze.js';
import { macroFillDialog } from './macro-fill.js';
import { refundDialog } from './refund.js';
import { resolveOthersDialog } from './resolve.js';
import type { DialogDefinition, DialogRegistry } from './types.js';
import { startConversationDialog } from './start-conversation.js';
import { transactionFilterDialog } from './transaction-filter.js';
import { snoozeDialog, tagsDialog, transferDialog } from './workflow.js';

export const DIALOGS: DialogRegistry = {
  freeze: freezeDialog,
  unfreeze: unfreezeDialog,
  refund: refundDialog,
  approve: approveDialog,
  reject: rejectDialog,
  snooze: snoozeDialog,
  transfer: transferDialog,
  tags: tagsDialog,
  makeReply: makeReplyDialog,
  resolveOthers: resolveOthersDialog,
  priority: priorityDialog,
  category: categoryDialog,
  complaint: complaintDialog,
  macroFill: macroFillDialog,
  endCall: endCallDialog,
  transactionFilter: transactionFilterDialog,
  startConversation: startConversationDialog,
};

/** The definition of a dialog type, typed for that type. */
export const definitionOf = <K extends DialogType>(type: K): DialogDefinition<K> => DIALOGS[type];
