import { PRIORITIES, type Category, type Language, type Priority } from '../../../api/enums.js';
import { detectLanguage } from './language.js';
import { CATEGORY_PRIORITY, HIGH_WORDS, URGENT_WORDS } from './lexicon.js';
import type { Ranker, Ranking, Signals } from './ranking.js';

const round = (n: number) => Math.round(n * 1000) / 1000;

export interface Triage {
  category: { category: Category; score: number };
  priority: { priority: Priority; score: number };
  categories: { category: Category; score: number }[];
  priorities: { priority: Priority; score: number }[];
  language: Language;
}

/**
 * How urgent: each category's usual priority weighted by how likely the category is; words of money
 * taken against the customer's will (dibobol, 被盗, hacked) make it urgent, words of anger raise it.
 */
export function prioritiesOf(text: string, categories: readonly { category: Category; score: number }[]): { priority: Priority; score: number }[] {
  const weight = new Map<Priority, number>(PRIORITIES.map((p) => [p, 0]));
  for (const { category, score } of categories) weight.set(CATEGORY_PRIORITY[category], weight.get(CATEGORY_PRIORITY[category])! + score);
  if (URGENT_WORDS.test(text)) weight.set('urgent', weight.get('urgent')! + 1.5);
  if (HIGH_WORDS.test(text)) weight.set('high', weight.get('high')! + 0.6);
  const total = [...weight.values()].reduce((a, b) => a + b, 0) || 1;
  return [...weight].map(([priority, w]) => ({ priority, score: round(w / total) })).sort((a, b) => b.score - a.score || PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority));
}

/** Category, priority and language of a customer's words, from a ranking of them. */
export function triageOf(ranking: Pick<Ranking, 'categories'>, text: string, fallbackLanguage: Language, language?: Language): Triage {
  const priorities = prioritiesOf(text, ranking.categories);
  return {
    category: ranking.categories[0]!,
    priority: priorities[0]!,
    categories: ranking.categories,
    priorities,
    language: language ?? detectLanguage(text, fallbackLanguage),
  };
}

/** Triage alone, for a conversation as it arrives (the macros indexed so far are enough). */
export function triage(ranker: Ranker, text: string, fallbackLanguage: Language, signals: Signals = {}): Triage {
  return triageOf(ranker.rank(text, signals, 3), text, fallbackLanguage);
}
