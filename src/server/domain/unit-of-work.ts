import type { Kysely } from 'kysely';
import type { ServerContext } from '../context.js';
import { recordAudit, type AuditEntry } from '../store/audit.js';
import { appendEvent } from '../store/events.js';
import type { Database } from '../store/tables.js';
import type { Actor } from './actor.js';

/** What a route declares it changes (its `config.audit`, with the target id read from the request). */
export interface AuditSubject {
  action: string;
  targetType: string;
  targetId: string;
}

/** Who asks for a change and under which request: the route fills it from the request, jobs use SYSTEM_ACTOR. */
export interface WorkScope<A extends Actor = Actor> {
  actor: A;
  requestId: string | null;
  idempotencyKey: string | null;
  /** The route's declared audit subject: the default action and target of the success entry. */
  subject?: AuditSubject | undefined;
}

/**
 * A success entry as the domain knows it: what was before and after, and why. Action and target
 * default to the route's declared subject; actor, request id, idempotency key and outcome are the
 * unit of work's.
 */
export interface AuditChange {
  action?: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** A posting the ledger recorded as failed is a failed change, not a refused one. */
  outcome?: 'succeeded' | 'failed';
}

export interface LiveEvent {
  type: string;
  conversationId: number | null;
  payload: unknown;
}

/**
 * One change, in one database transaction: the domain writes through `trx`, records what it did with
 * `audit()` and announces it with `emit()`; the event bus is told once the transaction committed.
 */
export interface UnitOfWork<A extends Actor = Actor> extends WorkScope<A> {
  readonly trx: Kysely<Database>;
  readonly ctx: ServerContext;
  /** The time of the change: every row, audit entry and event of it carries the same instant. */
  readonly now: number;
  audit(change: AuditChange): Promise<void>;
  emit(event: LiveEvent): Promise<void>;
}

export interface WorkOptions<T> {
  /** Runs last inside the transaction with the work's result (an idempotent route stores its response there). */
  beforeCommit?: (trx: Kysely<Database>, result: T) => Promise<void>;
  /**
   * A failure after which the whole change is tried once more in a new transaction (a concurrent insert
   * of the same unique value: on PostgreSQL the first transaction cannot go on).
   */
  retryOnce?: (error: unknown) => boolean;
}

function auditEntry(scope: WorkScope, change: AuditChange): AuditEntry {
  const action = change.action ?? scope.subject?.action;
  const targetType = change.targetType ?? scope.subject?.targetType;
  const targetId = change.targetId ?? scope.subject?.targetId;
  if (action === undefined || targetType === undefined || targetId === undefined) {
    throw new Error(`an audit entry without a declared subject must name its action and target (${action ?? '?'} ${targetType ?? '?'} ${targetId ?? '?'})`);
  }
  return {
    actorId: scope.actor.id,
    actorRole: scope.actor.role,
    action,
    targetType,
    targetId,
    ...('before' in change ? { before: change.before } : {}),
    ...('after' in change ? { after: change.after } : {}),
    ...('reason' in change ? { reason: change.reason } : {}),
    requestId: scope.requestId,
    idempotencyKey: scope.idempotencyKey,
    outcome: change.outcome ?? 'succeeded',
  };
}

async function runOnce<T, A extends Actor>(ctx: ServerContext, scope: WorkScope<A>, work: (uow: UnitOfWork<A>) => Promise<T>, options: WorkOptions<T>): Promise<T> {
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const uow: UnitOfWork<A> = {
      ...scope,
      trx,
      ctx,
      now,
      audit: (change) => recordAudit(trx, now, auditEntry(scope, change)),
      emit: (event) => appendEvent(trx, ctx.engine, { ...event, at: now }),
    };
    const value = await work(uow);
    await options.beforeCommit?.(trx, value);
    return value;
  });
  // The change may have appended live events: streams get them now rather than at the next poll.
  ctx.bus.notify();
  return result;
}

/** The one write path of the server: runs `work` as one unit of work and tells the bus after commit. */
export async function runUnitOfWork<T, A extends Actor = Actor>(
  ctx: ServerContext,
  scope: WorkScope<A>,
  work: (uow: UnitOfWork<A>) => Promise<T>,
  options: WorkOptions<T> = {},
): Promise<T> {
  try {
    return await runOnce(ctx, scope, work, options);
  } catch (error) {
    if (!options.retryOnce?.(error)) throw error;
    return runOnce(ctx, scope, work, options);
  }
}
