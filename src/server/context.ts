import type { Kysely } from 'kysely';
import type { Category, Role } from '../api/enums.js';
import type { RateLimit } from './auth/rate-limit.js';
import type { AssistIndex } from './domain/assist/assist-index.js';
import type { EventBus } from './events/bus.js';
import type { Engine } from './store/engine.js';
import type { Store } from './store/database.js';
import type { Database } from './store/tables.js';
import type { WalletBackend } from './wallets/backend.js';

export interface ServerSettings {
  tokenTtlMs: number;
  /** Failed logins per email address, and per client address. */
  loginLimitPerEmail: RateLimit;
  loginLimitPerIp: RateLimit;
  /** How often the sweeper wakes snoozed conversations, announces SLA breaches and expires presence. */
  sweepIntervalMs: number;
  /** How long a presence heartbeat (viewing, typing) lasts unless renewed. */
  presenceTtlMs: number;
  /** Comment lines on idle event streams, so proxies and clients know the stream is alive. */
  eventsKeepAliveMs: number;
  /** The event bus reads the events table at least this often (rows other processes commit). */
  eventsPollMs: number;
  /** On shutdown, requests in flight get this long to finish before their connections are cut. */
  drainTimeoutMs: number;
  /** How long the desk has to answer a complaint (and a second review), from when it is opened (asked for). */
  complaintReplyWindowMs: number;
  /** An agent's reply to an unassigned conversation assigns it to them (off: it stays in the queue). */
  assignOnReply: boolean;
  /** Lookups (GET /v1/search) per agent: a limit on enumerating customers by phone or email. */
  lookupLimit: RateLimit;
  /**
   * New conversations get the category and priority their first words point to (assist), noted in the
   * thread. This and the three below are the defaults of the desk settings (domain/desk-settings.ts):
   * a value an admin set wins over them.
   */
  autoTriage: boolean;
  /**
   * A new conversation whose top suggestion is a macro scoring at least autoAnswerThreshold (0–1), of
   * a category in autoAnswerCategories, gets that macro's answer at once and waits as pending.
   */
  autoAnswer: boolean;
  autoAnswerThreshold: number;
  autoAnswerCategories: readonly Category[];
  /** ISO 3166 region national phone numbers are read in (0812… is Indonesian on an Indonesian desk). */
  defaultRegion: string;
  /** How long a satisfaction survey can be answered after the resolution that sent it. */
  surveyValidMs: number;
  /** Conversations picked at random per agent per week for quality review (POST /v1/reviews/sample). */
  reviewSamplePerAgent: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  tokenTtlMs: 12 * 60 * 60 * 1000,
  loginLimitPerEmail: { max: 5, windowMs: 15 * 60 * 1000 },
  loginLimitPerIp: { max: 30, windowMs: 15 * 60 * 1000 },
  sweepIntervalMs: 1000,
  presenceTtlMs: 30_000,
  eventsKeepAliveMs: 15_000,
  eventsPollMs: 2000,
  drainTimeoutMs: 10_000,
  // 7 calendar days: five working days in any week, with no holiday calendar or time zone to get wrong.
  complaintReplyWindowMs: 7 * 24 * 60 * 60 * 1000,
  assignOnReply: true,
  autoTriage: false,
  autoAnswer: false,
  autoAnswerThreshold: 0.6,
  // Questions with one answer for everybody; a hacked account, a complaint or "other" always needs a person.
  autoAnswerCategories: ['refund', 'transfer_delay', 'international', 'payment_failed'],
  lookupLimit: { max: 120, windowMs: 60 * 1000 },
  // The demo desk's main market: most of its customers have +62 numbers and IDR wallets.
  defaultRegion: 'ID',
  surveyValidMs: 7 * 24 * 60 * 60 * 1000,
  reviewSamplePerAgent: 2,
};

/** What every route handler reaches through `app.ctx`: the database, the clock, the settings. */
export interface ServerContext {
  store: Store;
  db: Kysely<Database>;
  engine: Engine;
  now: () => number;
  settings: ServerSettings;
  /** Live events of this process: domain changes notify it after commit, streams subscribe to it. */
  bus: EventBus;
  /** Every wallet operation (balances, freezes, postings, refunds): the local ledger, or a company's own. */
  wallets: WalletBackend;
  /** What the desk knows (macros, settled replies), indexed for suggestions and kept in step by the bus. */
  assist: AssistIndex;
  /** Set when shutdown began: /ready answers 503, responses close their connections. */
  draining: boolean;
}

export interface AuthenticatedAgent {
  id: string;
  email: string;
  name: string;
  role: Role;
  availability: string;
  teams: string[];
  tokenHash: string;
  tokenExpiresAt: number;
}

/** Who may call a route: nobody needs a token for 'public'; otherwise the roles listed. */
export type Access = 'public' | readonly Role[];

/**
 * How a route's refused calls are written to the audit log (outcome `denied`): the action as the
 * domain names it when it succeeds (refund.approve, account.unfreeze…), and the target, whose id is
 * the path parameter `targetParam` (without one, the route's path). Required on every route that
 * changes something and refuses some role, since the role check runs before the handler.
 */
export interface RouteAudit {
  action: string;
  targetType: string;
  targetParam?: string;
}

export const ANY_ROLE: readonly Role[] = ['agent', 'supervisor', 'admin'];
export const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];

declare module 'fastify' {
  interface FastifyInstance {
    ctx: ServerContext;
  }
  interface FastifyRequest {
    agent: AuthenticatedAgent | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    audit?: RouteAudit;
  }
}
