const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * "30m", "2h", "1h30m", "2d", "90s" to milliseconds; undefined when the text is not such a duration.
 * A bare number is refused: "5" could mean minutes or hours.
 */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^(\d+[smhdw])+$/.test(compact)) return undefined;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)([smhdw])/g)) total += Number(amount) * UNITS[unit!]!;
  return Number.isSafeInteger(total) && total > 0 ? total : undefined;
}

/**
 * A point in time typed by a person: a duration from now ("2h", "30m", "1d") or an ISO 8601 time
 * ("2026-11-24T09:00:00Z", "2026-11-24T09:00" in local time). Undefined when it is neither.
 */
export function parseWhen(text: string, now: number): number | undefined {
  const duration = parseDuration(text);
  if (duration !== undefined) return now + duration;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined;
  const at = Date.parse(text.trim().replace(' ', 'T'));
  return Number.isFinite(at) ? at : undefined;
}
