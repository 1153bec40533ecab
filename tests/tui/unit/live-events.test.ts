import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../src/api/events.js';
import type { ConversationDetail, Message, Refund } from '../../../src/api/types.js';
import { reduceLiveEvent } from '../../../src/tui/effects/live-events.js';
import { NO_FILTER } from '../../../src/tui/state/types.js';
import { AGENT, summary, tuiState } from '../../helpers/tui-state.js';

const AT = '2026-11-23T08:00:00.000Z';
const event = <T extends LiveEvent['type']>(type: T, data: Extract<LiveEvent, { type: T }>['data']) => ({ id: 1, type, conversationId: null, at: AT, data }) as Extract<LiveEvent, { type: T }>;
const message = (id: number, conversationId: number): Message => ({ id, conversationId, clientMessageId: null, kind: 'reply', author: { type: 'customer', id: null, name: 'C' }, body: `message ${id}`, createdAt: AT });

function refund(change: Partial<Refund>): Refund {
  return {
    id: 'ref_00000001', transactionId: 'txn_00000001', accountId: 'acc_00000001', customerId: 'cus_00000001', amount: { amount: 1250, currency: 'USD' }, reason: 'duplicate',
    note: null, status: 'pending_approval', approvalReason: 'per_refund_limit', requestedBy: { id: AGENT.id, name: AGENT.name }, decidedBy: null, decidedAt: null, decisionNote: null,
    refundTransactionId: null, createdAt: AT, updatedAt: AT, ...change,
  };
}

describe('live events into the state', () => {
  it('moves a changed conversation to its place, and takes out one the queue does not show', () => {
    const state = tuiState({ queue: { status: 'ready', data: [summary(1, {}, 10), summary(2, {}, 20)] } });
    const later = reduceLiveEvent(state, event('conversation.updated', { conversation: summary(1, {}, 30), changes: {}, by: null }));
    expect(later.patch.queue?.data?.map((c) => c.id)).toEqual([2, 1]);
    const resolved = reduceLiveEvent(state, event('conversation.updated', { conversation: summary(2, { status: 'resolved' }, 20), changes: {}, by: null }));
    expect(resolved.patch.queue?.data?.map((c) => c.id)).toEqual([1]);
    const shownAll = reduceLiveEvent({ ...state, filter: { ...NO_FILTER, status: 'all' } }, event('conversation.updated', { conversation: summary(2, { status: 'resolved' }, 20), changes: {}, by: null }));
    expect(shownAll.patch.queue?.data?.map((c) => c.id)).toEqual([1, 2]);
  });

  it('adds a new message to the open conversation once, however often it arrives', () => {
    const detail = { conversation: summary(5), messages: [message(1, 5)] } as unknown as ConversationDetail; // only the summary and messages are read
    const state = tuiState({ queue: { status: 'ready', data: [summary(5)] }, conversations: { 5: { status: 'ready', data: detail } } });
    const once = reduceLiveEvent(state, event('message.created', { message: message(2, 5), conversation: summary(5, { messageCount: 2 }) }));
    const after = { ...state, ...once.patch };
    expect(after.conversations[5]?.data?.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(after.conversations[5]?.data?.conversation.messageCount).toBe(2);
    const twice = reduceLiveEvent(after, event('message.created', { message: message(2, 5), conversation: summary(5, { messageCount: 2 }) }));
    expect({ ...after, ...twice.patch }.conversations[5]?.data?.messages.map((m) => m.id)).toEqual([1, 2]);
  });

  it('names what to reload when a wallet on screen changes, and nothing when none is', () => {
    const change = { accountId: 'acc_00000001', customerId: 'cus_00000001', change: 'frozen' } as unknown as Extract<LiveEvent, { type: 'account.status_changed' }>['data']; // only the ids are read
    expect(reduceLiveEvent(tuiState(), event('account.status_changed', change)).reloads).toEqual([]);
    const watching = tuiState({ customers: { cus_00000001: { status: 'ready' } } });
    expect(reduceLiveEvent(watching, event('account.status_changed', change)).reloads).toEqual([{ kind: 'customer', customerId: 'cus_00000001' }]);
  });

  it("says a decision on the agent's own refund, keeps it in their list, and says nothing of another's", () => {
    const state = tuiState({ myRefunds: { status: 'ready', data: [refund({})] } });
    const approved = refund({ status: 'succeeded', decidedBy: { id: 'agt_boss0000', name: 'Boss' } });
    const outcome = reduceLiveEvent(state, event('refund.updated', { refund: approved }));
    expect(outcome.flash).toEqual({ kind: 'info', text: expect.stringContaining('approved by Boss') });
    expect(outcome.patch.myRefunds?.data).toEqual([approved]);
    const rejected = reduceLiveEvent(state, event('refund.updated', { refund: refund({ status: 'rejected', decisionNote: 'not a duplicate' }) }));
    expect(rejected.flash).toEqual({ kind: 'error', text: expect.stringContaining('rejected: not a duplicate') });
    const others = reduceLiveEvent(state, event('refund.updated', { refund: refund({ status: 'succeeded', requestedBy: { id: 'agt_other000', name: 'Other' } }) }));
    expect(others.flash).toBeUndefined();
    expect(others.patch).toEqual({});
  });

  it('forgets the macros when one changes, so that the picker loads them again', () => {
    const state = tuiState({ macros: { status: 'ready', data: [] } });
    expect(reduceLiveEvent(state, event('macro.deleted', { id: 'mac_1', macro: null })).patch).toEqual({ macros: { status: 'idle' } });
  });
});
