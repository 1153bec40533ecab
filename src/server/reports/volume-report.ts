import type { VolumeReport } from '../../api/types.js';
import { intoBuckets, rangeInfo, seriesBase, slotOf, type ReportScope } from './report-scope.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

async function countsBySlot(scope: ReportScope, column: 'created_at' | 'resolved_at') {
  const { db, range } = scope;
  let query = db
    .selectFrom('conversations')
    .select((eb) => [slotOf(column).as('slot'), eb.fn.countAll<number | string>().as('n')])
    .where(column, '>=', range.start)
    .where(column, '<', range.end);
  if (scope.team !== null) query = query.where('team', '=', scope.team);
  return query.groupBy('slot').execute();
}

/**
 * Automatic answers sent in the range (a public reply by the system author), and of those the ones the
 * customer wrote after: a customer message later in the same conversation, whenever it came.
 */
async function automaticAnswers(scope: ReportScope): Promise<{ answered: number; cameBack: number }> {
  const { db, range } = scope;
  let query = db
    .selectFrom('messages as answer')
    .innerJoin('conversations', 'conversations.id', 'answer.conversation_id')
    .where('answer.author_type', '=', 'system')
    .where('answer.kind', '=', 'reply')
    .where('answer.created_at', '>=', range.start)
    .where('answer.created_at', '<', range.end);
  if (scope.team !== null) query = query.where('conversations.team', '=', scope.team);
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
 * are). The database counts per 15-minute UTC slot; the slots fold into local buckets here, so that a
 * time zone never needs the database's own zone rules.
 */
export async function volumeReport(scope: ReportScope): Promise<VolumeReport> {
  const created = await countsBySlot(scope, 'created_at');
  const resolved = await countsBySlot(scope, 'resolved_at');
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
