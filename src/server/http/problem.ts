import { ERROR_CODES, problemType } from '../../api/errors.js';
import type { Problem } from '../../api/types.js';

/** The RFC 9457 body of a problem answer. */
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
