import { compareByDue } from '../../api/queue-views.js';
import type { ConversationSummary } from '../../api/types.js';

/** The queue's order, as the server sorts it: earliest due time, then priority, then age, then id. */
export const compareQueue = compareByDue;

/**
 * The queue with one conversation as it is now: replaced in place, moved to its place in the order,
 * added, or taken out when it no longer belongs (resolved while the queue shows open ones). Returns a
 * new array (views key on identity) and never sorts the whole list.
 */
export function upsertRow(rows: readonly ConversationSummary[], row: ConversationSummary, belongs: boolean): ConversationSummary[] {
  const out = rows.filter((r) => r.id !== row.id);
  if (!belongs) return out;
  let low = 0;
  let high = out.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareQueue(out[mid]!, row) <= 0) low = mid + 1;
    else high = mid;
  }
  out.splice(low, 0, row);
  return out;
}
