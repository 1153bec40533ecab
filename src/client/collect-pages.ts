import type { Page } from '../api/types.js';

/**
 * Follows a list's cursors until `limit` items are collected or the list ends (200 per request, the
 * API's largest page). `nextCursor` continues where this stopped, for a later call.
 */
export async function collectPages<T>(
  fetchPage: (page: { limit: number; cursor?: string }) => Promise<Page<T>>,
  options: { limit: number; cursor?: string | undefined },
): Promise<Page<T>> {
  const data: T[] = [];
  let cursor = options.cursor;
  let nextCursor: string | null;
  do {
    const page = await fetchPage({ limit: Math.min(200, options.limit - data.length), ...(cursor ? { cursor } : {}) });
    data.push(...page.data);
    nextCursor = page.nextCursor;
    cursor = nextCursor ?? undefined;
  } while (cursor && data.length < options.limit);
  return { data, nextCursor };
}
