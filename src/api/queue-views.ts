import { CATEGORIES, CHANNELS, CONVERSATION_STATUSES, PRIORITIES } from './enums.js';
import type { ConversationSummary, QueueQuery } from './types.js';

/**
 * Queue views from the config file (`views`): a name, filters as `support queue` takes them, the
 * columns in their order and a sort. The CLI (`support queue --view NAME`) and the workspace (number
 * keys, Tab) read the same definitions, checked here once.
 */
export const VIEW_COLUMNS = ['due', 'priority', 'status', 'channel', 'id', 'customer', 'subject', 'assignee'] as const;
export type ViewColumn = (typeof VIEW_COLUMNS)[number];

/** due: the server's order (SLA due time, then priority); priority: most urgent first; created: oldest first; updated: latest activity first. */
export const VIEW_SORTS = ['due', 'priority', 'created', 'updated'] as const;
export type ViewSort = (typeof VIEW_SORTS)[number];

export interface QueueViewDef {
  name: string;
  /** What the server is asked for (no limit or cursor). */
  query: Omit<QueueQuery, 'limit' | 'cursor'>;
  columns: readonly ViewColumn[];
  sort: ViewSort;
}

const FILTER_KEYS = ['status', 'channel', 'priority', 'category', 'assignee', 'mine', 'unassigned', 'search', 'team'] as const;
const VIEW_KEYS = new Set(['name', 'filters', 'columns', 'sort', 'profiles']);
const TEAM = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const ASSIGNEE = /^(me|unassigned|any|agt_[0-9A-Za-z]{6,32})$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOfProblem(key: string, value: unknown, values: readonly string[]): string | undefined {
  return typeof value === 'string' && values.includes(value) ? undefined : `filters.${key} must be one of ${values.join(', ')}`;
}

/** The server query of a view's `filters`, or what is wrong with them (the words of `support queue`'s flags). */
function readFilters(filters: unknown): { query: QueueViewDef['query'] } | { problem: string } {
  if (filters === undefined) return { query: {} };
  if (!isObject(filters)) return { problem: 'filters must be an object such as {"status": "open", "priority": "urgent", "unassigned": true}' };
  const unknown = Object.keys(filters).find((k) => !(FILTER_KEYS as readonly string[]).includes(k));
  if (unknown !== undefined) return { problem: `filters.${unknown} is not a filter (use ${FILTER_KEYS.join(', ')})` };
  const f = filters;
  const query: QueueViewDef['query'] = {};
  if (f['status'] !== undefined) {
    const parts = typeof f['status'] === 'string' ? f['status'].split(',').map((s) => s.trim()).filter(Boolean) : [];
    if (parts.length === 0 || parts.some((p) => !(CONVERSATION_STATUSES as readonly string[]).includes(p))) {
      return { problem: `filters.status must be one or more of ${CONVERSATION_STATUSES.join(', ')}, separated by commas` };
    }
    query.status = parts.join(',');
  }
  for (const [key, values] of [['channel', CHANNELS], ['priority', PRIORITIES], ['category', CATEGORIES]] as const) {
    if (f[key] === undefined) continue;
    const problem = oneOfProblem(key, f[key], values);
    if (problem) return { problem };
    Object.assign(query, { [key]: f[key] });
  }
  for (const key of ['mine', 'unassigned'] as const) {
    if (f[key] !== undefined && typeof f[key] !== 'boolean') return { problem: `filters.${key} must be true or false` };
  }
  const who = [f['mine'] === true, f['unassigned'] === true, f['assignee'] !== undefined].filter(Boolean).length;
  if (who > 1) return { problem: 'use only one of filters.mine, filters.unassigned and filters.assignee' };
  if (f['assignee'] !== undefined && (typeof f['assignee'] !== 'string' || !ASSIGNEE.test(f['assignee']))) {
    return { problem: 'filters.assignee must be me, unassigned, any or an agent id (agt_…)' };
  }
  const assignee = f['mine'] === true ? 'me' : f['unassigned'] === true ? 'unassigned' : (f['assignee'] as string | undefined);
  if (assignee) query.assignee = assignee;
  if (f['search'] !== undefined) {
    if (typeof f['search'] !== 'string' || f['search'].trim() === '' || f['search'].length > 200) return { problem: 'filters.search must be text (1-200 characters)' };
    query.q = f['search'];
  }
  if (f['team'] !== undefined) {
    if (typeof f['team'] !== 'string' || !TEAM.test(f['team'])) return { problem: 'filters.team must be a team name (lowercase letters, digits, - or _)' };
    query.team = f['team'];
  }
  return { query };
}

