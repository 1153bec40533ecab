import { describe, expect, it } from 'vitest';
import { addBusinessDays, refundArrivesBy } from '../../src/api/refund-arrival.js';

describe('when a refund should arrive by (3-5 business days: the latest)', () => {
  it('counts Monday to Friday only', () => {
    // Friday 2026-12-04: five business days later is Friday 2026-12-11.
    expect(addBusinessDays(Date.parse('2026-12-04T15:00:00Z'), 5).toISOString().slice(0, 10)).toBe('2026-12-11');
    // Wednesday: Monday and Tuesday after the weekend.
    expect(addBusinessDays(Date.parse('2026-12-02T09:00:00Z'), 5).toISOString().slice(0, 10)).toBe('2026-12-09');
    // Saturday and Sunday count from the Monday after.
    expect(addBusinessDays(Date.parse('2026-12-05T09:00:00Z'), 5).toISOString().slice(0, 10)).toBe('2026-12-11');
    expect(addBusinessDays(Date.parse('2026-12-06T23:59:00Z'), 1).toISOString().slice(0, 10)).toBe('2026-12-07');
  });

  it('from the decision, or from the request when it went through at once; none while waiting or rejected', () => {
    expect(refundArrivesBy({ status: 'succeeded', createdAt: '2026-12-01T10:00:00Z', decidedAt: '2026-12-03T10:00:00Z' })).toBe('2026-12-10');
    expect(refundArrivesBy({ status: 'succeeded', createdAt: '2026-12-01T10:00:00Z', decidedAt: null })).toBe('2026-12-08');
    expect(refundArrivesBy({ status: 'pending_approval', createdAt: '2026-12-01T10:00:00Z', decidedAt: null })).toBeUndefined();
    expect(refundArrivesBy({ status: 'rejected', createdAt: '2026-12-01T10:00:00Z', decidedAt: '2026-12-02T10:00:00Z' })).toBeUndefined();
  });
});
