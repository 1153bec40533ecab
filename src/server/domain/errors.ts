import type { AuditEntry } from '../store/audit.js';
import { ProblemError } from '../store/problem-error.js';

/** The errors a change answers with: every layer above the store imports them from here. */
export { conflict, notFound, ProblemError, unprocessable } from '../store/problem-error.js';

/** What a refused or failed attempt leaves in the audit log; request id and key are added when it is written. */
export type FailureAudit = Omit<AuditEntry, 'requestId' | 'idempotencyKey' | 'outcome'> & { outcome: 'denied' | 'failed' };

/**
 * A refusal worth recording: the business transaction rolls back, and the audit entry is written
 * afterwards, in the same transaction that stores the error response for the idempotency key
 * (src/server/http/idempotency.ts), so that a retry replays the refusal and the log holds it once.
 */
export class AuditedProblem extends ProblemError {
  readonly audit: FailureAudit;
  constructor(code: string, detail: string, audit: FailureAudit, options: ConstructorParameters<typeof ProblemError>[2] = {}) {
    super(code, detail, options);
    this.name = 'AuditedProblem';
    this.audit = audit;
  }
}

/**
 * A failure that says nothing about the request itself (another attempt holds the key, the database
 * gave up on a lock): its response is not stored, so the same key may be retried.
 */
export class RetryableProblem extends ProblemError {
  constructor(code: string, detail: string, options: ConstructorParameters<typeof ProblemError>[2] = {}) {
    super(code, detail, options);
    this.name = 'RetryableProblem';
  }
}

/**
 * A refusal from a layer that does not audit (the wallet backend: a closed wallet, another currency),
 * made into an audited one; anything else (not found, a failure, an audited refusal) is returned as is.
 */
export function asAuditedRefusal(error: unknown, audit: Omit<FailureAudit, 'after' | 'outcome'>): unknown {
  if (!(error instanceof ProblemError) || error instanceof AuditedProblem || error instanceof RetryableProblem) return error;
  if (error.status === 404 || error.status >= 500) return error;
  return new AuditedProblem(error.code, error.message, { ...audit, after: { refused: error.code }, outcome: 'denied' }, {
    status: error.status,
    errors: error.errors,
    headers: error.headers,
    extra: error.extra,
  });
}
