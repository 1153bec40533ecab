import { randomUUID } from 'node:crypto';
import type { MessageKind } from '../../api/enums.js';
import type { LiveEvent } from '../../api/events.js';
import type { Availability } from '../../api/enums.js';
import { displayMoney } from '../../api/money.js';
import type { ConversationSummary, QueuePage, Refund } from '../../api/types.js';
import { MACRO_ERROR_CODES } from '../../api/macros.js';
import { isApiError } from '../../client/errors.js';
import type { SupportClient } from '../../client/support-client.js';
import { emptyEditor } from '../state/editor.js';
import type { OutboxEntry } from '../persistence/outbox.js';
import { upsertRow } from '../state/queue-order.js';
import { DEFAULT_QUEUE_STATUS, statusParam } from '../state/queue-view.js';
import { draftOf, isSupervisor, MESSAGE_LOG_LIMIT, withMessage, withWallets, type MacroPreview, type Store, type TuiState } from '../state/store.js';

const QUEUE_LIMIT = 50_000;
const QUEUE_PAGE = 200;
const HISTORY_PAGE = 200;
const HISTORY_LIMIT = 10_000;

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Unreachable is not lost: the agent should know that replies are kept, not only what to check.
  return isUnreachable(error) ? `${text}. Replies you send meanwhile wait in the outbox and go out when it answers` : text;
}

/** No answer at all, or a server that is down: worth waiting out. */
function isUnreachable(error: unknown): boolean {
  return isApiError(error) && (error.isNetwork || error.status === 502 || error.status === 503 || error.status === 504);
}

const PRESENCE_EVERY_MS = 10_000;
const MY_REFUNDS_LIMIT = 200;

const AVAILABILITY_CYCLE: Availability[] = ['online', 'away', 'offline'];

export interface ActionOptions {
  /** Called when the outbox changes, to persist it. */
  onOutboxChange?: (entries: OutboxEntry[]) => void;
  /** How long to wait before probing an unreachable API again (ms), doubling up to 30 s. */
  retryBaseMs?: number;
  /** A request for the first page of the default queue that is already under way. */
  firstPage?: Promise<QueuePage>;
  /** That page, already in the store: loading goes on from its cursor. */
  initialPage?: QueuePage;
}

