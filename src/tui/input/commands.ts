import { CHANNELS, PRIORITIES } from '../../api/enums.js';
import type { ConversationSubject } from '../state/dialog-state.js';
import * as edit from '../state/editor.js';
import { panelShown } from '../state/layout.js';
import { queueView, selectedIndex } from '../state/queue-view.js';
import { draftOf, isSupervisor, pageSize } from '../state/selectors.js';
import { STATUS_FILTERS, type QueueFilter, type TuiState } from '../state/types.js';
import type { CommandContext } from './command-context.js';
import type { CommandId } from './keymap.js';
import { jumpInHistory } from './conversation-history.js';
import { runCustomerCommand } from './customer-commands.js';
import { runDeskCommand } from './desk-commands.js';
import { openReports, runReportCommand } from './report-commands.js';
import { openMacroPicker } from './macro-picker.js';
import { startCustomAction } from './run-custom-action.js';
import { insertSuggested } from './suggestions.js';
import { screenContexts } from './palette.js';
import { editField } from './text-field.js';

export type { CommandContext } from './command-context.js';

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

function unsentWork(state: TuiState): string | undefined {
  const drafts = Object.values(state.drafts).filter((d) => d.text.trim()).length;
  const waiting = state.outbox.length;
  const parts = [
    drafts ? `${drafts} unsent draft${drafts === 1 ? '' : 's'} (kept on disk)` : '',
    waiting ? `${waiting} message${waiting === 1 ? '' : 's'} waiting in the outbox` : '',
    state.call ? `call #${state.call.conversationId} not ended (l on the customer's screen ends it with its summary)` : '',
  ].filter(Boolean);
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
  /** What a dialog on this conversation acts on. The queue row knows the customer too: a key pressed before the conversation has loaded works. */
  const about = (): ConversationSubject | undefined => {
    const customerId = detail?.customer.id ?? state.queue.data?.find((c) => c.id === conversationId)?.customer.id;
    return conversationId !== undefined && customerId ? { conversationId, customerId, agentId: state.agent.id } : undefined;
  };
  const summary = () => detail?.conversation ?? state.queue.data?.find((c) => c.id === conversationId);
  const customerName = () => (detail?.customer ?? state.queue.data?.find((c) => c.id === conversationId)?.customer)?.name;
  /** A draft that is a note with text in it: making it a reply asks first (it would go to the customer). */
  const isNoteDraft = (id: number) => state.composeKind[id] === 'note' && draftOf(state, id).text.trim() !== '';
  const askMakeReply = (id: number) => {
    const customer = customerName();
    actions.openDialog('makeReply', { conversationId: id, ...(customer ? { customer } : {}) });
  };
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
      actions.openDialog('resolveOthers', { conversationId, assignee: assignee.name, andNext });
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
    case 'app.lookup':
      // A dialog keeps what was answered: it is closed first, not thrown away by the lookup.
      if (state.overlay?.kind === 'dialog') actions.flash('Close the dialog first (Esc), then find', 'error');
      else actions.openLookup();
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
      return moveSelection(pageSize(state));
    case 'queue.pageUp':
      return moveSelection(-pageSize(state));
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
    case 'queue.filterIncident': {
      if (state.filter.incident) return setFilter({ incident: undefined }, true);
      const incident = state.incidents.data?.[0];
      if (!incident) {
        actions.flash('No active incident to filter by', 'error');
        return;
      }
      return setFilter({ incident: { id: incident.id, title: incident.title } }, true);
    }
    case 'queue.clearFilters':
      return setFilter(
        { channel: undefined, priority: undefined, mine: false, unassigned: false, search: '', status: 'active', incident: undefined },
        state.filter.status !== 'active' || state.filter.incident !== undefined,
      );
    case 'queue.refresh':
      void actions.loadQueue();
      return;
    case 'queue.nextView':
    case 'queue.previousView': {
      // The default queue sits before the first view: Tab from the last view comes back to it.
      const count = state.views.length + 1;
      const at = state.activeView === undefined ? 0 : state.activeView + 1;
      const to = (at + (id === 'queue.nextView' ? 1 : -1) + count) % count;
      actions.selectView(to === 0 ? undefined : to - 1);
      return;
    }
    case 'queue.view0':
    case 'queue.view1':
    case 'queue.view2':
    case 'queue.view3':
    case 'queue.view4':
    case 'queue.view5':
    case 'queue.view6':
    case 'queue.view7':
    case 'queue.view8':
    case 'queue.view9': {
      const n = Number(id.slice('queue.view'.length));
      actions.selectView(n === 0 ? undefined : n - 1);
      return;
    }
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

    case 'queue.desk':
      if (!isSupervisor(state)) {
        actions.flash('The desk board is for supervisors and admins', 'error');
        return;
      }
      store.update(() => ({ screen: { name: 'desk' } }));
      return;
    case 'queue.reports':
      openReports(ctx, { name: 'queue' });
      return;

    case 'search.accept':
      store.update(() => ({ searching: false }));
      return;
    case 'search.cancel':
      store.update((s) => ({ searching: false, filter: { ...s.filter, search: '' } }));
      return;

    case 'conversation.back': {
      if (conversationId !== undefined) actions.leaveConversation(conversationId);
      // Opened from a customer's screen: back there, where it was left (its cursor, its filter).
      const back = screen.name === 'conversation' ? screen.back : undefined;
      store.update(() => ({ screen: back ?? { name: 'queue' }, composing: false }));
      return;
    }
    case 'conversation.earlier':
    case 'conversation.later':
      if (screen.name === 'conversation') jumpInHistory(ctx, screen, id === 'conversation.earlier' ? -1 : 1);
      return;
    case 'conversation.reply':
      return compose('reply');
    case 'conversation.note':
      return compose('note');
    case 'conversation.macro':
    case 'composer.macro':
      if (conversationId !== undefined) openMacroPicker(ctx, conversationId);
      return;
    case 'conversation.suggestion1':
    case 'conversation.suggestion2':
    case 'conversation.suggestion3':
      if (conversationId !== undefined) insertSuggested(ctx, conversationId, Number(id.slice(-1)) - 1);
      return;
    case 'conversation.scrollUp':
      return scrollBy(1);
    case 'conversation.scrollDown':
      return scrollBy(-1);
    case 'conversation.pageUp':
      return scrollBy(pageSize(state));
    case 'conversation.pageDown':
      return scrollBy(-pageSize(state));
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
    {
      const subject = about();
      if (subject) actions.openDialog('snooze', subject);
      return;
    }
    case 'conversation.transfer':
    {
      const subject = about();
      if (subject) actions.openDialog('transfer', subject);
      return;
    }
    case 'conversation.tags':
    {
      const subject = about();
      if (subject) actions.openDialog('tags', { ...subject, tags: detail?.conversation.tags.join(', ') ?? '' });
      return;
    }
    case 'conversation.freeze':
    {
      const subject = about();
      if (subject) actions.openDialog('freeze', subject);
      return;
    }
    case 'conversation.unfreeze':
      if (!isSupervisor(state)) {
        actions.flash('Unfreezing is for supervisors and admins, after an identity check', 'error');
        return;
      }
    {
      const subject = about();
      if (subject) actions.openDialog('unfreeze', subject);
      return;
    }
    case 'conversation.refund':
    {
      const subject = about();
      if (subject) actions.openDialog('refund', subject);
      return;
    }
    case 'conversation.priority': {
      const subject = about();
      const priority = summary()?.priority;
      if (subject) actions.openDialog('priority', { ...subject, ...(priority ? { priority } : {}) });
      return;
    }
    case 'conversation.category': {
      const subject = about();
      const category = summary()?.category;
      if (subject) actions.openDialog('category', { ...subject, ...(category ? { category } : {}) });
      return;
    }
    case 'conversation.linkIncident':
      if (conversationId !== undefined) void actions.linkToIncident(conversationId);
      return;
    case 'conversation.complaint': {
      const subject = about();
      if (subject) actions.openDialog('complaint', { ...subject, role: state.agent.role, summary: summary()?.subject ?? '' });
      return;
    }
    case 'conversation.customer': {
      const subject = about();
      if (subject) actions.openCustomer(subject.customerId);
      return;
    }
    case 'conversation.panel':
      // Toggles what is on screen: below PANEL_MIN_WIDTH "auto" means hidden, so the first p shows it.
      store.update((s) => ({ panel: panelShown(s.panel, state.viewport.width) ? 'hidden' : 'shown' }));
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
      if (refund) actions.openDialog(id === 'approvals.approve' ? 'approve' : 'reject', { refundId: refund.id });
      return;
    }
    case 'approvals.refresh':
      void actions.loadApprovals();
      return;
    case 'approvals.back':
      store.update(() => ({ screen: { name: 'queue' } }));
      return;

    case 'desk.down':
    case 'desk.up':
    case 'desk.open':
    case 'desk.transfer':
    case 'desk.priority':
    case 'desk.away':
    case 'desk.offline':
    case 'desk.online':
    case 'desk.refresh':
    case 'desk.back':
      if (screen.name === 'desk') runDeskCommand(id, ctx);
      return;
    case 'desk.reports':
      if (screen.name === 'desk') openReports(ctx, { name: 'desk' });
      return;
    case 'reports.sla':
    case 'reports.volume':
    case 'reports.agents':
    case 'reports.csat':
    case 'reports.complaints':
    case 'reports.refunds':
    case 'reports.nextPeriod':
    case 'reports.nextTeam':
    case 'reports.previousPeriod':
    case 'reports.refresh':
    case 'reports.back':
      if (screen.name === 'reports') runReportCommand(id, ctx);
      return;

    case 'customer.back':
    case 'customer.down':
    case 'customer.up':
    case 'customer.pageDown':
    case 'customer.pageUp':
    case 'customer.open':
    case 'customer.freeze':
    case 'customer.unfreeze':
    case 'customer.refund':
    case 'customer.logCall':
    case 'customer.refresh':
    case 'customer.filter':
    case 'customer.clearFilter':
    case 'customer.complaint':
    case 'customer.startConversation':
      if (screen.name === 'customer') runCustomerCommand(id, ctx, screen);
      return;

    case 'overlay.close':
      if (state.overlay) ctx.overlayOf(state.overlay).close(ctx);
      return;
    case 'overlay.down':
    case 'overlay.up':
      if (state.overlay) ctx.overlayOf(state.overlay).move(ctx, id === 'overlay.down' ? 1 : -1);
      return;
    case 'overlay.accept':
      if (state.overlay) ctx.overlayOf(state.overlay).accept(ctx);
      return;
    default: {
      if (id.startsWith('custom.')) return startCustomAction(ctx, id, (command) => runCommand(command as CommandId, ctx));
      // Editing keys act on whichever text field has the keys: one implementation for all of them.
      const change = EDITS[id];
      if (change) editField(ctx, change);
    }
  }
}
