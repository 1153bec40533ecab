import Type, { type TSchema } from 'typebox';
import { AVAILABILITIES, PRESENCE_STATES } from '../enums.js';
import { AgentId } from './agent.js';
import { ConversationId } from './conversation.js';
import { CurrencyCode, Nullable, PatternString, Timestamp } from './common.js';

/** The board's "today" starts at midnight in this IANA time zone (default UTC). */
export const DeskQuery = Type.Object(
  {
    tz: Type.Optional(PatternString('^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+){0,2}$|^UTC$', 'must be an IANA time zone such as Asia/Jakarta or UTC', { maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const DeskAgent = Type.Object({
  id: AgentId,
  name: Type.String(),
  role: Type.String(),
  availability: Type.Enum(AVAILABILITIES),
  /** When the availability last changed; null when it has not changed since the agent was created before the board existed. */
  availabilitySince: Nullable(Timestamp),
  /** Open conversations assigned to the agent, against how many they may hold. */
  load: Type.Integer(),
  capacity: Type.Integer(),
  /** The conversation the agent is viewing or typing in now (presence), if any. */
  current: Nullable(Type.Object({ conversationId: ConversationId, state: Type.Enum(PRESENCE_STATES) })),
  repliesLastHour: Type.Integer(),
});

export const DeskCount = Type.Object({ key: Type.String(), count: Type.Integer() });

export const DeskClockCounts = Type.Object({ atRisk: Type.Integer(), breached: Type.Integer() });
const perClock = <T extends TSchema>(schema: T) => Type.Object({ first_response: schema, next_response: schema, resolution: schema });

export const DeskClockToday = Type.Object({
  /** Clocks that stopped today by their due time. */
  met: Type.Integer(),
  /** Clocks that stopped today after their due time, or still run and came due today. */
  missed: Type.Integer(),
  /** met ÷ (met + missed), one decimal; null when no clock counted today. */
  attainedPercent: Nullable(Type.Number()),
});

export const DeskSnapshot = Type.Object({
  at: Timestamp,
  agents: Type.Array(DeskAgent),
  queue: Type.Object({
    /** Open conversations nobody holds: what a claim takes from. */
    waiting: Type.Integer(),
    byTeam: Type.Array(DeskCount),
    byPriority: Type.Array(DeskCount),
    byChannel: Type.Array(DeskCount),
    byCategory: Type.Array(DeskCount),
    oldestWaiting: Nullable(Type.Object({ conversationId: ConversationId, since: Timestamp })),
  }),
  /** Running clocks of open and pending conversations, per clock, as slaState counts them. */
  sla: perClock(DeskClockCounts),
  today: Type.Object({
    since: Timestamp,
    timeZone: Type.String(),
    sla: perClock(DeskClockToday),
    firstResponse: Type.Object({ count: Type.Integer(), medianMs: Nullable(Type.Integer()), p90Ms: Nullable(Type.Integer()) }),
    resolved: Type.Integer(),
    reopened: Type.Integer(),
    /** Of today's resolutions, the share reopened since, one decimal; null when nothing was resolved. */
    reopenRatePercent: Nullable(Type.Number()),
    /** Satisfaction surveys answered today: their mean rating (1-5, two decimals) and the share rated 4 or 5. */
    csat: Type.Object({ answered: Type.Integer(), average: Nullable(Type.Number()), satisfiedPercent: Nullable(Type.Number()) }),
  }),
  /** Conversations created and resolved per 15 minutes, oldest first, the last bucket being the current one. */
  volume: Type.Object({ from: Timestamp, bucketMinutes: Type.Integer(), incoming: Type.Array(Type.Integer()), resolved: Type.Array(Type.Integer()) }),
  complaints: Type.Object({
    /** Open or in second review, due within 24 hours or overdue. */
    nearDeadline: Type.Integer(),
    first: Type.Array(Type.Object({ number: Type.String(), conversationId: ConversationId, replyBy: Timestamp, status: Type.String() })),
  }),
  refunds: Type.Object({
    waiting: Type.Integer(),
    oldest: Nullable(Timestamp),
    totals: Type.Array(Type.Object({ currency: CurrencyCode, count: Type.Integer(), amount: Type.Integer() })),
  }),
  /** Active incidents, newest first: linked conversations, and those a broadcast reaches (open, pending or snoozed). */
  incidents: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      startedAt: Timestamp,
      expectedEndAt: Nullable(Timestamp),
      linkedCount: Type.Integer(),
      openLinkedCount: Type.Integer(),
    }),
  ),
});

export const SetAvailabilityRequest = Type.Object({ availability: Type.Enum(AVAILABILITIES) }, { additionalProperties: false });
