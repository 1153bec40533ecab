import { describe, expect, it } from 'vitest';
import { CONVERSATION_STATUSES } from '../../src/api/enums.js';
import { slaState, slaSymbol } from '../../src/api/sla-state.js';
import { parseDuration, parseWhen } from '../../src/api/text/time-input.js';
import { actionsFrom, canApply, CONVERSATION_ACTIONS, statusAfter, TRANSITIONS } from '../../src/api/transitions.js';

const T0 = Date.parse('2026-11-23T08:00:00.000Z');
const MIN = 60_000;
const sla = (startedMin: number | null, dueMin: number | null) => ({
  clockStartedAt: startedMin === null ? null : new Date(T0 + startedMin * MIN).toISOString(),
  dueAt: dueMin === null ? null : new Date(T0 + dueMin * MIN).toISOString(),
});

describe('slaState: one function for server, CLI and TUI', () => {
  it('is none without a running clock', () => {
    expect(slaState(sla(null, null), T0)).toBe('none');
  });

  it('is breached at the exact due time, and after', () => {
    expect(slaState(sla(0, 10), T0 + 10 * MIN)).toBe('breached');
    expect(slaState(sla(0, 10), T0 + 10 * MIN - 1)).toBe('warning');
    expect(slaState(sla(0, 10), T0 + 3 * 60 * MIN)).toBe('breached');
  });

  it('warns within the last 20 % of the window, the boundary included', () => {
    // Window 10 min: warning from 8 min on (2 min left).
    expect(slaState(sla(0, 10), T0 + 8 * MIN - 1)).toBe('ok');
    expect(slaState(sla(0, 10), T0 + 8 * MIN)).toBe('warning');
    expect(slaState(sla(0, 10), T0)).toBe('ok');
  });

  it('is ok or breached when the start is unknown (no window to take 20 % of)', () => {
    expect(slaState(sla(null, 10), T0)).toBe('ok');
    expect(slaState(sla(null, 10), T0 + 10 * MIN)).toBe('breached');
  });

  it('has a symbol for every state, so colour is never the only signal', () => {
    expect([slaSymbol('breached'), slaSymbol('warning'), slaSymbol('ok'), slaSymbol('none')]).toEqual(['✗', '!', '◷', ' ']);
  });
});

describe('the transition table', () => {
  it('closed is final: nothing can be done to a closed conversation', () => {
    expect(actionsFrom('closed')).toEqual([]);
  });

  it('says where each action leads', () => {
    expect(statusAfter('snooze', 'open')).toBe('snoozed');
    expect(statusAfter('resolve', 'pending')).toBe('resolved');
    expect(statusAfter('customer_message', 'resolved')).toBe('open');
    expect(statusAfter('customer_message', 'snoozed')).toBe('open');
    expect(statusAfter('transfer', 'pending')).toBe('pending');
    expect(statusAfter('reopen', 'open')).toBeNull();
    expect(statusAfter('close', 'open')).toBeNull();
    expect(statusAfter('wake', 'open')).toBeNull();
  });

  it('covers every action and only known statuses', () => {
    for (const action of CONVERSATION_ACTIONS) {
      expect(TRANSITIONS[action].from.length).toBeGreaterThan(0);
      for (const status of TRANSITIONS[action].from) expect(CONVERSATION_STATUSES).toContain(status);
      for (const status of CONVERSATION_STATUSES) expect(canApply(action, status)).toBe(TRANSITIONS[action].from.includes(status));
    }
  });
});

describe('times typed by people', () => {
  it('reads durations', () => {
    expect(parseDuration('30m')).toBe(30 * MIN);
    expect(parseDuration('2h')).toBe(120 * MIN);
    expect(parseDuration('1h30m')).toBe(90 * MIN);
    expect(parseDuration(' 1d ')).toBe(24 * 60 * MIN);
    expect(parseDuration('45s')).toBe(45_000);
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', '5', 'h', '2x', '-1h', '1.5h', '0m', 'soon']) expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('reads a duration from now or an ISO time', () => {
    expect(parseWhen('2h', T0)).toBe(T0 + 120 * MIN);
    expect(parseWhen('2026-11-24T09:00:00Z', T0)).toBe(Date.parse('2026-11-24T09:00:00Z'));
    expect(parseWhen('2026-11-24T09:00', T0)).toBe(new Date(2026, 10, 24, 9, 0).getTime());
    expect(parseWhen('tomorrow', T0)).toBeUndefined();
    expect(parseWhen('2026-13-45T99:00', T0)).toBeUndefined();
  });
});