/** What keys and effects do: each talks to the API through the client and records the outcome. */
export function createActions(store: Store, client: SupportClient, options: ActionOptions = {}) {
  const retryBase = options.retryBaseMs ?? 2000;
  let probeTimer: NodeJS.Timeout | undefined;
  let probeDelay = retryBase;
  let flushing = false;
  let disposed = false;

  /** A status-bar message; the bar may cut it, so the message log keeps it whole. */
  function flash(text: string, kind: 'info' | 'error' = 'info') {
    const message = { text, kind, at: Date.now() };
    store.update((s) => ({ flash: message, messageLog: [...s.messageLog, message].slice(-MESSAGE_LOG_LIMIT) }));
  }

  function setOutbox(change: (entries: OutboxEntry[]) => OutboxEntry[]) {
    store.update((s) => ({ outbox: change(s.outbox) }));
    options.onOutboxChange?.(store.getState().outbox);
  }

  /** Records the outcome of a call: an answer means online; no answer starts probing until it returns. */
  function reached(ok: boolean, error?: unknown) {
    if (ok) {
      const wasOffline = store.getState().connection !== 'online';
      if (wasOffline) store.update(() => ({ connection: 'online' }));
      probeDelay = retryBase;
      if (wasOffline) void flushOutbox();
      return;
    }
    if (isUnreachable(error)) {
      store.update(() => ({ connection: 'offline' }));
      scheduleProbe();
    }
  }

  function scheduleProbe() {
    if (probeTimer || disposed) return;
    probeTimer = setTimeout(async () => {
      probeTimer = undefined;
      store.update(() => ({ connection: 'reconnecting' }));
      try {
        await client.me();
        reached(true);
        void loadQueue();
      } catch (error) {
        probeDelay = Math.min(probeDelay * 2, 30_000);
        store.update(() => ({ connection: 'offline' }));
        if (isUnreachable(error)) scheduleProbe();
      }
    }, probeDelay);
    probeTimer.unref();
  }

  let queueGeneration = 0;
  let prefetched = options.initialPage ? Promise.resolve(options.initialPage) : options.firstPage;

  /**
   * Loads the queue page by page: the first page is on screen at once, the rest follows in the
   * background. A newer load (another filter, a reload) makes an older one stop.
   */
  async function loadQueue(): Promise<void> {
    const generation = ++queueGeneration;
    store.update((s) => ({ queue: { ...s.queue, status: 'loading' } }));
    const status = statusParam(store.getState().filter.status);
    const rows: ConversationSummary[] = [];
    let cursor: string | undefined;
    try {
      do {
        const usePrefetched = prefetched && !cursor && status === DEFAULT_QUEUE_STATUS;
        const page = await (usePrefetched ? prefetched! : client.queue({ status, limit: QUEUE_PAGE, ...(cursor ? { cursor } : {}) }));
        prefetched = undefined;
        if (generation !== queueGeneration || disposed) return;
        rows.push(...page.data);
        cursor = page.nextCursor ?? undefined;
        // A new array per page, so that views keyed on the data see the change.
        const data = rows.slice();
        const done = !cursor || rows.length >= QUEUE_LIMIT;
        store.update((s) => ({ queue: { status: done ? 'ready' : 'loading', data }, selectedId: s.selectedId ?? data[0]?.id }));
        if (rows.length === page.data.length) reached(true);
      } while (cursor && rows.length < QUEUE_LIMIT);
    } catch (error) {
      if (generation !== queueGeneration) return;
      store.update((s) => ({ queue: { ...s.queue, status: 'error', error: messageOf(error) } }));
      reached(false, error);
    }
  }

  async function loadHistory(id: number): Promise<void> {
    let cursor = store.getState().conversations[id]?.data?.olderMessagesCursor ?? null;
    let loaded = store.getState().conversations[id]?.data?.messages.length ?? 0;
    while (cursor && loaded < HISTORY_LIMIT && !disposed) {
      const page = await client.messages(id, { cursor, limit: HISTORY_PAGE });
      cursor = page.nextCursor;
      loaded += page.data.length;
      store.update((s) => {
        const entry = s.conversations[id];
        if (!entry?.data) return {};
        const known = new Set(entry.data.messages.map((m) => m.id));
        const older = page.data.filter((m) => !known.has(m.id));
        return { conversations: { ...s.conversations, [id]: { ...entry, data: { ...entry.data, messages: [...older, ...entry.data.messages], olderMessagesCursor: cursor } } } };
      });
    }
    store.update((s) => (s.conversations[id] ? { conversations: { ...s.conversations, [id]: { ...s.conversations[id], historyComplete: true } } } : {}));
  }

  async function loadConversation(id: number): Promise<void> {
    store.update((s) => ({ conversations: { ...s.conversations, [id]: { ...s.conversations[id], status: 'loading' } } }));
    try {
      const data = await client.conversation(id);
      store.update((s) => ({ conversations: { ...s.conversations, [id]: { status: 'ready', data, historyComplete: !data.olderMessagesCursor } }, ...withWallets(s, data.accounts) }));
      reached(true);
      if (data.olderMessagesCursor) await loadHistory(id);
    } catch (error) {
      store.update((s) => ({ conversations: { ...s.conversations, [id]: { ...s.conversations[id], status: 'error', error: messageOf(error) } } }));
      reached(false, error);
    }
  }

  async function loadCustomer(customerId: string): Promise<void> {
    store.update((s) => ({ customers: { ...s.customers, [customerId]: { ...s.customers[customerId], status: 'loading' } } }));
    try {
      const data = await client.customers.get(customerId);
      store.update((s) => ({ customers: { ...s.customers, [customerId]: { status: 'ready', data } }, ...withWallets(s, data.accounts) }));
    } catch (error) {
      store.update((s) => ({ customers: { ...s.customers, [customerId]: { ...s.customers[customerId], status: 'error', error: messageOf(error) } } }));
    }
  }

  /** Opens a conversation in reading mode; its customer's context loads beside it, others see us there. */
  function openConversation(id: number): void {
    const previous = store.getState().screen;
    if (previous.name === 'conversation' && previous.id !== id) leaveConversation(previous.id);
    store.update(() => ({ screen: { name: 'conversation', id }, selectedId: id, composing: false }));
    startPresence(id);
    void loadConversation(id).then(() => {
      const customerId = store.getState().conversations[id]?.data?.customer.id;
      if (customerId) void loadCustomer(customerId);
    });
  }

  const shownStatuses = () => statusParam(store.getState().filter.status).split(',');

  /** A conversation as the server now has it: its queue row (in order, or out) and its open view. */
  function upsertConversation(c: ConversationSummary): void {
    store.update((s) => {
      const queue = s.queue.data ? { ...s.queue, data: upsertRow(s.queue.data, c, shownStatuses().includes(c.status)) } : s.queue;
      const entry = s.conversations[c.id];
      const conversations = entry?.data ? { ...s.conversations, [c.id]: { ...entry, data: { ...entry.data, conversation: c } } } : s.conversations;
      return { queue, conversations };
    });
  }

  /** n: the next conversation the server picks for this agent, assigned and opened. Never automatic. */
  async function claimNext(): Promise<void> {
    try {
      const c = await client.claimNext();
      upsertConversation(c);
      openConversation(c.id);
      flash(`Claimed #${c.id}: ${c.subject}`);
      reached(true);
    } catch (error) {
      flash(messageOf(error), 'error');
      reached(false, error);
    }
  }

  /**
   * e (E also claims the next one, only because the agent asked for it). Returns what to tell the
   * agent; throws when the server refuses, for a dialog to show in place.
   */
  async function resolveNow(id: number, andNext: boolean): Promise<string> {
    try {
      const result = await client.resolve(id, { claimNext: andNext });
      reached(true);
      upsertConversation(result.conversation);
      if (!andNext) return `Resolved #${id}`;
      if (!result.next) return `Resolved #${id}; nothing to claim: ${result.nextError?.detail ?? 'the queue is empty for you'}`;
      upsertConversation(result.next);
      openConversation(result.next.id);
      return `Resolved #${id}; claimed #${result.next.id}`;
    } catch (error) {
      reached(false, error);
      throw error;
    }
  }

  async function resolve(id: number, andNext: boolean): Promise<void> {
    try {
      flash(await resolveNow(id, andNext));
    } catch (error) {
      flash(messageOf(error), 'error');
    }
  }

  async function changeStatus(id: number, change: 'reopen' | 'pending'): Promise<void> {
    try {
      const c = change === 'reopen' ? await client.reopen(id) : await client.setPending(id);
      upsertConversation(c);
      flash(change === 'reopen' ? `Reopened #${id}` : `#${id} waits on the customer`);
    } catch (error) {
      flash(messageOf(error), 'error');
      reached(false, error);
    }
  }

  async function cycleAvailability(): Promise<void> {
    const current = store.getState().agent.availability;
    const next = AVAILABILITY_CYCLE[(AVAILABILITY_CYCLE.indexOf(current) + 1) % AVAILABILITY_CYCLE.length]!;
    try {
      const profile = await client.setAvailability(next);
      store.update((s) => ({ agent: { ...s.agent, availability: profile.availability } }));
      flash(`You are ${profile.availability}`);
    } catch (error) {
      flash(messageOf(error), 'error');
    }
  }

  // Presence: "viewing" while a conversation is open, "typing" while its reply box has recent keys.
  let presenceTimer: NodeJS.Timeout | undefined;
  let presenceFor: number | undefined;
  let typedAt = 0;
  let sentState: 'viewing' | 'typing' | undefined;

  function sendPresence(): void {
    if (presenceFor === undefined || disposed) return;
    const state = store.getState().composing && Date.now() - typedAt < 5000 ? 'typing' : 'viewing';
    sentState = state;
    client.presence(presenceFor, state).then(
      (presence) => store.update((s) => ({ presence: { ...s.presence, [presenceFor ?? -1]: presence } })),
      () => {},
    );
  }

  function startPresence(id: number): void {
    presenceFor = id;
    typedAt = 0;
    sendPresence();
    if (presenceTimer) clearInterval(presenceTimer);
    presenceTimer = setInterval(sendPresence, PRESENCE_EVERY_MS);
    presenceTimer.unref();
  }

  /** Called as the agent types in a reply: others see "typing" within a moment, not at the next beat. */
  function noteTyping(): void {
    typedAt = Date.now();
    if (sentState !== 'typing') sendPresence();
  }

  function leaveConversation(id: number): void {
    if (presenceTimer) clearInterval(presenceTimer);
    presenceTimer = undefined;
    presenceFor = undefined;
    sentState = undefined;
    client.leaveConversation(id).catch(() => {});
  }

  /** Live events into the store: rows move, messages appear, presence updates, panels refresh. */
  function applyEvent(event: LiveEvent): void {
    const state = store.getState();
    const open = state.screen.name === 'conversation' ? state.screen.id : undefined;
    switch (event.type) {
      case 'conversation.created':
      case 'conversation.updated':
      case 'conversation.assigned':
      case 'sla.breached':
        upsertConversation(event.data.conversation);
        return;
      case 'message.created': {
        const { message, conversation } = event.data;
        store.update((s) => withMessage(s, conversation.id, message, undefined));
        upsertConversation(conversation);
        return;
      }
      case 'presence':
        store.update((s) => ({ presence: { ...s.presence, [event.data.conversationId]: event.data.presence } }));
        return;
      case 'macro.created':
      case 'macro.updated':
      case 'macro.deleted':
        store.update(() => ({ macros: { status: 'idle' } }));
        return;
      case 'complaint.created':
      case 'complaint.updated':
        if (open !== undefined && event.data.complaint.conversationId === open) void loadConversation(open);
        return;
      case 'account.status_changed': {
        const { customerId } = event.data;
        if (state.customers[customerId] || state.wallets[event.data.accountId]) void loadCustomer(customerId);
        if (open !== undefined && state.conversations[open]?.data?.customer.id === customerId) void loadConversation(open);
        return;
      }
      case 'refund.created':
      case 'refund.updated': {
        const { refund } = event.data;
        // The live count of refunds waiting for a supervisor, and their list when it is open.
        if (state.approvals.status !== 'idle' || isSupervisor(state)) void loadApprovals();
        // An approved refund credits the wallet: every place showing it reads the reloaded one.
        if (state.customers[refund.customerId] || state.wallets[refund.accountId]) void loadCustomer(refund.customerId);
        if (refund.requestedBy.id === state.agent.id) noteMyRefund(refund, event.type === 'refund.updated');
        return;
      }
    }
  }

  /** The requester's own refund changed: kept in "my refunds", and a decision is said in the status bar. */
  function noteMyRefund(refund: Refund, decided: boolean): void {
    store.update((s) => {
      if (!s.myRefunds.data) return {};
      const rest = s.myRefunds.data.filter((r) => r.id !== refund.id);
      return { myRefunds: { ...s.myRefunds, data: [refund, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) } };
    });
    if (!decided || refund.status === 'pending_approval') return;
    // The decision first: the status bar may have room for little more (the log has it whole).
    const who = refund.decidedBy ? ` by ${refund.decidedBy.name}` : '';
    const which = `(your ${refund.id}, payment ${refund.transactionId})`;
    if (refund.status === 'succeeded') flash(`Refund of ${displayMoney(refund.amount)} approved${who}: the wallet is credited ${which}`);
    else flash(`Refund of ${displayMoney(refund.amount)} rejected${who}${refund.decisionNote ? `: ${refund.decisionNote}` : ''} ${which}`, 'error');
  }

  /** The refunds this agent asked for, with their status (the "my refunds" list). */
  async function loadMyRefunds(): Promise<void> {
    store.update((s) => ({ myRefunds: { ...s.myRefunds, status: 'loading' } }));
    try {
      const data = await client.refunds.listAll({ requestedBy: 'me' }, MY_REFUNDS_LIMIT);
      store.update(() => ({ myRefunds: { status: 'ready', data } }));
    } catch (error) {
      store.update((s) => ({ myRefunds: { ...s.myRefunds, status: 'error', error: messageOf(error) } }));
      reached(false, error);
    }
  }

  /** Supervisors see how many refunds wait for them from the start; live events keep the count. */
  function watchApprovals(): void {
    if (isSupervisor(store.getState())) void loadApprovals();
  }

  let subscription: { close(): void } | undefined;

  /** Follows the live stream: the connection state shows in the status bar; resumes without gaps. */
  function subscribeLive(): void {
    subscription = client.subscribe({
      onEvent: applyEvent,
      onState: (info) => {
        if (info.state === 'connected') reached(true);
        else if (info.state === 'reconnecting') store.update(() => ({ connection: 'reconnecting' }));
        // Refused (a revoked token, say): the API may still answer; only the live updates stopped.
        else if (info.state === 'closed' && info.error) flash(`Live updates stopped: ${info.error.message}`, 'error');
      },
    });
  }

  /** After a dialog changed something: the open conversation, its customer and the approvals list again. */
  function refreshAfterChange(subject: Record<string, string | number>): void {
    const screen = store.getState().screen;
    if (screen.name === 'conversation') void loadConversation(screen.id);
    const customerId = subject['customerId'];
    if (typeof customerId === 'string') void loadCustomer(customerId);
    if (subject['refundId'] !== undefined || screen.name === 'approvals') void loadApprovals();
  }

  async function loadApprovals(): Promise<void> {
    store.update((s) => ({ approvals: { ...s.approvals, status: 'loading' } }));
    try {
      const data = await client.refunds.listAll({ approvable: true });
      store.update((s) => ({ approvals: { status: 'ready', data }, approvalSelected: Math.min(s.approvalSelected, Math.max(0, data.length - 1)) }));
    } catch (error) {
      store.update((s) => ({ approvals: { ...s.approvals, status: 'error', error: messageOf(error) } }));
    }
  }

  /** The outbox entry being sent right now: too late to take back. */
  let delivering: string | undefined;

  async function deliver(entry: OutboxEntry) {
    const id = entry.conversationId;
    delivering = entry.clientMessageId;
    const known = (s: TuiState) => s.conversations[id]?.data?.conversation ?? s.queue.data?.find((c) => c.id === id);
    const wasUnassigned = known(store.getState())?.assignee === null;
    const sent = await client.sendMessage(id, { body: entry.body, kind: entry.kind, clientMessageId: entry.clientMessageId }).finally(() => {
      delivering = undefined;
    });
    store.update((s) => withMessage(s, id, sent.message, sent.conversation));
    // The server gives an unassigned conversation to whoever replies (unless the desk turned that off): said, not silent.
    if (wasUnassigned && !sent.replayed && sent.conversation.assignee?.id === store.getState().agent.id) flash(`#${id} is assigned to you now: you replied to it`);
    return sent;
  }

  /**
   * Sends the draft. Refused by the server: the text stays in the composer with the reason. No answer:
   * the message waits in the outbox (on disk) and goes out, once, when the API is back. Once sent,
   * the next key may be E (resolve and claim the next) without Esc first: see `justSent`.
   */
  async function sendDraft(id: number): Promise<'sent' | 'queued' | 'refused' | 'nothing'> {
    const state = store.getState();
    const draft = draftOf(state, id);
    const body = draft.text.replace(/\s+$/, '');
    if (!body.trim() || state.sending[id]) return 'nothing';
    const kind: MessageKind = state.composeKind[id] ?? 'reply';
    const entry: OutboxEntry = { conversationId: id, body, kind, clientMessageId: randomUUID(), queuedAt: Date.now() };
    if (state.connection !== 'online' || state.outbox.some((e) => !e.error)) {
      // Keep the order: behind what is already waiting.
      queueEntry(entry);
      return 'queued';
    }
    store.update((s) => ({ sending: { ...s.sending, [id]: true }, sendError: { ...s.sendError, [id]: undefined } }));
    try {
      await deliver(entry);
      store.update((s) => ({ drafts: { ...s.drafts, [id]: emptyEditor }, sending: { ...s.sending, [id]: false }, scroll: { ...s.scroll, [id]: 0 }, justSent: id }));
      reached(true);
      return 'sent';
    } catch (error) {
      store.update((s) => ({ sending: { ...s.sending, [id]: false } }));
      if (isUnreachable(error)) {
        queueEntry(entry);
        reached(false, error);
        return 'queued';
      }
      store.update((s) => ({ sendError: { ...s.sendError, [id]: messageOf(error) } }));
      return 'refused';
    }
  }

  function queueEntry(entry: OutboxEntry) {
    setOutbox((entries) => [...entries, entry]);
    store.update((s) => ({ drafts: { ...s.drafts, [entry.conversationId]: emptyEditor }, scroll: { ...s.scroll, [entry.conversationId]: 0 } }));
    flash('Not connected: the message waits in the outbox and goes out when the API is back');
    if (store.getState().connection === 'online') void flushOutbox();
  }

  /**
   * Takes the conversation's last message waiting in the outbox back out of it: into the reply box to
   * edit (its kind kept), or cancelled. Not the one on its way to the server now: that one is sent.
   */
  function takeBackWaiting(id: number, into: 'draft' | 'cancel'): void {
    const entry = store.getState().outbox.filter((e) => e.conversationId === id).at(-1);
    if (!entry) {
      flash(`Nothing of #${id} waits in the outbox`, 'error');
      return;
    }
    if (entry.clientMessageId === delivering) {
      flash('That message is being sent right now; it can no longer be taken back', 'error');
      return;
    }
    setOutbox((entries) => entries.filter((e) => e.clientMessageId !== entry.clientMessageId));
    if (into === 'cancel') {
      flash(`Cancelled: the waiting message to #${id} will not be sent`);
      return;
    }
    store.update((s) => {
      const draft = draftOf(s, id);
      const text = draft.text ? `${entry.body}\n${draft.text}` : entry.body;
      // Joined to a note draft, a reply becomes a note: the safer way, never the reverse.
      const kind: MessageKind = entry.kind === 'note' || (draft.text && s.composeKind[id] === 'note') ? 'note' : entry.kind;
      return { drafts: { ...s.drafts, [id]: { text, cursor: text.length } }, composeKind: { ...s.composeKind, [id]: kind }, composing: true };
    });
    flash(`Back in the reply box: the waiting message to #${id}, unsent until you send it again`);
  }

  /** Sends waiting messages in order; stops at the first that gets no answer. */
  async function flushOutbox(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      for (;;) {
        const next = store.getState().outbox.find((e) => !e.error);
        if (!next || disposed) return;
        try {
          await deliver(next);
          setOutbox((entries) => entries.filter((e) => e.clientMessageId !== next.clientMessageId));
          reached(true);
        } catch (error) {
          if (isUnreachable(error)) {
            reached(false, error);
            return;
          }
          // Refused for good: the text goes back to its composer, with the reason, rather than being lost.
          setOutbox((entries) => entries.filter((e) => e.clientMessageId !== next.clientMessageId));
          store.update((s) => {
            const draft = draftOf(s, next.conversationId);
            const text = draft.text ? `${next.body}\n${draft.text}` : next.body;
            // A refused note joined to a reply draft must not go to the customer with it: a note, then.
            const kept = draft.text ? s.composeKind[next.conversationId] : undefined;
            const kind: MessageKind = next.kind === 'note' || kept === 'note' ? 'note' : 'reply';
            return {
              drafts: { ...s.drafts, [next.conversationId]: { text, cursor: text.length } },
              composeKind: { ...s.composeKind, [next.conversationId]: kind },
              sendError: { ...s.sendError, [next.conversationId]: messageOf(error) },
            };
          });
          flash(`A queued message to #${next.conversationId} was refused: ${messageOf(error)}`, 'error');
        }
      }
    } finally {
      flushing = false;
    }
  }

  async function loadMacros(): Promise<void> {
    if (store.getState().macros.status === 'ready' || store.getState().macros.status === 'loading') return;
    store.update(() => ({ macros: { status: 'loading' } }));
    try {
      const data = await client.macrosAll();
      store.update(() => ({ macros: { status: 'ready', data } }));
    } catch (error) {
      store.update(() => ({ macros: { status: 'error', error: messageOf(error) } }));
      reached(false, error);
    }
  }

  let previewGeneration = 0;

  /**
   * Why a macro cannot be filled, in the workspace's words: each variable's reason, and whether the
   * agent can choose its value here (the server's detail tells API callers which parameter to pass).
   */
  function unfillable(error: unknown): Pick<MacroPreview, 'error' | 'choose'> {
    const fields = isApiError(error) && error.code === MACRO_ERROR_CODES.unfillableVariable ? (error.problem?.errors ?? []) : [];
    if (!fields.length) return { error: messageOf(error) };
    const names = fields.map((f) => f.field);
    // A transaction brings its wallet along, so it is asked for first.
    const choose = names.includes('{{transaction.id}}') ? 'transaction' : names.includes('{{account.id}}') ? 'account' : undefined;
    return { error: `cannot fill ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, ...(choose ? { choose } : {}) };
  }

  /** Fills the macro for the open conversation, for the picker to show before anything is inserted. */
  async function previewMacro(conversationId: number, macroId: string): Promise<void> {
    const generation = ++previewGeneration;
    const setPreview = (preview: MacroPreview) =>
      store.update((s) => (s.overlay?.kind === 'macros' && generation === previewGeneration ? { overlay: { ...s.overlay, preview } } : {}));
    setPreview({ macroId, status: 'loading' });
    try {
      const rendered = await client.renderMacro(macroId, { conversationId });
      setPreview({ macroId, status: 'ready', text: rendered.text, notice: rendered.notice });
    } catch (error) {
      setPreview({ macroId, status: 'error', ...unfillable(error) });
    }
  }

  function restore(state: Pick<TuiState, 'drafts' | 'composeKind' | 'outbox'>) {
    store.update(() => ({ drafts: state.drafts, composeKind: state.composeKind, outbox: state.outbox }));
    if (state.outbox.length) void flushOutbox();
  }

  function dispose() {
    disposed = true;
    if (probeTimer) clearTimeout(probeTimer);
    if (presenceTimer) clearInterval(presenceTimer);
    subscription?.close();
  }

  return {
    loadQueue,
    loadConversation,
    loadCustomer,
    openConversation,
    leaveConversation,
    noteTyping,
    claimNext,
    resolve,
    resolveNow,
    changeStatus,
    cycleAvailability,
    applyEvent,
    subscribeLive,
    refreshAfterChange,
    loadApprovals,
    watchApprovals,
    loadMyRefunds,
    sendDraft,
    takeBackWaiting,
    flushOutbox,
    loadMacros,
    previewMacro,
    restore,
    flash,
    dispose,
  };
}

export type Actions = ReturnType<typeof createActions>;
