import type { Category, Priority, Role } from '../../api/enums.js';
import type { AgentProfile, Complaint, CustomerContext, RefundableTransaction, RefundDetail, RefundPreview, RenderedMacro, Team, WalletAccount } from '../../api/types.js';
import type { EditorState } from './editor.js';

/** A dialog opened on a conversation: the queue row or the loaded conversation names its customer. */
export interface ConversationSubject {
  conversationId: number;
  customerId: string;
  agentId: string;
}

/** A dialog on a customer's money: from a conversation, or from the customer screen (no conversation then). */
export interface CustomerSubject {
  customerId: string;
  agentId: string;
  conversationId?: number;
}

/**
 * Every dialog, by type: what it acts on (`subject`, given when it opens) and what it loads to ask its
 * questions (`data`, filled by its load and its server-side preview). Each dialog's steps read these
 * typed, not from a bag of unknowns.
 */
export interface DialogShapes {
  freeze: { subject: CustomerSubject; data: { context: CustomerContext } };
  unfreeze: { subject: CustomerSubject; data: { context: CustomerContext } };
  refund: { subject: CustomerSubject; data: { payments: RefundableTransaction[]; preview: RefundPreview } };
  approve: { subject: { refundId: string }; data: { refund: RefundDetail } };
  reject: { subject: { refundId: string }; data: { refund: RefundDetail } };
  snooze: { subject: ConversationSubject; data: Record<never, never> };
  transfer: { subject: ConversationSubject; data: { agents: AgentProfile[]; teams: Team[] } };
  tags: { subject: ConversationSubject & { tags: string }; data: Record<never, never> };
  makeReply: { subject: { conversationId: number; customer?: string }; data: Record<never, never> };
  resolveOthers: { subject: { conversationId: number; assignee: string; andNext: boolean }; data: Record<never, never> };
  priority: { subject: ConversationSubject & { priority?: Priority }; data: Record<never, never> };
  category: { subject: ConversationSubject & { category?: Category }; data: Record<never, never> };
  complaint: { subject: ConversationSubject & { role: Role; summary: string }; data: { complaint: Complaint } };
  endCall: { subject: { conversationId: number; customerId: string }; data: Record<never, never> };
  /** `text`: the filter the screen has now, to edit. */
  transactionFilter: { subject: { customerId: string; text: string }; data: Record<never, never> };
  startConversation: { subject: CustomerSubject; data: Record<never, never> };
  macroFill: {
    subject: { conversationId: number; macroId: string; shortcut: string; choose: 'transaction' | 'account' };
    data: { accounts: WalletAccount[]; transactions: RefundableTransaction[]; rendered: { key: string; macro: RenderedMacro } };
  };
}

export type DialogType = keyof DialogShapes;
export type DialogSubject<K extends DialogType> = DialogShapes[K]['subject'];
export type DialogData<K extends DialogType> = Partial<DialogShapes[K]['data']>;

/** An open dialog of one type: where it is in its steps and what was answered. */
export interface DialogStateOf<K extends DialogType> {
  kind: 'dialog';
  type: K;
  /** What the dialog acts on: a conversation, a customer, a refund. */
  subject: DialogSubject<K>;
  /** Answers so far, by step key. */
  values: Record<string, string>;
  /** What the dialog loaded to ask its questions (a customer's wallets, the agents, a preview). */
  data: DialogData<K>;
  loading: boolean;
  step: number;
  /** The list cursor of a choice step. */
  selected: number;
  /** The editor of a text step, what is typed to confirm, or the filter of a filtering choice step. */
  text: EditorState;
  /** The text is the step's default, shown selected: the first typing replaces it. */
  prefilled: boolean;
  busy: boolean;
  error: string | undefined;
  /** The idempotency key of the last submission and the answers it carried: resubmitting the same answers reuses it. */
  attempt: { key: string; values: string } | undefined;
}

/**
 * Any open dialog, as the store keeps it. The engine and each definition work on `DialogStateOf<K>`
 * for their own K, where subject and data are typed; `isDialogOf` narrows one read back from the store.
 */
export type DialogState = DialogStateOf<DialogType>;

/** Whether the dialog is of this type (then its subject and data are that dialog's). */
export const isDialogOf = <K extends DialogType>(dialog: DialogState, type: K): dialog is DialogStateOf<K> => dialog.type === type;
