import type { ChoiceOption, Step } from './types.js';

type ChoiceStep = Extract<Step, { kind: 'choice' }>;

/**
 * The options a choice step shows for what is typed: every word must appear (case-insensitively) in
 * the label, amount, detail or keywords, so "12.50 kopi" finds the 12.50 payment to Kopi Kenangan. Substrings
 * rather than fuzzy letters, because digits typed for an amount would match almost any amount fuzzily.
 * The order stays the step's (newest first for payments).
 */
export function visibleOptions(step: ChoiceStep, query: string): ChoiceOption[] {
  if (!step.filter) return step.options;
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return step.options;
  return step.options.filter((o) => {
    const text = `${o.label} ${o.amount ?? ''} ${o.detail ?? ''} ${o.keywords ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
