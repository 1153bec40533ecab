/**
 * The reports' counters (migration 021-report-counters, kept by triggers), merged into tables.ts's
 * Database as survey-tables.ts does. Slots are 15-minute UTC slots (`at / 900000`), days UTC days
 * (`at / 86400000`); `team` is '' for none; durations are whole seconds.
 */

/** Conversations created and resolved per slot and (current) team. */
export interface ReportConversationSlotsTable {
  slot: number;
  team: string;
  created: number;
  resolved: number;
}

/** Clocks stopped and met per slot, clock (first_response, next_response, resolution) and team. */
export interface ReportClockSlotsTable {
  slot: number;
  clock: string;
  team: string;
  stopped: number;
  met: number;
}

/** How long clocks ran: per UTC day, clock, team and duration bucket (migration 021's CLOCK_BUCKETS), how many. */
export interface ReportClockBucketsTable {
  utc_day: number;
  clock: string;
  team: string;
  bucket: number;
  n: number;
}

/** The same per whole second, keyed by bucket first: the seconds of one bucket over a range of days. */
export interface ReportClockSecondsTable {
  clock: string;
  bucket: number;
  utc_day: number;
  team: string;
  duration_s: number;
  n: number;
}

/** Surveys sent per slot and team, and how many were rated 1 … 5. */
export interface ReportSurveySlotsTable {
  slot: number;
  team: string;
  sent: number;
  rated_1: number;
  rated_2: number;
  rated_3: number;
  rated_4: number;
  rated_5: number;
}

/** Per UTC day and agent: resolutions (handled), those reopened, rated, the ratings' total, public replies. */
export interface ReportAgentDaysTable {
  utc_day: number;
  agent_id: string;
  handled: number;
  reopened: number;
  ratings: number;
  rating_total: number;
  replies: number;
}

/** An agent's response times: per UTC day, agent and duration bucket (AGENT_BUCKETS), how many. */
export interface ReportAgentBucketsTable {
  utc_day: number;
  agent_id: string;
  bucket: number;
  n: number;
}

/** The same per whole second, keyed by agent and bucket first. */
export interface ReportAgentSecondsTable {
  agent_id: string;
  bucket: number;
  utc_day: number;
  duration_s: number;
  n: number;
}

declare module './tables.js' {
  interface Database {
    report_conversation_slots: ReportConversationSlotsTable;
    report_clock_slots: ReportClockSlotsTable;
    report_clock_buckets: ReportClockBucketsTable;
    report_clock_seconds: ReportClockSecondsTable;
    report_survey_slots: ReportSurveySlotsTable;
    report_agent_days: ReportAgentDaysTable;
    report_agent_buckets: ReportAgentBucketsTable;
    report_agent_seconds: ReportAgentSecondsTable;
  }
}
