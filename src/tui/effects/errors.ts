import { isApiError } from '../../client/errors.js';

/** No answer at all, or a server that is down: worth waiting out. */
export function isUnreachable(error: unknown): boolean {
  return isApiError(error) && (error.isNetwork || error.status === 502 || error.status === 503 || error.status === 504);
}

export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Unreachable is not lost: the agent should know that replies are kept, not only what to check.
  return isUnreachable(error) ? `${text}. Replies you send meanwhile wait in the outbox and go out when it answers` : text;
}
