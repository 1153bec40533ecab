import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib/paths.js';

export interface BudgetRow {
  what: string;
  figure: string;
  budget: string;
  /** undefined: measured, but the budget is not a pass/fail (a reference figure). */
  within: boolean | undefined;
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${process.platform}`;
}

export function renderTable(rows: BudgetRow[]): string {
  const mark = (r: BudgetRow) => (r.within === undefined ? '' : r.within ? 'within' : '**over**');
  return ['| what | measured | budget | |', '|---|---|---|---|', ...rows.map((r) => `| ${r.what} | ${r.figure} | ${r.budget} | ${mark(r)} |`)].join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Rewrites the README's benchmark section (between the markers) with this run's table. */
export function updateReadme(table: string, when: Date): void {
  const path = join(ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from === -1 || to === -1) return;
  const body = `${START}\nLast run ${when.toISOString().slice(0, 10)} on ${machine()}:\n\n${table}\n${END}`;
  writeFileSync(path, readme.slice(0, from) + body + readme.slice(to + END.length));
}
