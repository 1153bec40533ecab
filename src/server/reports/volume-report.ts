import { sql } from 'kysely';
import type { VolumeReport } from '../../api/types.js';
import { rangeParts, SLOT_MS } from './report-time.js';
import { intoBuckets, rangeInfo, seriesBase, slotOf, type ReportScope } from './report-scope.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type SlotCount = { slot: number | string; n: number | string };

/** From the raw rows: conversations created (or resolved) per slot in [start, end). */
async function rawCountsBySlot(scope: ReportScope, column: 'created_at' | 'resolved_at', start: number, end: number): Promise<SlotCount[]> {
  let query = scope.db
    .selectFrom('conversations')
    .select((eb) => [slotOf(column).as('slot'), eb.fn.countAll<number | string>().as('n')])
    .where(column, '>=', start)
    .where(column, '<', end);
  if (scope.team !== null) query = query.where('team', '=', scope.team);
  return query.groupBy('slot').execute();
}

/**
 * Created and resolved per slot: the counters for the whole slots of the range (all of it, for any zone
 * of today), the raw rows for a part of a slot at either end.
 */
async function countsBySlot(scope: ReportScope): Promise<{ created: SlotCount[]; resolved: SlotCount[] }> {
  const { whole, edges } = rangeParts(scope.range.start, scope.range.end, SLOT_MS);
  const created: SlotCount[] = [];
  const resolved: SlotCount[] = [];
  if (whole) {
    let query = scope.db
      .selectFrom('report_conversation_slots')
      .select((eb) => ['slot', eb.fn.sum<number | string>('created').as('created'), eb.fn.sum<number | string>('resolved').as('resolved')])
      .where('slot', '>=', whole.from)
      .where('slot', '<', whole.to);
    if (scope.team !== null) query = query.where('team', '=', scope.team);
    for (const row of await query.groupBy('slot').execute()) {
      created.push({ slot: row.slot, n: row.created });
      resolved.push({ slot: row.slot, n: row.resolved });
    }
  }
  for (const edge of edges) {
    created.push(...(await rawCountsBySlot(scope, 'created_at', edge.start, edge.end)));
    resolved.push(...(await rawCountsBySlot(scope, 'resolved_at', edge.start, edge.end)));
  }
  return { created, resolved };
}

/**
 * Automatic answers sent in the range (a public reply by the system author), and of those the ones the
 * customer wrote after: a customer message later in the same conversation, whenever it came.
 */
async function automaticAnswers(scope: ReportScope): Promise<{ answered: number; cameBack: number }> {
  const { db, range } = scope;
  // Literal values, not parameters: they name the partial index of automatic answers (migration 021).
  let query = db
    .selectFrom('messages as answer')
    .where('answer.author_type', '=', sql.lit('system'))
    .where('answer.kind', '=', sql.lit('reply'))
    .where('answer.created_at', '>=', range.start)
    .where('answer.created_at', '<', range.end);
  if (scope.team !== null) query = query.innerJoin('conversations', 'conversations.id', 'answer.conversation_id').where('conversations.team', '=', scope.team);
  const row = await query
    .select((eb) => [
      eb.fn.countAll<number | string>().as('answered'),
      eb.fn
        .sum<number | string | null>(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('messages as later')
                  .select('later.id')
                  .whereRef('later.conversation_id', '=', 'answer.conversation_id')
                  .where('later.author_type', '=', 'customer')
                  .whereRef('later.id', '>', 'answer.id'),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('came_back'),
    ])
    .executeTakeFirstOrThrow();
  return { answered: Number(row.answered), cameBack: Number(row.came_back ?? 0) };
}

/**
 * Conversations created and resolved per bucket, and created by local weekday × hour (where the peaks
 * are). The database counts per 15-minute UTC slot (kept as counters, migration 021); the slots fold
 * into local buckets here, so that a time zone never needs the database's own zone rules.
 */
export async function volumeReport(scope: ReportScope): Promise<VolumeReport> {
  const { created, resolved } = await countsBySlot(scope);
  const createdIn = intoBuckets(scope, created);
  const resolvedIn = intoBuckets(scope, resolved);
  const cells = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  for (const row of created) {
    const [weekday, hour] = scope.buckets.weekdayHourOfSlot(Number(row.slot));
    cells[weekday]![hour]! += Number(row.n);
  }
  return {
    range: rangeInfo(scope),
    totals: { created: createdIn.reduce((a, b) => a + b, 0), resolved: resolvedIn.reduce((a, b) => a + b, 0) },
    series: createdIn.map((n, i) => ({ ...seriesBase(scope, i), created: n, resolved: resolvedIn[i]! })),
    heatmap: { weekdays: WEEKDAYS, cells },
    automatic: await automaticAnswers(scope),
  };
}
