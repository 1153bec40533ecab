import type { Refund } from './types.js';

/**
 * What the desk tells a customer about a refund's arrival (the seeded macro: "once it is approved, the
 * money arrives … within 3-5 business days"): the latest day, counted in business days (Monday to
 * Friday, UTC) from the day it succeeded.
 */
export const REFUND_ARRIVAL_BUSINESS_DAYS = 5;

/** The UTC day `days` business days after `from`; a Saturday or Sunday start counts from the Monday after. */
export function addBusinessDays(from: number, days: number): Date {
  const at = new Date(from);
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  let left = days;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return day;
}

/**
 * When a refund should have arrived by, as YYYY-MM-DD: a succeeded one from its decision (or its
 * request, when the requester's own limit let it through at once); none for one waiting or rejected.
 */
export function refundArrivesBy(refund: Pick<Refund, 'status' | 'createdAt' | 'decidedAt'>): string | undefined {
  if (refund.status !== 'succeeded') return undefined;
  return addBusinessDays(Date.parse(refund.decidedAt ?? refund.createdAt), REFUND_ARRIVAL_BUSINESS_DAYS).toISOString().slice(0, 10);
}
