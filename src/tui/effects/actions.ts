import type { QueuePage } from '../../api/types.js';
import type { SupportClient } from '../../client/support-client.js';
import type { Store } from '../state/store.js';
import type { OutboxEntry } from '../state/types.js';
import { createAssistEffects } from './assist.js';
import { createConnection } from './connection.js';
import { createEffectContext } from './context.js';
import { createConversationEffects } from './conversation.js';
import { createCustomerEffects } from './customer.js';
import { createCustomActionEffects } from './custom-actions.js';
import { createDeskEffects } from './desk.js';
import { createDialogEffects } from './dialogs.js';
import { createIncidentEffects } from './incidents.js';
import { createLiveStream } from './live-stream.js';
import { createLookupEffects } from './lookup.js';
import { createMacroEffects } from './macros.js';
import { createOutboxEffects } from './outbox.js';
import { createPresence } from './presence.js';
import { createQueueEffects } from './queue.js';
import { createRefundEffects } from './refunds.js';
import { createReportEffects } from './reports.js';

export interface ActionOptions {
  /** Called when the outbox changes, to persist it. */
  onOutboxChange?: (entries: OutboxEntry[]) => void;
  /** How long to wait before probing an unreachable API again (ms), doubling up to 30 s. */
  retryBaseMs?: number;
  /** The desk board's refresh timing (tests shorten it). */
  desk?: { settleMs?: number; pollMs?: number };
  /** A request for the first page of the default queue that is already under way. */
  firstPage?: Promise<QueuePage>;
  /** That page, already in the store: loading goes on from its cursor. */
  initialPage?: QueuePage;
}

/** What keys do, by job (connection, queue, conversation, presence, outbox, live events, macros, dialogs), wired together. */
export function createActions(store: Store, client: SupportClient, options: ActionOptions = {}) {
  const ctx = createEffectContext(store, client);
  const connection = createConnection(ctx, {
    retryBaseMs: options.retryBaseMs ?? 2000,
    onBackOnline: () => void outbox.flushOutbox(),
    onProbeAnswered: () => void queue.loadQueue(),
  });
  const presence = createPresence(ctx);
  const assist = createAssistEffects(ctx);
  const incidents = createIncidentEffects(ctx, connection);
  const conversation = createConversationEffects(ctx, connection, presence, {
    onOpen: (id) => {
      void assist.loadSuggestions(id);
      void incidents.loadIncidentOf(id);
    },
  });
  const queue = createQueueEffects(ctx, connection, { firstPage: options.firstPage, initialPage: options.initialPage, open: conversation.openConversation });
  const refunds = createRefundEffects(ctx, connection);
  const outbox = createOutboxEffects(ctx, connection, options.onOutboxChange ?? (() => {}));
  const macros = createMacroEffects(ctx, connection);
  const lookup = createLookupEffects(ctx);
  const customer = createCustomerEffects(ctx, conversation.loadCustomer);
  const desk = createDeskEffects(ctx, options.desk);
  const reports = createReportEffects(ctx);
  const live = createLiveStream(
    ctx,
    connection,
    (what) => {
      if (what.kind === 'conversation') void conversation.loadConversation(what.id);
      else if (what.kind === 'customer') void conversation.loadCustomer(what.customerId);
      else if (what.kind === 'suggestions') void assist.loadSuggestions(what.id);
      else if (what.kind === 'incidents') {
        void incidents.loadIncidents();
        if (what.conversationId !== undefined) void incidents.loadIncidentOf(what.conversationId);
      } else void refunds.loadApprovals();
    },
    (event) => desk.deskEvent(event.type),
  );

  /** After a dialog changed something: the open conversation, its customer and the approvals list again. */
  function refreshAfterChange(subject: object): void {
    const screen = store.getState().screen;
    if (screen.name === 'conversation') void conversation.loadConversation(screen.id);
    if ('customerId' in subject && typeof subject.customerId === 'string') {
      if (screen.name === 'customer' && screen.id === subject.customerId) void customer.loadCustomerScreen(subject.customerId);
      else void conversation.loadCustomer(subject.customerId);
    }
    if ('refundId' in subject || screen.name === 'approvals') void refunds.loadApprovals();
    if (screen.name === 'desk') void desk.loadDesk();
  }

  const customActions = createCustomActionEffects(ctx, () => refreshAfterChange({}));
  const dialogs = createDialogEffects(store, { client, store, resolveNow: queue.resolveNow, filterTransactions: customer.filterTransactions }, { flash: (text) => ctx.flash(text), refreshAfterChange });

  function dispose() {
    ctx.dispose();
    connection.dispose();
    presence.dispose();
    live.dispose();
    lookup.disposeLookup();
    desk.disposeDesk();
  }

  return {
    ...queue,
    ...conversation,
    ...refunds,
    ...outbox,
    ...macros,
    ...assist,
    ...dialogs,
    ...lookup,
    ...customer,
    ...customActions,
    loadDesk: desk.loadDesk,
    loadReport: reports.loadReport,
    chooseReport: reports.chooseReport,
    loadReportTeams: reports.loadReportTeams,
    loadAgentConversations: desk.loadAgentConversations,
    setAgentAvailability: desk.setAgentAvailability,
    loadIncidents: incidents.loadIncidents,
    linkToIncident: incidents.linkToIncident,
    leaveConversation: presence.leaveConversation,
    noteTyping: presence.noteTyping,
    applyEvent: live.applyEvent,
    subscribeLive: live.subscribeLive,
    refreshAfterChange,
    flash: ctx.flash,
    dispose,
  };
}

export type Actions = ReturnType<typeof createActions>;
