import { describe, expect, it } from 'vitest';
import { scrollTop } from '../../../src/tui/view/scroll-window.js';

describe('the scroll window of a list (the queue)', () => {
  it('stays where it is while the selection moves inside it', () => {
    for (const selected of [10, 12, 14]) expect(scrollTop(10, selected, 5, 100)).toBe(10);
  });

  it('moves just far enough when the selection leaves it: down to the last row, up to the first', () => {
    expect(scrollTop(10, 15, 5, 100)).toBe(11);
    expect(scrollTop(10, 40, 5, 100)).toBe(36);
    expect(scrollTop(10, 9, 5, 100)).toBe(9);
    expect(scrollTop(10, 0, 5, 100)).toBe(0);
  });

  it('never runs past the end: a list that shrinks or a room that grows pulls it back', () => {
    expect(scrollTop(90, 92, 5, 94)).toBe(89);
    expect(scrollTop(10, 12, 20, 25)).toBe(5);
    expect(scrollTop(10, 2, 20, 8)).toBe(0);
    expect(scrollTop(3, 0, 5, 0)).toBe(0);
  });

  it('is settled after one step: rendering again with its answer changes nothing', () => {
    // The queue adjusts its state while rendering; an answer that moved again would re-render forever.
    for (const [previous, selected, visible, total] of [[0, 50, 5, 100], [40, 3, 5, 100], [90, 92, 5, 94], [7, -1, 5, 0], [0, 12, 5, 10]] as const) {
      const top = scrollTop(previous, selected, visible, total);
      expect(scrollTop(top, selected, visible, total)).toBe(top);
    }
  });
});
