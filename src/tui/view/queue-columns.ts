import { fitToWidth } from '../../api/text/width.js';

/**
 * The queue's columns for a terminal width, decided once per width. The subject takes what is left,
 * at least SUBJECT_MIN; the optional columns are kept in this order while they fit, so what goes first
 * on a narrow terminal is decided here, not by where the text happens to be cut: the channel first,
 * then the priority, the status, the assignee and last the customer. The SLA countdown, the id and the
 * subject always show. The status shows only when the queue holds more than one status.
 */
export const KEEP_ORDER = ['customer', 'assignee', 'status', 'priority', 'channel'] as const;
type Optional = (typeof KEEP_ORDER)[number];

const SUBJECT_MIN = 20;
const MARKER = 2;
const DUE = 8;
const ID = 6;

export interface QueueColumns {
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

function layout(width: number, showStatus: boolean): QueueColumns {
  const wanted = optionalWidths(width);
  const kept: Record<Optional, number> = { customer: 0, assignee: 0, status: 0, priority: 0, channel: 0 };
  let used = MARKER + DUE + 1 + ID + 1;
  for (const key of KEEP_ORDER) {
    if (key === 'status' && !showStatus) continue;
    // A column that does not fit ends the list: a later, narrower one never takes its place.
    if (used + wanted[key] + 1 + SUBJECT_MIN > width) break;
    kept[key] = wanted[key];
    used += wanted[key] + 1;
  }
  return { due: DUE, id: ID, ...kept, subject: Math.max(SUBJECT_MIN, width - used) };
}

const cache = new Map<string, QueueColumns>();

/** The same object for the same width: the rows (memoised) re-render only when the layout changes. */
export function queueColumns(width: number, showStatus = false): QueueColumns {
  const key = `${width}:${showStatus}`;
  let columns = cache.get(key);
  if (!columns) cache.set(key, (columns = layout(width, showStatus)));
  return columns;
}

/** The header line: every shown column named, aligned as the rows are; the count rides on the subject's. */
export function queueHeader(columns: QueueColumns, count: string): string {
  const cell = (name: string, w: number, align: 'left' | 'right' = 'left') => (w ? `${fitToWidth(name, w, align)} ` : '');
  return (
    ' '.repeat(MARKER) +
    cell('DUE', columns.due) +
    cell('PRI', columns.priority) +
    cell('STATUS', columns.status) +
    cell('CHAN', columns.channel) +
    cell('ID', columns.id, 'right') +
    cell('CUSTOMER', columns.customer) +
    fitToWidth(`SUBJECT (${count})`, columns.subject) +
    (columns.assignee ? ` ${fitToWidth('ASSIGNEE', columns.assignee)}` : '')
  );
}
