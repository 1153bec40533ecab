import type { ConversationStatus } from '../../api/enums.js';
import { DEFAULT_QUEUE_STATUS } from '../../api/queue-defaults.js';
import { inViewQuery, sortForView, type QueueViewDef } from '../../api/queue-views.js';
import { sanitize } from '../../api/text/sanitize.js';
import type { ConversationSummary } from '../../api/types.js';
import type { QueueFilter, StatusFilter, TuiState } from './types.js';

export { DEFAULT_QUEUE_STATUS };

/** What the status filter asks the server for. */
export function statusParam(filter: StatusFilter): string {
  const all: ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved', 'closed'];
  if (filter === 'active') return DEFAULT_QUEUE_STATUS;
  if (filter === 'all') return all.join(',');
  return filter;
}

/** The config view the queue shows, if any. */
export function activeQueueView(state: Pick<TuiState, 'views' | 'activeView'>): QueueViewDef | undefined {
  return state.activeView === undefined ? undefined : state.views[state.activeView];
}

/**
 * What the queue asks the server for: the view's query, with the status the agent picked with the
 * status filter winning over the view's (or the default, open and pending), and the incident filter.
 */
export function serverQuery(state: Pick<TuiState, 'views' | 'activeView' | 'filter'>): QueueViewDef['query'] & { status: string; incident?: number } {
  const view = activeQueueView(state);
  const status = state.filter.status !== 'active' ? statusParam(state.filter.status) : (view?.query.status ?? DEFAULT_QUEUE_STATUS);
  return { ...view?.query, status, ...(state.filter.incident ? { incident: state.filter.incident.id } : {}) };
}

/**
 * Whether a conversation belongs to the incident the queue is filtered by. A row carries no incident:
 * one already loaded was linked when the server answered, another counts only when its link is known.
 */
function inFilteredIncident(state: Pick<TuiState, 'filter' | 'queue' | 'incidentOf'>, c: ConversationSummary): boolean {
  const incident = state.filter.incident;
  if (!incident) return true;
  const known = state.incidentOf[c.id];
  if (known !== undefined) return known?.id === incident.id;
  return state.queue.data?.some((r) => r.id === c.id) ?? false;
}

/** Whether a conversation, as it is now, belongs in the loaded queue (a live change can move it out). */
export function belongsInQueue(state: Pick<TuiState, 'views' | 'activeView' | 'filter' | 'agent' | 'queue' | 'incidentOf'>, c: ConversationSummary): boolean {
  const view = activeQueueView(state);
  return serverQuery(state).status.split(',').includes(c.status) && (!view || inViewQuery(view.query, c, state.agent.id)) && inFilteredIncident(state, c);
}

export interface QueueView {
  rows: ConversationSummary[];
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

function hasLocalFilter(filter: QueueFilter): boolean {
  return Boolean(filter.channel || filter.priority || filter.mine || filter.unassigned || filter.search.trim());
}

const EMPTY: ConversationSummary[] = [];
const views = new WeakMap<ConversationSummary[], { filter: QueueFilter; agentId: string; def: QueueViewDef | undefined; view: QueueView }>();

/**
 * The rows the queue shows after the local filters and the search, memoised on what they depend on
 * (the loaded rows, the filter and who we are): moving the selection through 10,000 rows never filters
 * again. Without a local filter the view is the loaded array itself, copied nowhere.
 */
export function queueView(state: Pick<TuiState, 'queue' | 'filter' | 'agent' | 'views' | 'activeView'>): QueueView {
  const data = state.queue.data ?? EMPTY;
  const def = activeQueueView(state);
  const known = views.get(data);
  if (known && known.filter === state.filter && known.agentId === state.agent.id && known.def === def) return known.view;
  const needle = state.filter.search.trim().toLowerCase();
  const filtered = hasLocalFilter(state.filter) ? data.filter((c) => matches(c, state.filter, state.agent.id, needle)) : data;
  const view = { rows: def ? sortForView(filtered, def.sort) : filtered };
  views.set(data, { filter: state.filter, agentId: state.agent.id, def, view });
  return view;
}

const dueTimes = new WeakMap<ConversationSummary[], number[]>();

/** The loaded rows' SLA due times, sorted: read once per load or live change. */
function sortedDueTimes(data: ConversationSummary[]): number[] {
  let times = dueTimes.get(data);
  if (!times) {
    times = data.flatMap((c) => (c.sla.dueAt ? [Date.parse(c.sla.dueAt)] : [])).sort((a, b) => a - b);
    dueTimes.set(data, times);
  }
  return times;
}

/**
 * Breached conversations among all those loaded, at `now`, whatever the channel, priority, mine or
 * search filters hide: the status bar counts the desk, not the screen (a filtered count read as "the
 * desk is fine"). It depends on the rows and on the time: a conversation breaches while nothing is
 * loaded. The due times are sorted once per change of rows; each tick is a binary search. The status
 * filter decides what is loaded: see breachScope.
 */
export function breachedCount(state: Pick<TuiState, 'queue'>, now: number): number {
  const times = sortedDueTimes(state.queue.data ?? EMPTY);
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((times[mid] ?? Infinity) <= now) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** What the breached count covers when the loaded queue is not the whole active desk ("open"), else undefined. */
export function breachScope(filter: QueueFilter): string | undefined {
  return filter.status === 'active' || filter.status === 'all' ? undefined : filter.status;
}

const positions = new WeakMap<ConversationSummary[], Map<number, number>>();

/** Where a conversation is in a list: one pass builds the lookup, later calls on that list are O(1). */
function positionOf(rows: ConversationSummary[], id: number): number | undefined {
  let map = positions.get(rows);
  if (!map) {
    map = new Map();
    for (let i = 0; i < rows.length; i++) map.set(rows[i]!.id, i);
    positions.set(rows, map);
  }
  return map.get(id);
}

/** The selected row's index, falling back to the first row when the selection is filtered out. */
export function selectedIndex(state: Pick<TuiState, 'queue' | 'filter' | 'agent' | 'selectedId' | 'views' | 'activeView'>, view: QueueView = queueView(state)): number {
  if (state.selectedId === undefined) return 0;
  // Cheap for the usual case, the selection near the top; the lookup map only for the rest.
  for (let i = 0; i < Math.min(64, view.rows.length); i++) if (view.rows[i]!.id === state.selectedId) return i;
  return positionOf(view.rows, state.selectedId) ?? 0;
}

export function describeFilter(filter: QueueFilter): string {
  const parts: string[] = [];
  if (filter.status !== 'active') parts.push(`status ${filter.status}`);
  if (filter.incident) parts.push(`incident ${filter.incident.id} ${sanitize(filter.incident.title, { multiline: false })}`);
  if (filter.channel) parts.push(filter.channel);
  if (filter.priority) parts.push(filter.priority);
  if (filter.mine) parts.push('mine');
  if (filter.unassigned) parts.push('unassigned');
  if (filter.search) parts.push(`“${filter.search}”`);
  return parts.join(' · ');
}
