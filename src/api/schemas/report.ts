import Type from 'typebox';
import { CURRENCIES } from '../currencies.js';
import { SLA_CLOCKS } from '../enums.js';
import { AgentId, AgentRef } from './agent.js';
import { Nullable, PatternString, Timestamp } from './common.js';

export { REPORT_KINDS, type ReportKind } from '../enums.js';

const Day = PatternString('^\\d{4}-\\d{2}-\\d{2}$', 'must be a calendar date such as 2026-11-23', { maxLength: 10 });
const Count = Type.Integer({ minimum: 0 });
/** A share in percent, one decimal; null when there was nothing to count. */
const Percent = Nullable(Type.Number({ minimum: 0, maximum: 100 }));
const Ms = Nullable(Type.Integer({ minimum: 0 }));
/** A mean, two decimals; null with nothing to average. */
const Mean = Nullable(Type.Number());

export const ReportQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    team: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    by: Type.Optional(Type.Union([Type.Literal('hour'), Type.Literal('day'), Type.Literal('week')])),
    /** IANA time zone the days, hours and weeks are read in (UTC by default). */
    tz: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Agents report: one agent (an agent's own stats are always theirs alone). */
    agentId: Type.Optional(AgentId),
  },
  { additionalProperties: false },
);

export const ReportRangeInfo = Type.Object({
  from: Day,
  to: Day,
  timeZone: Type.String(),
  by: Type.Union([Type.Literal('hour'), Type.Literal('day'), Type.Literal('week')]),
  team: Nullable(Type.String()),
  /** The first instant of `from` and the first after `to`, in the zone. */
  start: Timestamp,
  end: Timestamp,
});

const Bucket = { bucket: Type.String(), start: Timestamp };

export const SlaReport = Type.Object({
  range: ReportRangeInfo,
  clocks: Type.Array(
    Type.Object({
      clock: Type.Enum(SLA_CLOCKS),
      /** Responses (first, next) or resolutions that stopped this clock in the range. */
      stopped: Count,
      met: Count,
      attainment: Percent,
      p50Ms: Ms,
      p90Ms: Ms,
      p95Ms: Ms,
    }),
  ),
  series: Type.Array(Type.Object({ ...Bucket, clock: Type.Enum(SLA_CLOCKS), stopped: Count, met: Count, attainment: Percent })),
});

export const VolumeReport = Type.Object({
  range: ReportRangeInfo,
  totals: Type.Object({ created: Count, resolved: Count }),
  series: Type.Array(Type.Object({ ...Bucket, created: Count, resolved: Count })),
  /** Conversations created by local weekday (row 0 Monday) × hour of day (column 0 midnight). */
  heatmap: Type.Object({ weekdays: Type.Array(Type.String()), cells: Type.Array(Type.Array(Count)) }),
  /**
   * Automatic answers (assist) sent in the range, and how many of their conversations came back: the
   * customer wrote again after the answer, so a person took over.
   */
  automatic: Type.Object({ answered: Count, cameBack: Count }),
});

export const AgentStats = Type.Object({
  agent: AgentRef,
  /** Resolutions by the agent in the range. */
  handled: Count,
  /** Public replies the agent wrote in the range. */
  replies: Count,
  /** Median of the agent's response times (first and next) in the range. */
  medianResponseMs: Ms,
  ratings: Count,
  csat: Mean,
  /** Resolutions in the range that the conversation came back from. */
  reopened: Count,
  reopenRate: Percent,
  reviews: Count,
  /** Mean of every criterion score of the agent's reviews done in the range. */
  qualityScore: Mean,
  quality: Type.Array(Type.Object({ criterion: Type.String(), name: Type.String(), scores: Count, average: Mean })),
});

export const AgentsReport = Type.Object({ range: ReportRangeInfo, agents: Type.Array(AgentStats) });

export const CsatReport = Type.Object({
  range: ReportRangeInfo,
  totals: Type.Object({
    sent: Count,
    answered: Count,
    responseRate: Percent,
    average: Mean,
    /** Share of answers rating 4 or 5. */
    satisfied: Percent,
    distribution: Type.Array(Count, { minItems: 5, maxItems: 5 }),
  }),
  followUps: Type.Object({ opened: Count, closed: Count }),
  series: Type.Array(Type.Object({ ...Bucket, sent: Count, answered: Count, average: Mean })),
});

export const ComplaintsReport = Type.Object({
  range: ReportRangeInfo,
  totals: Type.Object({
    opened: Count,
    answered: Count,
    answeredInTime: Count,
    inTime: Percent,
    secondReviews: Count,
    upheld: Count,
    overturned: Count,
    awaitingReview: Count,
  }),
  series: Type.Array(Type.Object({ ...Bucket, opened: Count, answered: Count })),
});

export const RefundsReport = Type.Object({
  range: ReportRangeInfo,
  currencies: Type.Array(
    Type.Object({
      currency: Type.Enum(CURRENCIES),
      count: Count,
      amount: Type.Integer(),
      succeeded: Count,
      succeededAmount: Type.Integer(),
      pending: Count,
      rejected: Count,
    }),
  ),
  approval: Type.Object({ asked: Count, decided: Count, waiting: Count, medianWaitMs: Ms, p90WaitMs: Ms, maxWaitMs: Ms, oldestWaitingSince: Nullable(Timestamp) }),
  series: Type.Array(Type.Object({ ...Bucket, count: Count })),
});
