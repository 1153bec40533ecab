import { Liquid } from 'liquidjs';
import { isCurrency } from '../../api/currencies.js';
import { displayMoney } from '../../api/money.js';
import { compactDuration } from '../../api/text/durations.js';
import { sanitize } from '../../api/text/sanitize.js';
import { displayWidth } from '../../api/text/width.js';
import { usageError } from './cli-error.js';
import { color } from './color.js';

// A table row is written as one marked line; runs of them are aligned once the template has rendered.
// The marks are control characters, which sanitised data can never contain.
const ROW = '\u0000';
const CELL = '\u0001';

const COLOURS = new Set(['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey', 'bold', 'dim', 'italic', 'underline', 'inverse']);

/** Every string of the answer (keys too) sanitised: templates print server text as it is otherwise. */
function sanitizeDeep(value: unknown): unknown {
  if (typeof value === 'string') return sanitize(value);
  if (Array.isArray(value)) return value.map(sanitizeDeep);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [sanitize(k), sanitizeDeep(v)]));
  return value;
}

const cellText = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

function alignRows(text: string): string {
  // A row written after other text on its line starts a line of its own.
  const lines = text.split('\n').flatMap((line) => {
    const at = line.indexOf(ROW);
    return at > 0 ? [line.slice(0, at), line.slice(at)] : [line];
  });
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]!.startsWith(ROW)) {
      out.push(lines[i++]!);
      continue;
    }
    const rows: string[][] = [];
    while (i < lines.length && lines[i]!.startsWith(ROW)) rows.push(lines[i++]!.slice(ROW.length).split(CELL));
    const widths: number[] = [];
    for (const row of rows) row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, displayWidth(cell))));
    for (const row of rows) out.push(row.map((cell, c) => (c === row.length - 1 ? cell : cell + ' '.repeat(widths[c]! - displayWidth(cell)))).join('  ').trimEnd());
  }
  return out.join('\n');
}

function engine(): Liquid {
  const liquid = new Liquid({ strictFilters: true, strictVariables: true, lenientIf: true, ownPropertyOnly: true });
  liquid.registerFilter('row', (first: unknown, ...rest: unknown[]) => `${ROW}${[first, ...rest].map((v) => cellText(v).replaceAll('\n', ' ')).join(CELL)}\n`);
  liquid.registerFilter('color', (value: unknown, name: unknown) => {
    const style = String(name);
    if (!COLOURS.has(style)) throw new Error(`color: "${style}" is not a colour; use one of ${[...COLOURS].join(', ')}`);
    return color[style as 'red'](cellText(value));
  });
  liquid.registerFilter('timeago', (value: unknown) => {
    const at = Date.parse(String(value));
    if (Number.isNaN(at)) return cellText(value);
    const ms = Date.now() - at;
    return ms >= 0 ? `${compactDuration(ms)} ago` : `in ${compactDuration(-ms)}`;
  });
  liquid.registerFilter('money', (value: unknown) => {
    const money = value as { amount?: unknown; currency?: unknown } | null;
    const currency = String(money?.currency);
    return typeof money?.amount === 'number' && isCurrency(currency) ? displayMoney({ amount: money.amount, currency }) : cellText(value);
  });
  return liquid;
}

/**
 * `--template TEXT`, in Liquid (Shopify's template language), parsed before any request is sent so
 * that a syntax error or an unknown filter is a usage error. The answer's top-level fields are the
 * template's variables (a list answer's items are `data`); helpers: `row` (aligned table rows),
 * `color`, `timeago`, `money`, and Liquid's own (`date`, `truncate`, `join`, `size`, `default`, …).
 */
export function compileTemplate(text: string): (value: unknown) => string {
  const liquid = engine();
  let parsed;
  try {
    parsed = liquid.parse(text);
  } catch (error) {
    throw usageError(`--template: ${(error as Error).message}`);
  }
  return (value) => {
    const safe = sanitizeDeep(value);
    const scope = typeof safe === 'object' && safe !== null && !Array.isArray(safe) ? safe : { value: safe };
    let rendered: string;
    try {
      rendered = String(liquid.renderSync(parsed, scope));
    } catch (error) {
      throw usageError(`--template: ${(error as Error).message}`);
    }
    const aligned = alignRows(rendered);
    return aligned.endsWith('\n') || aligned === '' ? aligned : `${aligned}\n`;
  };
}
