import type { ConversationStatus } from '../api/enums.js';
import type { ConversationSummary } from '../api/types.js';
import type { QueueFilter, StatusFilter, TuiState } from './store.js';

/** What the queue shows until the agent picks another status filter. */
export const DEFAULT_QUEUE_STATUS = 'open,pending';

/** What the status filter asks the server for. */
export function statusParam(filter: StatusFilter): string {
  const all: ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved', 'closed'];
  if (filter === 'active') return DEFAULT_QUEUE_STATUS;
  if (filter === 'all') return all.join(',');
  return filter;
}

export interface QueueView {
  rows: ConversationSummary[];
  indexById: Map<number, number>;
  breached: number;
}

function matches(c: ConversationSummary, filter: QueueFilter, agentId: string, needle: string): boolean {
  if (filter.channel && c.channel !== filter.channel) return false;
  if (filter.priority && c.priority !== filter.priority) return false;
  if (filter.mine && c.assignee?.id !== agentId) return false;
  if (filter.unassigned && c.assignee !== null) return false;
  if (needle) {
    const hay = `#${c.id} ${c.subject} ${c.customer.name} ${c.customer.id} ${c.assignee?.name ?? ''} ${c.tags.join(' ')}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

let cache: { data: ConversationSummary[] | undefined; filter: QueueFilter; agentId: string; view: QueueView } | undefined;

/**
 * The rows the queue shows after the local filters and the search, computed once per change of data
 * or filter: moving the selection through 10,000 rows never filters again.
 */
export function queueView(state: TuiState): QueueView {
  const data = state.queue.data;
  if (cache && cache.data === data && cache.filter === state.filter && cache.agentId === state.agent.id) return cache.view;
  const needle = state.filter.search.trim().toLowerCase();
  const rows = (data ?? []).filter((c) => matches(c, state.filter, state.agent.id, needle));
  const indexById = new Map(rows.map((c, i) => [c.id, i]));
  const view = { rows, indexById, breached: rows.reduce((n, c) => n + (c.sla.breached ? 1 : 0), 0) };
  cache = { data, filter: state.filter, agentId: state.agent.id, view };
  return view;
}

/** The selected row's index, falling back to the first row when the selection is filtered out. */
export function selectedIndex(state: TuiState, view: QueueView = queueView(state)): number {
  const index = state.selectedId === undefined ? undefined : view.indexById.get(state.selectedId);
  return index ?? 0;
}

export function describeFilter(filter: QueueFilter): string {
  const parts: string[] = [];
  if (filter.status !== 'active') parts.push(`status ${filter.status}`);
  if (filter.channel) parts.push(filter.channel);
  if (filter.priority) parts.push(filter.priority);
  if (filter.mine) parts.push('mine');
  if (filter.unassigned) parts.push('unassigned');
  if (filter.search) parts.push(`“${filter.search}”`);
  return parts.join(' · ');
}
