import type { Suggestions } from '../../api/types.js';
import { color as chalk } from '../output/color.js';
import { renderTable } from '../output/table.js';
import { note, stdoutIsTty } from '../output/terminal.js';

const LANGUAGE_NAMES = { en: 'English', zh: 'Chinese', id: 'Indonesian' } as const;
const percent = (score: number) => `${Math.round(score * 100)} %`;

/** Triage on one line, then the suggestions as a table; the table shows previews sanitised, as every cell. */
export function printSuggestions(answer: Suggestions): void {
  const tty = stdoutIsTty();
  const language = `${LANGUAGE_NAMES[answer.language]}${answer.languageDetected ? ' (detected)' : ''}`;
  const triage = `category ${answer.category.category} (${percent(answer.category.score)}) · priority ${answer.priority.priority} (${percent(answer.priority.score)}) · ${language}`;
  process.stdout.write(`${tty ? chalk.bold(triage) : triage}\n`);
  if (answer.suggestions.length === 0) {
    note('No macro or past reply matches; try other words, or `support macro list`.');
    return;
  }
  const table = renderTable(
    [
      { header: 'SCORE', value: (s) => s.score.toFixed(2), align: 'right' },
      { header: 'KIND', value: (s) => s.kind },
      { header: 'MACRO / REPLY', value: (s) => (s.kind === 'macro' ? (s.shortcut ?? s.id) : `#${s.conversationId} (${s.id})`), maxWidth: 24 },
      { header: 'CATEGORY', value: (s) => s.category ?? '—', drop: 1 },
      { header: 'PREVIEW', value: (s) => s.preview, flexible: true },
    ],
    answer.suggestions,
  );
  process.stdout.write(`${tty ? table.replace(/^[^\n]*/, (h) => chalk.dim(h)) : table}\n`);
}
