import { ERROR_CODES, type ServerErrorCode } from '../../api/errors.js';
import type { Problem } from '../../api/types.js';

// In the store, the lowest layer of the server, so that its own refusals (a forged cursor, a stored value
// out of range, a day out of complaint numbers) are the same error as the domain's and every layer may throw it.
/**
 * The one error a handler throws to answer with a problem+json. Anything else thrown is a bug and
 * becomes a 500 with no detail leaked.
 */
export class ProblemError extends Error {
  readonly code: ServerErrorCode | (string & {});
  readonly status: number;
  readonly errors: Problem['errors'];
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;

  constructor(
    code: ServerErrorCode | (string & {}),
    detail: string,
    options: {
      status?: number;
      errors?: Problem['errors'];
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.code = code;
    this.status = options.status ?? (ERROR_CODES as Record<string, { status: number }>)[code]?.status ?? 400;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

export const notFound = (what: string) => new ProblemError('not_found', `${what} does not exist`);
export const conflict = (code: string, detail: string) => new ProblemError(code, detail, { status: 409 });
export const unprocessable = (code: string, detail: string) => new ProblemError(code, detail, { status: 422 });
