import type { Channel, MessageKind, Priority } from '../../api/enums.js';
import type { QueueViewDef } from '../../api/queue-views.js';
import type { AccountStatusChange, Agent, Announcement, Complaint, ConversationDetail, ConversationSummary, CustomerContext, DeskSnapshot, Incident, Macro, PresenceEntry, QueuePage, Refund, RefundableTransaction, ReportOf, Suggestions, WalletAccount } from '../../api/types.js';
import type { ReportKind } from '../../api/schemas/report.js';
import type { CommandSpec, Context } from './command-spec.js';
import type { ActionValues, CustomAction } from './custom-action.js';
import type { DialogState } from './dialog-state.js';
import type { EditorState } from './editor.js';
import type { LookupOverlay } from './lookup.js';
import type { TransactionFilter } from './transaction-filter.js';

/** A reply written while the API was unreachable, waiting (on disk) to be sent in order. */
export interface OutboxEntry {
  conversationId: number;
  body: string;
  kind: MessageKind;
  /** Sent with every attempt: however often it is retried, the server stores the message once. */
  clientMessageId: string;
  queuedAt: number;
  /** Set when the server refused it for good (not a network failure): shown, not retried. */
  error?: string;
}

/**
 * A conversation; opened from a customer's screen (or jumped to from one opened so) or from the desk
 * board, Esc returns there.
 */
export interface ConversationScreen {
  name: 'conversation';
  id: number;
  back?: CustomerScreen | DeskScreen;
}

/** The supervisor board (supervisors and admins). */
export interface DeskScreen {
  name: 'desk';
}

/** The reports (supervisors and admins), opened from the queue or the board; Esc returns there. */
export interface ReportsScreen {
  name: 'reports';
  back: { name: 'queue' } | DeskScreen;
}

/** A customer's screen; `back` is where Esc returns (the conversation, queue or board it was opened from). */
export interface CustomerScreen {
  name: 'customer';
  id: string;
  back: { name: 'queue' } | ConversationScreen | { name: 'approvals' } | DeskScreen | ReportsScreen;
}

export type Screen = { name: 'queue' } | ConversationScreen | { name: 'approvals' } | CustomerScreen | DeskScreen | ReportsScreen;

/** The filled text of the macro under the picker's selection, or why it cannot be filled. */
export interface MacroPreview {
  macroId: string;
  status: 'loading' | 'ready' | 'error';
  text?: string;
  notice?: string | null;
  error?: string;
  /** What the agent can choose in a list to fill it (the variable the conversation does not name). */
  choose?: 'transaction' | 'account';
}

export type Overlay =
  | { kind: 'help'; scroll: number }
  | { kind: 'palette'; query: string; selected: number; /** The screen's contexts under it: they rank first. */ here: Context[] }
  | { kind: 'confirmQuit'; reason: string }
  /** A custom action's `confirm:` question, its variables filled in, before it runs. */
  | { kind: 'confirmAction'; actionId: string; question: string; dangerous: boolean; values: ActionValues }
  | { kind: 'macros'; conversationId: number; query: string; selected: number; preview: MacroPreview | undefined }
  | { kind: 'messages'; scroll: number }
  | { kind: 'myRefunds'; scroll: number }
  | LookupOverlay
  | DialogState;

/** A status-bar message as it was said, kept for the message log (the bar cuts long ones). */
export interface LoggedMessage {
  text: string;
  kind: 'info' | 'error';
  at: number;
}

/** How many status-bar messages the log keeps. */
export const MESSAGE_LOG_LIMIT = 200;

export interface LoadState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data?: T;
  error?: string;
}

export interface ConversationEntry extends LoadState<ConversationDetail> {
  /** Older pages are fetched in the background until the whole history is here. */
  historyComplete?: boolean;
}

