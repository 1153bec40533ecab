import { describe, expect, it } from 'vitest';
import { PAUSED_TEXT_MIN_WIDTH, slaDueText, slaHoldText, slaPausedText } from '../../src/api/text/durations.js';

const sla = {
  firstResponseDueAt: '2026-03-16T02:00:00.000Z',
  nextResponseDueAt: null,
  resolutionDueAt: '2026-03-17T00:00:00.000Z',
  dueAt: '2026-03-17T00:00:00.000Z',
  breached: false,
  clock: 'resolution' as const,
  clockStartedAt: '2026-03-16T00:00:00.000Z',
};
const now = Date.parse('2026-03-16T05:00:00.000Z');

describe('the countdown of response clocks an incident holds (issue 17)', () => {
  it('shows the owed response frozen with the time it had left, in the queue cell and the lines', () => {
    const held = { sla: { ...sla, responseHold: { incidentId: 7, since: '2026-03-16T01:00:00.000Z', leftMs: 65 * 60_000 } } };
    expect(slaHoldText(held)).toBe('response paused (incident 7), 1h05m left');
    expect(slaPausedText(held, now)).toBe('response paused (incident 7), 1h05m left');
    // In a queue row with little room, the words stay and the incident goes.
    expect(slaPausedText(held, now, PAUSED_TEXT_MIN_WIDTH)).toBe('paused, 1h05m left');
    // The header says the hold instead of a countdown that is not running.
    expect(slaDueText(held, now)).toBe('response paused (incident 7), 1h05m left');
    const late = { sla: { ...sla, responseHold: { incidentId: 7, since: '2026-03-16T03:00:00.000Z', leftMs: -3 * 60_000 } } };
    expect(slaHoldText(late)).toBe('response paused (incident 7), 3m late');
    expect(slaPausedText(late, now, PAUSED_TEXT_MIN_WIDTH)).toBe('paused, 3m late');
  });

  it('shows nothing of the hold when no answer is owed, nor without a hold', () => {
    const answered = { sla: { ...sla, responseHold: { incidentId: 7, since: '2026-03-16T01:00:00.000Z', leftMs: null } } };
    expect([slaHoldText(answered), slaPausedText(answered, now), slaPausedText(answered, now, PAUSED_TEXT_MIN_WIDTH)]).toEqual([null, null, null]);
    expect([slaHoldText({ sla }), slaPausedText({ sla }, now), slaPausedText({ sla }, now, PAUSED_TEXT_MIN_WIDTH)]).toEqual([null, null, null]);
  });
});
