import { CHANNELS, PRIORITIES } from '../../api/enums.js';
import type { SupportClient } from '../../client/support-client.js';
import type { Actions } from '../effects/actions.js';
import { dialogAccept, dialogBack, dialogMove, openDialog } from '../dialogs/engine.js';
import type { DialogType } from '../dialogs/types.js';
import * as edit from '../state/editor.js';
import type { CommandId } from './keymap.js';
import { helpMaxScroll } from './help.js';
import { panelShown } from '../state/layout.js';
import { insertMacroText } from '../state/macro-text.js';
import { editField } from './text-field.js';
import { macroEntries, paletteEntries, runsHere, screenContexts, whyNotHere } from './palette.js';
import { queueView, selectedIndex } from '../state/queue-view.js';
import { draftOf, isSupervisor, STATUS_FILTERS, type QueueFilter, type Store, type TuiState } from '../state/store.js';

export interface CommandContext {
  store: Store;
  actions: Actions;
  client: SupportClient;
  exit: () => void;
  suspend: () => void;
  /** Rows (or lines) a page moves, from the current window size. */
  pageSize: () => number;
  /** The terminal's width and the body's height now, for commands whose effect depends on what fits. */
  width: () => number;
  height: () => number;
}

const EDITS: Partial<Record<CommandId, (s: edit.EditorState) => edit.EditorState>> = {
  'composer.newline': (s) => edit.insert(s, '\n'),
  'composer.backspace': edit.backspace,
  'composer.delete': edit.deleteForward,
  'composer.left': edit.left,
  'composer.right': edit.right,
  'composer.wordLeft': edit.wordLeft,
  'composer.wordRight': edit.wordRight,
  'composer.home': edit.lineStart,
  'composer.end': edit.lineEnd,
  'composer.deleteWord': edit.deleteWordBack,
  'composer.clearLine': edit.clearLineBack,
  'search.backspace': edit.backspace,
  'search.deleteWord': edit.deleteWordBack,
  'search.clearLine': edit.clearLineBack,
  'overlay.backspace': edit.backspace,
  'overlay.deleteWord': edit.deleteWordBack,
  'overlay.clearLine': edit.clearLineBack,
};

function next<T>(values: readonly T[], current: T | undefined): T | undefined {
  // Cycles through the values and then back to "no filter".
  const index = current === undefined ? -1 : values.indexOf(current);
  return index + 1 < values.length ? values[index + 1] : undefined;
}

/** Opens the macro picker on a conversation, loading the desk's macros the first time. */
export function openMacroPicker(ctx: CommandContext, conversationId: number, query = ''): void {
  ctx.store.update(() => ({ overlay: { kind: 'macros', conversationId, query, selected: 0, preview: undefined } }));
  void ctx.actions.loadMacros().then(() => selectMacro(ctx, 0));
}

/** Moves the picker's selection and asks the server to fill that macro for the preview. */
export function selectMacro(ctx: CommandContext, index: number): void {
  const state = ctx.store.getState();
  const overlay = state.overlay;
  if (overlay?.kind !== 'macros') return;
  const entries = macroEntries(state.macros.data ?? [], overlay.query);
  const selected = Math.max(0, Math.min(entries.length - 1, index));
  const macro = entries[selected];
  ctx.store.update(() => ({ overlay: { ...overlay, selected, preview: macro && overlay.preview?.macroId === macro.id ? overlay.preview : undefined } }));
  if (macro && overlay.preview?.macroId !== macro.id) void ctx.actions.previewMacro(overlay.conversationId, macro.id);
}

function unsentWork(state: TuiState): string | undefined {
  const drafts = Object.values(state.drafts).filter((d) => d.text.trim()).length;
  const waiting = state.outbox.length;
  const parts = [drafts ? `${drafts} unsent draft${drafts === 1 ? '' : 's'} (kept on disk)` : '', waiting ? `${waiting} message${waiting === 1 ? '' : 's'} waiting in the outbox` : ''].filter(Boolean);
  return parts.length ? `You have ${parts.join(' and ')}.` : undefined;
}