/** The queue's server-side status filter: changing it reloads. */
export const STATUS_FILTERS = ['active', 'open', 'pending', 'snoozed', 'resolved', 'closed', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface QueueFilter {
  status: StatusFilter;
  channel: Channel | undefined;
  priority: Priority | undefined;
  mine: boolean;
  unassigned: boolean;
  search: string;
  /** Only the conversations linked to this incident: a server-side filter, like the status (changing it reloads). */
  incident: { id: number; title: string } | undefined;
}

export const NO_FILTER: QueueFilter = { status: 'active', channel: undefined, priority: undefined, mine: false, unassigned: false, search: '', incident: undefined };

export interface TuiState {
  agent: Agent;
  profile: string;
  commands: CommandSpec[];
  /** Problems found at start (a bad keymap entry, an unreadable file), shown until a key is pressed. */
  notices: string[];
  screen: Screen;
  overlay: Overlay | undefined;
  queue: LoadState<ConversationSummary[]>;
  filter: QueueFilter;
  /** The queue views of the config file (number keys and Tab switch), and the one shown (undefined: the default queue). */
  views: QueueViewDef[];
  activeView: number | undefined;
  /** The custom actions of the config file: their keys are commands of `commands` (custom.N). */
  customActions: CustomAction[];
  searching: boolean;
  selectedId: number | undefined;
  conversations: Record<number, ConversationEntry>;
  /** Lines scrolled up from the newest message, per conversation. */
  scroll: Record<number, number>;
  drafts: Record<number, EditorState>;
  /** What each conversation's draft is: a reply the customer reads, or an internal note. Kept with the draft. */
  composeKind: Record<number, MessageKind>;
  sending: Record<number, boolean>;
  sendError: Record<number, string | undefined>;
  outbox: OutboxEntry[];
  /** The desk's macros, loaded the first time the picker opens. */
  macros: LoadState<Macro[]>;
  /** Suggested answers and triage per conversation, asked for when it opens and when the customer writes. */
  suggestions: Record<number, LoadState<Suggestions>>;
  /** Customer context for the panel beside a conversation, by customer id. */
  customers: Record<string, LoadState<CustomerContext>>;
  /** Whether the conversation screen's reply box has the keys (writing) or the screen does (reading). */
  composing: boolean;
  /** The customer panel: shown beside the conversation when the terminal is wide, else on demand. */
  panel: 'auto' | 'shown' | 'hidden';
  /** Refunds waiting for approval, for supervisors. */
  approvals: LoadState<Refund[]>;
  approvalSelected: number;
  /** Who else is viewing or typing in each conversation (live). */
  presence: Record<number, PresenceEntry[]>;
  connection: 'online' | 'offline' | 'reconnecting';
  flash: LoggedMessage | undefined;
  /** Every status-bar message of this session, oldest first (at most MESSAGE_LOG_LIMIT). */
  messageLog: LoggedMessage[];
  /**
   * Every wallet on screen, by id, as the latest answer or live event left it. The conversation header
   * and the customer panel both read it here, so they never disagree.
   */
  wallets: Record<string, WalletAccount>;
  /**
   * The conversation whose reply was just sent, until the next key: that key, if it is the one for
   * "resolve and claim the next", does it from the emptied reply box (no Esc first); any other key writes.
   */
  justSent: number | undefined;
  /** Refunds this agent asked for, newest first: loaded when the list opens, then kept current by live events. */
  myRefunds: LoadState<Refund[]>;
  /** The customer screen's lists, by customer id: the whole transaction history and the complaints of their conversations. */
  customerTransactions: Record<string, LoadState<RefundableTransaction[]>>;
  customerComplaints: Record<string, LoadState<Complaint[]>>;
  /** Every conversation of each customer, newest first (their context has only the latest 20). */
  customerConversations: Record<string, LoadState<ConversationSummary[]>>;
  /** Each customer's wallets' status history (freezes, unfreezes, closing), newest first, from their wallets' details. */
  customerWalletHistory: Record<string, LoadState<AccountStatusChange[]>>;
  /** What the customer screen's transactions are narrowed to, by customer id (none: the whole history). */
  customerFilter: Record<string, TransactionFilter>;
  /** The customer screen's cursor over its rows (conversations, then transactions). */
  customerSelected: number;
  /** The phone call being logged from the customer screen: its conversation, until it is ended with a summary. */
  call: { customerId: string; conversationId: number } | undefined;
  /** The supervisor board: the latest snapshot, the cursor over its agents, the chosen agent's open conversations. */
  desk: DeskState;
  /** The reports screen: which report over which period, and the last one fetched. */
  reports: ReportsState;
  /** Active incidents, newest first: a banner line each in the status area. */
  incidents: LoadState<Incident[]>;
  /** Maintenance windows not ended or cancelled: a banner line when one runs or starts within hours. */
  announcements: Announcement[];
  /** The incident each opened conversation is linked to (null: none), for its header. */
  incidentOf: Record<number, { id: number; title: string; status: Incident['status'] } | null>;
  /** The terminal's width and the body's height (between title and status bar), as last drawn: what a page moves and what fits. */
  viewport: { width: number; bodyHeight: number };
}

export interface DeskState {
  board: LoadState<DeskSnapshot>;
  selected: number;
  /** Opened with Enter on an agent: their open conversations, and the cursor over them (the keys act on it). */
  agentConversations: { agentId: string; list: LoadState<ConversationSummary[]>; selected: number } | undefined;
}

/** The periods the reports screen switches between: the last 7, 30 or 90 days, today included. */
export const REPORT_PERIODS = [7, 30, 90] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** A report as fetched, with the kind and period it answers (the choice may have moved on since). */
export type LoadedReport = { [K in ReportKind]: { kind: K; days: ReportPeriod; team: string | null; report: ReportOf[K] } }[ReportKind];

export interface ReportsState {
  kind: ReportKind;
  days: ReportPeriod;
  /** One team's figures, or null for the whole desk. */
  team: string | null;
  /** The desk's teams, fetched when the screen first opens: what the team key steps through. */
  teams: string[] | undefined;
  report: LoadState<LoadedReport>;
}

export function initialState(agent: Agent, profile: string, commands: CommandSpec[], notices: string[], firstPage?: QueuePage): TuiState {
  return {
    agent,
    profile,
    commands,
    notices,
    screen: { name: 'queue' },
    overlay: undefined,
    queue: firstPage ? { status: firstPage.nextCursor ? 'loading' : 'ready', data: firstPage.data } : { status: 'idle' },
    filter: NO_FILTER,
    views: [],
    activeView: undefined,
    customActions: [],
    searching: false,
    selectedId: firstPage?.data[0]?.id,
    conversations: {},
    scroll: {},
    drafts: {},
    composeKind: {},
    sending: {},
    sendError: {},
    outbox: [],
    macros: { status: 'idle' },
    suggestions: {},
    customers: {},
    composing: false,
    panel: 'auto',
    approvals: { status: 'idle' },
    approvalSelected: 0,
    presence: {},
    connection: 'online',
    flash: undefined,
    messageLog: [],
    wallets: {},
    myRefunds: { status: 'idle' },
    justSent: undefined,
    customerTransactions: {},
    customerComplaints: {},
    customerConversations: {},
    customerWalletHistory: {},
    customerFilter: {},
    customerSelected: 0,
    call: undefined,
    incidents: { status: 'idle' },
    announcements: [],
    incidentOf: {},
    viewport: { width: 80, bodyHeight: 22 },
    desk: { board: { status: 'idle' }, selected: 0, agentConversations: undefined },
    reports: { kind: 'sla', days: 7, team: null, teams: undefined, report: { status: 'idle' } },
  };
}


export type OverlayKind = Overlay['kind'];
export type OverlayOf<K extends OverlayKind> = Extract<Overlay, { kind: K }>;
