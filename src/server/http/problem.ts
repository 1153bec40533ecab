import { ERROR_CODES, problemType, type ServerErrorCode } from '../../api/errors.js';
import type { Problem } from '../../api/types.js';

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

export function problemBody(
  code: string,
  status: number,
  detail: string,
  requestId: string,
  /** The path asked for; unknown when the HTTP itself could not be parsed. */
  instance: string | undefined,
  extra: Partial<Problem> & Record<string, unknown> = {},
): Problem {
  const title = (ERROR_CODES as Record<string, { title: string }>)[code]?.title ?? detail;
  return { type: problemType(code), title, status, code, detail, ...(instance === undefined ? {} : { instance }), requestId, ...extra };
}

export const notFound = (what: string) => new ProblemError('not_found', `${what} does not exist`);
export const conflict = (code: string, detail: string) => new ProblemError(code, detail, { status: 409 });
export const unprocessable = (code: string, detail: string) => new ProblemError(code, detail, { status: 422 });
