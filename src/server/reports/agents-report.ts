import { sql } from 'kysely';
import type { AgentsReport, AgentStats } from '../../api/types.js';
import { medianResponses, perAgent } from './agent-figures.js';
import { percent } from './report-time.js';
import { mean, num, rangeInfo, type ReportScope } from './report-scope.js';


/**
 * Per agent, over the range: resolutions (handled) and how many came back (reopen rate), public
 * replies, the median of their response times (whole seconds), the ratings of their resolutions (CSAT), and the
 * scores of their quality reviews done in the range, overall and per criterion. `only` keeps one agent.
 */
export async function agentsReport(scope: ReportScope, only: string | undefined): Promise<AgentsReport> {
  const { db, range } = scope;
  let agentsQuery = db.selectFrom('agents').select(['id', 'name']).where('role', '<>', 'admin').orderBy('name').orderBy('id');
  if (only !== undefined) agentsQuery = agentsQuery.where('id', '=', only);
  let agents = await agentsQuery.execute();
  if (scope.teamMembers) agents = agents.filter((a) => scope.teamMembers!.includes(a.id));

  const figures = await perAgent(scope);
  const { resolutions, replies } = figures;
  const medians = await medianResponses(scope, figures, agents.map((a) => a.id));
  const scores = await db
    .selectFrom('quality_scores')
    .innerJoin('quality_reviews', 'quality_reviews.id', 'quality_scores.review_id')
    .select((eb) => ['quality_reviews.agent_id', 'quality_scores.criterion_id', eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string>('quality_scores.score').as('total')])
    .where('quality_reviews.status', '=', 'done')
    .where('quality_reviews.reviewed_at', '>=', range.start)
    .where('quality_reviews.reviewed_at', '<', range.end)
    .groupBy(['quality_reviews.agent_id', 'quality_scores.criterion_id'])
    .execute();
  const reviews = await db
    .selectFrom('quality_reviews')
    .select((eb) => ['agent_id', eb.fn.countAll<number | string>().as('n')])
    .where('status', '=', 'done')
    .where('reviewed_at', '>=', range.start)
    .where('reviewed_at', '<', range.end)
    .groupBy('agent_id')
    .execute();
  // The rubric's criteria, and retired ones only where the range holds scores on them.
  const criteria = (await db.selectFrom('review_criteria').select(['id', 'name', 'active']).orderBy('active', 'desc').orderBy('position').orderBy(sql`id`).execute()).filter(
    (c) => c.active === 1 || scores.some((s) => s.criterion_id === c.id),
  );

  const byAgent = <T extends Record<K, string | null>, K extends string>(rows: T[], key: K) => new Map(rows.map((r) => [r[key] as string, r]));
  const reviewsOf = byAgent(reviews, 'agent_id');

  const stats: AgentStats[] = agents.map((agent) => {
    const r = resolutions.get(agent.id);
    const handled = r?.handled ?? 0;
    const reopened = r?.reopened ?? 0;
    const ratings = r?.ratings ?? 0;
    const own = scores.filter((s) => s.agent_id === agent.id);
    const scoreTotal = own.reduce((a, s) => a + num(s.total), 0);
    const scoreCount = own.reduce((a, s) => a + num(s.n), 0);
    return {
      agent: { id: agent.id, name: agent.name },
      handled,
      replies: replies.get(agent.id) ?? 0,
      medianResponseMs: ((median) => (median === null ? null : median * 1000))(medians.get(agent.id) ?? null),
      ratings,
      csat: mean(r?.ratingTotal ?? 0, ratings),
      reopened,
      reopenRate: percent(reopened, handled),
      reviews: num(reviewsOf.get(agent.id)?.n),
      qualityScore: mean(scoreTotal, scoreCount),
      quality: criteria.map((c) => {
        const s = own.find((x) => x.criterion_id === c.id);
        return { criterion: c.id, name: c.name, scores: num(s?.n), average: mean(num(s?.total), num(s?.n)) };
      }),
    };
  });
  return { range: rangeInfo(scope), agents: stats };
}
