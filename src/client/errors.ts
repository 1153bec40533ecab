import type { ErrorCode } from '../api/errors.js';
import type { Problem } from '../api/types.js';

/**
 * The one error every client call fails with. `code` is stable (the server's problem code, or a
 * client code such as connection_refused); `message` is one line a person can act on.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** HTTP status; 0 when no answer was received. */
  readonly status: number;
  readonly requestId: string | undefined;
  readonly problem: Problem | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { status?: number; requestId?: string | undefined; problem?: Problem | undefined; retryAfterSeconds?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status ?? 0;
    this.requestId = options.requestId;
    this.problem = options.problem;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Field errors of a validation problem, "field: message" each. */
  get fieldErrors(): string[] {
    return (this.problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`);
  }

  /** No answer at all (server down, network gone): what an outbox waits out. */
  get isNetwork(): boolean {
    return this.status === 0 && (this.code === 'connection_refused' || this.code === 'network_error' || this.code === 'timeout');
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