function readColumns(columns: unknown): { columns: ViewColumn[] } | { problem: string } {
  if (columns === undefined) return { columns: [...VIEW_COLUMNS] };
  const list = typeof columns === 'string' ? columns.split(',').map((c) => c.trim()) : columns;
  if (!Array.isArray(list) || list.length === 0 || !list.every((c) => typeof c === 'string')) {
    return { problem: `columns must be a list such as ["due", "id", "subject"], of ${VIEW_COLUMNS.join(', ')}` };
  }
  const bad = list.find((c) => !(VIEW_COLUMNS as readonly string[]).includes(c));
  if (bad !== undefined) return { problem: `columns: "${bad}" is not a column (use ${VIEW_COLUMNS.join(', ')})` };
  const twice = list.find((c, i) => list.indexOf(c) !== i);
  if (twice !== undefined) return { problem: `columns: "${twice}" is listed twice` };
  return { columns: list as ViewColumn[] };
}

/**
 * The views of the config file that apply to this profile (a view with `profiles` applies only to
 * those), each bad entry reported (which, why) and left out, as keymap entries are.
 */
export function readQueueViews(raw: unknown, profile: string): { views: QueueViewDef[]; problems: string[] } {
  const views: QueueViewDef[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { views, problems };
  if (!Array.isArray(raw)) return { views, problems: ['views must be a list of {name, filters, columns, sort}; no views'] };
  raw.forEach((entry: unknown, index) => {
    const label = isObject(entry) && typeof entry['name'] === 'string' ? `views "${entry['name']}"` : `views[${index}]`;
    const fail = (why: string) => problems.push(`${label}: ${why}; ignored`);
    if (!isObject(entry)) return fail('must be an object with a name');
    const extra = Object.keys(entry).find((k) => !VIEW_KEYS.has(k));
    if (extra !== undefined) return fail(`"${extra}" is not a view setting (use name, filters, columns, sort, profiles)`);
    const name = entry['name'];
    if (typeof name !== 'string' || name.trim() === '' || name.length > 40 || /[\p{Cc}]/u.test(name)) return fail('name must be text of 1-40 characters');
    const profiles = entry['profiles'];
    if (profiles !== undefined && (!Array.isArray(profiles) || !profiles.every((p) => typeof p === 'string'))) return fail('profiles must be a list of profile names');
    if (profiles !== undefined && !(profiles as string[]).includes(profile)) return;
    if (views.some((v) => v.name === name)) return fail('another view has this name');
    const filters = readFilters(entry['filters']);
    if ('problem' in filters) return fail(filters.problem);
    const columns = readColumns(entry['columns']);
    if ('problem' in columns) return fail(columns.problem);
    const sort = entry['sort'] ?? 'due';
    if (!(VIEW_SORTS as readonly unknown[]).includes(sort)) return fail(`sort must be one of ${VIEW_SORTS.join(', ')}`);
    views.push({ name, query: filters.query, columns: columns.columns, sort: sort as ViewSort });
  });
  return { views, problems };
}

const NO_DUE = Number.MAX_SAFE_INTEGER;
const due = (c: ConversationSummary) => (c.sla.dueAt ? Date.parse(c.sla.dueAt) : NO_DUE);

/** The queue's order, as the server sorts it: earliest due time, then priority, then age, then id. */
export function compareByDue(a: ConversationSummary, b: ConversationSummary): number {
  return due(a) - due(b) || PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id;
}

const COMPARE: Record<ViewSort, (a: ConversationSummary, b: ConversationSummary) => number> = {
  due: compareByDue,
  priority: (a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || compareByDue(a, b),
  created: (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id,
  updated: (a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || b.id - a.id,
};

/** Rows in a view's order: the same array when that is the server's order already. */
export function sortForView<T extends ConversationSummary>(rows: T[], sort: ViewSort): T[] {
  return sort === 'due' ? rows : rows.slice().sort(COMPARE[sort]);
}

/** Whether a conversation belongs in a view's query (a live change may move it in or out). */
export function inViewQuery(query: QueueViewDef['query'], c: ConversationSummary, agentId: string): boolean {
  if (query.channel && c.channel !== query.channel) return false;
  if (query.priority && c.priority !== query.priority) return false;
  if (query.category && c.category !== query.category) return false;
  if (query.team && c.team !== query.team) return false;
  if (query.assignee === 'me' && c.assignee?.id !== agentId) return false;
  if (query.assignee === 'unassigned' && c.assignee !== null) return false;
  if (query.assignee?.startsWith('agt_') && c.assignee?.id !== query.assignee) return false;
  return true;
}
