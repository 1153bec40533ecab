import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import { AgentsReport, ComplaintsReport, CsatReport, RefundsReport, ReportQuery, SlaReport, VolumeReport } from '../../api/schemas/index.js';
import type { ReportQuery as Query } from '../../api/types.js';
import { agentOf } from '../auth/access.js';
import { ANY_ROLE, SUPERVISORS } from '../context.js';
import { ProblemError } from '../domain/errors.js';
import { agentsReport } from '../reports/agents-report.js';
import { complaintsReport } from '../reports/complaints-report.js';
import { csatReport } from '../reports/csat-report.js';
import { refundsReport } from '../reports/refunds-report.js';
import { reportScope, type ReportScope } from '../reports/report-scope.js';
import { slaReport } from '../reports/sla-report.js';
import { volumeReport } from '../reports/volume-report.js';

const RANGE =
  '`from` and `to` are local calendar days in `tz` (an IANA zone, UTC by default), both included; the last 7 days by default. `by` groups the series per local hour, day (default) or ISO week (Monday). An inverted range is 400 `report_range_inverted`, more than 366 days 400 `report_range_too_long`, an unknown zone 400 `unknown_time_zone`, an unknown team 422 `unknown_team`. Every bucket of the range is listed, empty ones with zeros.';

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  const supervisorReport = (kind: string, summary: string, schema: TSchema, build: (scope: ReportScope) => Promise<unknown>) =>
    app.get(
      `/v1/reports/${kind}`,
      {
        config: { access: SUPERVISORS },
        schema: { tags: ['reports'], summary, description: `Supervisors and admins. ${RANGE}`, querystring: ReportQuery, response: { 200: schema } },
      },
      async (request) => {
        if (request.query.agentId !== undefined) throw new ProblemError('validation_failed', 'agentId applies to the agents report only', { errors: [{ field: 'agentId', message: 'not for this report' }] });
        return build(await reportScope(ctx.db, ctx.engine, request.query, ctx.now()));
      },
    );

  supervisorReport('sla', 'SLA attainment per clock, with response and resolution percentiles', SlaReport, slaReport);
  supervisorReport('volume', 'Conversations created and resolved, and the weekday × hour heatmap', VolumeReport, volumeReport);
  supervisorReport('csat', 'Satisfaction: answers, mean rating, distribution, follow-ups', CsatReport, csatReport);
  supervisorReport('complaints', 'Complaints opened, answered within deadline, second reviews and outcomes', ComplaintsReport, complaintsReport);
  supervisorReport('refunds', 'Refunds per currency and status, approval wait', RefundsReport, refundsReport);

  app.get(
    '/v1/reports/agents',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['reports'],
        summary: 'Per agent: handled, replies, median response, CSAT, reopen rate, quality score',
        description: `Supervisors and admins see every agent (or \`agentId\`, or a team's); an agent sees their own stats only (another agentId is 403). ${RANGE}`,
        querystring: ReportQuery,
        response: { 200: AgentsReport },
      },
    },
    async (request) => {
      const agent = agentOf(request);
      const query: Query = request.query;
      if (agent.role === 'agent') {
        if (query.agentId !== undefined && query.agentId !== agent.id) throw new ProblemError('forbidden', 'an agent sees their own stats only; leave agentId out');
        if (query.team !== undefined) throw new ProblemError('forbidden', 'an agent sees their own stats only; leave team out');
      }
      const scope = await reportScope(ctx.db, ctx.engine, query, ctx.now());
      return agentsReport(scope, agent.role === 'agent' ? agent.id : query.agentId);
    },
  );
};

export const REPORT_TAG = { name: 'reports', description: 'Reports over a date range in a time zone: SLA, volume, agents, CSAT, complaints, refunds' };
