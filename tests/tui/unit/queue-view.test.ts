import { describe, expect, it } from 'vitest';
import { compareQueue, upsertRow } from '../../../src/tui/state/queue-order.js';
import { breachedCount, queueView, selectedIndex, statusParam } from '../../../src/tui/state/queue-view.js';
import { NO_FILTER } from '../../../src/tui/state/types.js';
import { minutesAfterT0, summary, tuiState } from '../../helpers/tui-state.js';

describe('the queue view', () => {
  const rows = [summary(1, { channel: 'email' }), summary(2, { subject: 'Card declined' }), summary(3, { channel: 'email', tags: ['vip'] })];

  it('filters locally by channel and search, and is the loaded array itself without a filter', () => {
    const state = tuiState({ queue: { status: 'ready', data: rows } });
    expect(queueView(state).rows).toBe(rows);
    expect(queueView({ ...state, filter: { ...NO_FILTER, channel: 'email' } }).rows.map((r) => r.id)).toEqual([1, 3]);
    expect(queueView({ ...state, filter: { ...NO_FILTER, search: 'DECLINED' } }).rows.map((r) => r.id)).toEqual([2]);
    expect(queueView({ ...state, filter: { ...NO_FILTER, search: 'vip' } }).rows.map((r) => r.id)).toEqual([3]);
  });

  it('is computed once per change of rows or filter', () => {
    const state = tuiState({ queue: { status: 'ready', data: rows }, filter: { ...NO_FILTER, channel: 'email' } });
    expect(queueView(state)).toBe(queueView(tuiState({ ...state, selectedId: 3 })));
    expect(queueView(state)).not.toBe(queueView({ ...state, filter: { ...state.filter } }));
  });

  it('finds the selected row, or the first when the filter hides it', () => {
    const state = tuiState({ queue: { status: 'ready', data: rows }, selectedId: 3 });
    expect(selectedIndex(state)).toBe(2);
    expect(selectedIndex({ ...state, filter: { ...NO_FILTER, search: 'declined' } })).toBe(0);
  });

  it('counts breaches at the time asked, even when no row changed since the last count', () => {
    const state = tuiState({ queue: { status: 'ready', data: [summary(1, {}, 10), summary(2, {}, 20), summary(3, {}, null)] } });
    expect(breachedCount(state, minutesAfterT0(5))).toBe(0);
    expect(breachedCount(state, minutesAfterT0(10))).toBe(1);
    expect(breachedCount(state, minutesAfterT0(25))).toBe(2);
    expect(breachedCount(state, minutesAfterT0(5))).toBe(0);
  });

  it('asks the server for the statuses the filter names', () => {
    expect(statusParam('active')).toBe('open,pending');
    expect(statusParam('all')).toBe('open,pending,snoozed,resolved,closed');
    expect(statusParam('snoozed')).toBe('snoozed');
  });
});

describe('the queue order', () => {
  it('sorts by due time, then priority, then age, with no SLA clock last', () => {
    const urgentLater = summary(1, { priority: 'urgent' }, 30);
    const lowSooner = summary(2, { priority: 'low' }, 10);
    const highSameTime = summary(3, { priority: 'high' }, 30);
    const noClock = summary(4, {}, null);
    expect([noClock, urgentLater, highSameTime, lowSooner].sort(compareQueue).map((r) => r.id)).toEqual([2, 1, 3, 4]);
  });

  it('moves a changed row to its place, adds a new one, and takes out one that no longer belongs', () => {
    const queue = [summary(1, {}, 10), summary(2, {}, 20), summary(3, {}, 30)];
    expect(upsertRow(queue, summary(1, {}, 25), true).map((r) => r.id)).toEqual([2, 1, 3]);
    expect(upsertRow(queue, summary(9, {}, 15), true).map((r) => r.id)).toEqual([1, 9, 2, 3]);
    expect(upsertRow(queue, summary(2, { status: 'resolved' }, 20), false).map((r) => r.id)).toEqual([1, 3]);
    expect(queue.map((r) => r.id)).toEqual([1, 2, 3]);
  });
});
