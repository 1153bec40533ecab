import { color as chalk } from '../output/color.js';
import { LANGUAGES } from '../../api/enums.js';
import { sanitize } from '../../api/text/sanitize.js';
import type { Macro, RenderedMacro } from '../../api/types.js';
import { renderTable } from '../output/table.js';
import { printMoreHint } from '../output/more-hint.js';
import { note, print, stdoutIsTty } from '../output/terminal.js';

const line = (text: string) => sanitize(text, { multiline: false });

export function printMacroTable(rows: Macro[], nextCursor: string | null): void {
  if (rows.length === 0) {
    note('no macros match');
    return;
  }
  const table = renderTable<Macro>(
    [
      { header: 'SHORTCUT', value: (m) => m.shortcut, minWidth: Infinity },
      { header: 'NAME', value: (m) => m.name, flexible: true },
      { header: 'CATEGORY', value: (m) => m.category ?? '—' },
      { header: 'LANGUAGES', value: (m) => m.languages.join(',') },
      { header: 'VARIABLES', value: (m) => m.variables.join(',') || '—', maxWidth: 48 },
    ],
    rows,
  );
  process.stdout.write(stdoutIsTty() ? table.replace(/^[^\n]*/, (h) => chalk.bold(h)) : table);
  printMoreHint(nextCursor);
}

export function printMacro(macro: Macro): void {
  const out = [
    chalk.bold(line(`/${macro.shortcut}  ${macro.name}`)),
    line(`${macro.id} · ${macro.category ?? 'any category'} · ${macro.languages.join(', ')} · variables: ${macro.variables.map((v) => `{{${v}}}`).join(' ') || 'none'}`),
  ];
  for (const language of LANGUAGES) {
    const body = macro.bodies[language];
    if (body === undefined) continue;
    out.push('', chalk.dim(`[${language}]`), sanitize(body));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The filled text alone on stdout, so that it pipes into `support conversation reply -m -`. */
export function printRendered(rendered: RenderedMacro): void {
  if (rendered.notice) note(`note: ${rendered.notice}`);
  print(rendered.text);
}