/** Runs one command of the keymap table. Keys, the palette and tests all come through here. */
export function runCommand(id: CommandId, ctx: CommandContext): void {
  const { store, actions } = ctx;
  const state = store.getState();
  const moveSelection = (delta: number | 'first' | 'last') => {
    const view = queueView(state);
    if (view.rows.length === 0) return;
    const current = selectedIndex(state, view);
    const target = delta === 'first' ? 0 : delta === 'last' ? view.rows.length - 1 : Math.max(0, Math.min(view.rows.length - 1, current + delta));
    store.update(() => ({ selectedId: view.rows[target]!.id }));
  };
  const setFilter = (change: Partial<QueueFilter>, reload = false) => {
    store.update((s) => ({ filter: { ...s.filter, ...change } }));
    if (reload) void actions.loadQueue();
  };
  const screen = state.screen;
  const conversationId = screen.name === 'conversation' ? screen.id : undefined;
  const detail = conversationId !== undefined ? state.conversations[conversationId]?.data : undefined;
  const scrollBy = (delta: number) => {
    if (conversationId === undefined) return;
    store.update((s) => ({ scroll: { ...s.scroll, [conversationId]: Math.max(0, (s.scroll[conversationId] ?? 0) + delta) } }));
  };
  const dialogOn = (type: DialogType, extra: Record<string, string | number> = {}) => {
    if (conversationId === undefined) return;
    // The queue row knows the customer too: a key pressed before the conversation has loaded works.
    const customerId = detail?.customer.id ?? state.queue.data?.find((c) => c.id === conversationId)?.customer.id;
    if (!customerId) return;
    openDialog(ctx, type, { conversationId, customerId, agentId: state.agent.id, ...extra });
  };
  const customerName = () => (detail?.customer ?? state.queue.data?.find((c) => c.id === conversationId)?.customer)?.name;
  /** A draft that is a note with text in it: making it a reply asks first (it would go to the customer). */
  const isNoteDraft = (id: number) => state.composeKind[id] === 'note' && draftOf(state, id).text.trim() !== '';
  const askMakeReply = (id: number) => openDialog(ctx, 'makeReply', { conversationId: id, ...(customerName() ? { customer: customerName()! } : {}) });
  const compose = (kind: 'reply' | 'note') => {
    if (conversationId === undefined) return;
    if (kind === 'reply' && isNoteDraft(conversationId)) return askMakeReply(conversationId);
    store.update((s) => ({ composing: true, composeKind: { ...s.composeKind, [conversationId]: kind } }));
  };
  /** Someone else's conversation is resolved only after saying whose it is. */
  const resolveConversation = (andNext: boolean) => {
    if (conversationId === undefined) return;
    const assignee = (detail?.conversation ?? state.queue.data?.find((c) => c.id === conversationId))?.assignee;
    if (assignee && assignee.id !== state.agent.id) {
      openDialog(ctx, 'resolveOthers', { conversationId, assignee: assignee.name, andNext: andNext ? 1 : 0 });
      return;
    }
    void actions.resolve(conversationId, andNext);
  };

  switch (id) {
    case 'app.quit':
    case 'queue.quit': {
      const reason = unsentWork(state);
      if (reason && state.overlay?.kind !== 'confirmQuit') store.update(() => ({ overlay: { kind: 'confirmQuit', reason } }));
      else ctx.exit();
      return;
    }
    case 'app.help':
      store.update(() => ({ overlay: { kind: 'help', scroll: 0 } }));
      return;
    case 'app.palette':
      store.update(() => ({ overlay: { kind: 'palette', query: '', selected: 0, here: screenContexts(state) } }));
      return;
    case 'app.suspend':
      ctx.suspend();
      return;
    case 'app.messages':
      store.update(() => ({ overlay: { kind: 'messages', scroll: 0 } }));
      return;
    case 'app.myRefunds':
      store.update(() => ({ overlay: { kind: 'myRefunds', scroll: 0 } }));
      void actions.loadMyRefunds();
      return;

    case 'queue.down':
      return moveSelection(1);
    case 'queue.up':
      return moveSelection(-1);
    case 'queue.pageDown':
      return moveSelection(ctx.pageSize());
    case 'queue.pageUp':
      return moveSelection(-ctx.pageSize());
    case 'queue.first':
      return moveSelection('first');
    case 'queue.last':
      return moveSelection('last');
    case 'queue.open': {
      const view = queueView(state);
      const row = view.rows[selectedIndex(state, view)];
      if (row) actions.openConversation(row.id);
      return;
    }
    case 'queue.search':
      store.update(() => ({ searching: true }));
      return;
    case 'queue.filterStatus':
      return setFilter({ status: next(STATUS_FILTERS, state.filter.status) ?? 'active' }, true);
    case 'queue.filterChannel':
      return setFilter({ channel: next(CHANNELS, state.filter.channel) });
    case 'queue.filterPriority':
      return setFilter({ priority: next(PRIORITIES, state.filter.priority) });
    case 'queue.filterMine':
      return setFilter({ mine: !state.filter.mine, unassigned: false });
    case 'queue.filterUnassigned':
      return setFilter({ unassigned: !state.filter.unassigned, mine: false });
    case 'queue.clearFilters':
      return setFilter({ channel: undefined, priority: undefined, mine: false, unassigned: false, search: '', status: 'active' }, state.filter.status !== 'active');
    case 'queue.refresh':
      void actions.loadQueue();
      return;
    case 'queue.claimNext':
    case 'conversation.claimNext':
      void actions.claimNext();
      return;
    case 'queue.availability':
      void actions.cycleAvailability();
      return;
    case 'queue.approvals':
      if (!isSupervisor(state)) {
        actions.flash('Approving refunds is for supervisors and admins', 'error');
        return;
      }
      store.update(() => ({ screen: { name: 'approvals' } }));
      void actions.loadApprovals();
      return;

    case 'search.accept':
      store.update(() => ({ searching: false }));
      return;
    case 'search.cancel':
      store.update((s) => ({ searching: false, filter: { ...s.filter, search: '' } }));
      return;

    case 'conversation.back':
      if (conversationId !== undefined) actions.leaveConversation(conversationId);
      store.update(() => ({ screen: { name: 'queue' }, composing: false }));
      return;
    case 'conversation.reply':
      return compose('reply');
    case 'conversation.note':
      return compose('note');
    case 'conversation.macro':
    case 'composer.macro':
      if (conversationId !== undefined) openMacroPicker(ctx, conversationId);
      return;
    case 'conversation.scrollUp':
      return scrollBy(1);
    case 'conversation.scrollDown':
      return scrollBy(-1);
    case 'conversation.pageUp':
      return scrollBy(ctx.pageSize());
    case 'conversation.pageDown':
      return scrollBy(-ctx.pageSize());
    case 'conversation.oldest':
      return scrollBy(Number.MAX_SAFE_INTEGER / 2);
    case 'conversation.newest':
      if (conversationId !== undefined) store.update((s) => ({ scroll: { ...s.scroll, [conversationId]: 0 } }));
      return;
    case 'conversation.resolve':
    case 'conversation.resolveNext':
      return resolveConversation(id === 'conversation.resolveNext');
    case 'conversation.reopen':
      if (conversationId !== undefined) void actions.changeStatus(conversationId, 'reopen');
      return;
    case 'conversation.pending':
      if (conversationId !== undefined) void actions.changeStatus(conversationId, 'pending');
      return;
    case 'conversation.snooze':
      return dialogOn('snooze');
    case 'conversation.transfer':
      return dialogOn('transfer');
    case 'conversation.tags':
      return dialogOn('tags', { tags: detail?.conversation.tags.join(', ') ?? '' });
    case 'conversation.freeze':
      return dialogOn('freeze');
    case 'conversation.unfreeze':
      if (!isSupervisor(state)) {
        actions.flash('Unfreezing is for supervisors and admins, after an identity check', 'error');
        return;
      }
      return dialogOn('unfreeze');
    case 'conversation.refund':
      return dialogOn('refund');
    case 'conversation.priority':
    case 'conversation.category': {
      const summary = detail?.conversation ?? state.queue.data?.find((c) => c.id === conversationId);
      return dialogOn(id === 'conversation.priority' ? 'priority' : 'category', summary ? { priority: summary.priority, category: summary.category } : {});
    }
    case 'conversation.complaint': {
      const summary = detail?.conversation ?? state.queue.data?.find((c) => c.id === conversationId);
      return dialogOn('complaint', { role: state.agent.role, subject: summary?.subject ?? '' });
    }
    case 'conversation.panel':
      // Toggles what is on screen: below PANEL_MIN_WIDTH "auto" means hidden, so the first p shows it.
      store.update((s) => ({ panel: panelShown(s.panel, ctx.width()) ? 'hidden' : 'shown' }));
      return;

    case 'composer.send':
      if (conversationId !== undefined) void actions.sendDraft(conversationId);
      return;
    case 'composer.sendResolve':
    case 'composer.sendResolveNext':
      // Resolved only once the reply is with the server: a refused or queued reply leaves it open.
      if (conversationId !== undefined) {
        void actions.sendDraft(conversationId).then((outcome) => {
          if (outcome === 'sent') {
            // The keys go back to the screen: writing here is done.
            store.update(() => ({ composing: false, justSent: undefined }));
            resolveConversation(id === 'composer.sendResolveNext');
          }
          else if (outcome === 'queued') actions.flash(`#${conversationId} stays open: the reply waits in the outbox`, 'error');
        });
      }
      return;
    case 'conversation.editWaiting':
    case 'conversation.cancelWaiting':
      if (conversationId !== undefined) actions.takeBackWaiting(conversationId, id === 'conversation.editWaiting' ? 'draft' : 'cancel');
      return;
    case 'composer.leave':
      store.update(() => ({ composing: false }));
      return;
    case 'composer.toggleNote':
      if (conversationId === undefined) return;
      if (isNoteDraft(conversationId)) return askMakeReply(conversationId);
      store.update((s) => ({ composeKind: { ...s.composeKind, [conversationId]: (s.composeKind[conversationId] ?? 'reply') === 'reply' ? 'note' : 'reply' } }));
      return;

    case 'approvals.down':
    case 'approvals.up': {
      const count = state.approvals.data?.length ?? 0;
      const delta = id === 'approvals.down' ? 1 : -1;
      store.update((s) => ({ approvalSelected: Math.max(0, Math.min(count - 1, s.approvalSelected + delta)) }));
      return;
    }
    case 'approvals.approve':
    case 'approvals.reject': {
      const refund = state.approvals.data?.[state.approvalSelected];
      if (refund) openDialog(ctx, id === 'approvals.approve' ? 'approve' : 'reject', { refundId: refund.id });
      return;
    }
    case 'approvals.refresh':
      void actions.loadApprovals();
      return;
    case 'approvals.back':
      store.update(() => ({ screen: { name: 'queue' } }));
      return;

    case 'overlay.close':
      if (state.overlay?.kind === 'dialog') return dialogBack(ctx);
      store.update(() => ({ overlay: undefined }));
      return;
    case 'overlay.down':
    case 'overlay.up': {
      const delta = id === 'overlay.down' ? 1 : -1;
      const overlay = state.overlay;
      if (overlay?.kind === 'palette') {
        const count = paletteEntries(state.commands, overlay.query, overlay.here).length;
        store.update(() => ({ overlay: { ...overlay, selected: Math.max(0, Math.min(count - 1, overlay.selected + delta)) } }));
      } else if (overlay?.kind === 'macros') {
        selectMacro(ctx, overlay.selected + delta);
      } else if (overlay?.kind === 'dialog') {
        dialogMove(ctx, delta);
      } else if (overlay?.kind === 'help') {
        // Clamped to the last line: scrolling past the end would leave presses that do nothing coming back.
        const max = helpMaxScroll(state.commands, ctx.height());
        store.update(() => ({ overlay: { ...overlay, scroll: Math.max(0, Math.min(max, overlay.scroll + delta)) } }));
      } else if (overlay?.kind === 'messages' || overlay?.kind === 'myRefunds') {
        store.update(() => ({ overlay: { ...overlay, scroll: Math.max(0, overlay.scroll + delta) } }));
      }
      return;
    }
    case 'overlay.accept': {
      const overlay = state.overlay;
      if (overlay?.kind === 'palette') {
        const chosen = paletteEntries(state.commands, overlay.query, overlay.here)[overlay.selected];
        store.update(() => ({ overlay: undefined }));
        if (chosen && !runsHere(chosen, overlay.here)) actions.flash(whyNotHere(state.commands, chosen), 'error');
        else if (chosen) runCommand(chosen.id as CommandId, ctx);
      } else if (overlay?.kind === 'macros') {
        // Only a filled text goes in: a macro with an unfillable variable stays out, its reason shown,
        // unless what it lacks is a transaction or wallet the agent can choose here.
        const preview = overlay.preview;
        if (preview?.status === 'ready' && preview.text !== undefined) insertMacroText(store, overlay.conversationId, preview.text);
        else if (preview?.status === 'error' && preview.choose) {
          const macro = macroEntries(state.macros.data ?? [], overlay.query)[overlay.selected];
          if (macro) openDialog(ctx, 'macroFill', { conversationId: overlay.conversationId, macroId: macro.id, shortcut: macro.shortcut, choose: preview.choose });
        }
      } else if (overlay?.kind === 'dialog') {
        dialogAccept(ctx);
      } else if (overlay?.kind === 'confirmQuit') {
        ctx.exit();
      } else {
        store.update(() => ({ overlay: undefined }));
      }
      return;
    }
    default: {
      // Editing keys act on whichever text field has the keys: one implementation for all of them.
      const change = EDITS[id];
      if (change) editField(ctx, change);
    }
  }
}
