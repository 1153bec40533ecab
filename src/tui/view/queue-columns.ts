import { VIEW_COLUMNS, type ViewColumn } from '../../api/queue-views.js';
import { PAUSED_TEXT_MIN_WIDTH } from '../../api/text/durations.js';
import { fitToWidth } from '../../api/text/width.js';

/**
 * The queue's columns for a terminal width, decided once per width. The subject takes what is left,
 * at least SUBJECT_MIN; the optional columns are kept in this order while they fit, so what goes first
 * on a narrow terminal is decided here, not by where the text happens to be cut: the channel first,
 * then the priority, the status, the assignee and last the customer. The SLA countdown, the id and the
 * subject always show. The status shows only when the queue holds more than one status. While a
 * shown row's business-hours clock is paused, the due column widens to say "◷ paused until 09:00".
 */
export const KEEP_ORDER = ['customer', 'assignee', 'status', 'priority', 'channel'] as const;
type Optional = (typeof KEEP_ORDER)[number];

const SUBJECT_MIN = 20;
const MARKER = 2;
const DUE = 8;
// The state's symbol, a space and the words with their shortest time.
const PAUSED_DUE = 2 + PAUSED_TEXT_MIN_WIDTH;
const ID = 6;

export interface QueueColumns {
  /** The columns in the order they are drawn: the usual one, or a config view's. */
  order: readonly ViewColumn[];
  /** Widths of the text in each column, 0 when the column is dropped; one space separates columns. */
  due: number;
  priority: number;
  status: number;
  channel: number;
  id: number;
  customer: number;
  subject: number;
  assignee: number;
}

function optionalWidths(width: number): Record<Optional, number> {
  return {
    customer: width >= 160 ? 24 : width >= 100 ? 18 : 12,
    assignee: width >= 160 ? 18 : width >= 110 ? 14 : 12,
    status: 8,
    priority: 6,
    channel: 6,
  };
}

function layout(width: number, showStatus: boolean, view: readonly ViewColumn[] | undefined, paused: boolean): QueueColumns {
  const wanted = optionalWidths(width);
  const listed = (column: ViewColumn) => !view || view.includes(column);
  const kept: Record<Optional, number> = { customer: 0, assignee: 0, status: 0, priority: 0, channel: 0 };
  const due = listed('due') ? (paused ? PAUSED_DUE : DUE) : 0;
  const id = listed('id') ? ID : 0;
  let used = MARKER + (due ? due + 1 : 0) + (id ? id + 1 : 0);
  for (const key of KEEP_ORDER) {
    if (!listed(key)) continue;
    // A view that lists the status shows it; otherwise only a queue of several statuses does.
    if (key === 'status' && !showStatus && !view) continue;
    // A column that does not fit ends the list: a later, narrower one never takes its place.
    if (used + wanted[key] + 1 + SUBJECT_MIN > width) break;
    kept[key] = wanted[key];
    used += wanted[key] + 1;
  }
  return { order: view ?? VIEW_COLUMNS, due, id, ...kept, subject: listed('subject') ? Math.max(SUBJECT_MIN, width - used) : 0 };
}

const cache = new Map<string, QueueColumns>();

/**
 * The same object for the same width: the rows (memoised) re-render only when the layout changes.
 * `paused`: a shown row's clock is paused (slaPausedUntil), so the due column says so in words.
 */
export function queueColumns(width: number, showStatus = false, view?: readonly ViewColumn[], paused = false): QueueColumns {
  const key = `${width}:${showStatus}:${view?.join(',') ?? ''}:${paused}`;
  let columns = cache.get(key);
  if (!columns) cache.set(key, (columns = layout(width, showStatus, view, paused)));
  return columns;
}

/** The shown columns in their order: those with a width. */
export function shownColumns(columns: QueueColumns): ViewColumn[] {
  return columns.order.filter((c) => columns[c] > 0);
}

const HEADERS: Record<ViewColumn, string> = { due: 'DUE', priority: 'PRI', status: 'STATUS', channel: 'CHAN', id: 'ID', customer: 'CUSTOMER', subject: 'SUBJECT', assignee: 'ASSIGNEE' };

/** The header line: every shown column named, aligned as the rows are; the count rides on the subject's (or ends the line). */
export function queueHeader(columns: QueueColumns, count: string): string {
  const shown = shownColumns(columns);
  const cells = shown.map((c) => fitToWidth(c === 'subject' ? `SUBJECT (${count})` : HEADERS[c], columns[c], c === 'id' ? 'right' : 'left'));
  return ' '.repeat(MARKER) + cells.join(' ') + (shown.includes('subject') ? '' : ` (${count})`);
}
