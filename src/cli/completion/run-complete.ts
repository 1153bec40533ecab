import { buildProgram } from '../program.js';
import { complete } from './complete.js';
import { liveValues } from './live-values.js';

/**
 * `support __complete [--new-word] -- WORDS…`, what the shell scripts call on Tab: the candidates for
 * the last word, one per line as "value<TAB>description". Every command file is loaded (completion
 * needs all definitions); normal commands never come through here. Never fails: no candidates instead.
 */
export async function runComplete(args: readonly string[], version: string): Promise<number> {
  const dashes = args.indexOf('--');
  const flags = dashes === -1 ? [] : args.slice(0, dashes);
  const words = [...(dashes === -1 ? args : args.slice(dashes + 1))];
  if (flags.includes('--new-word') || words.length === 0) words.push('');
  const profileAt = words.slice(0, -1).findIndex((w) => w === '--profile');
  const profile = profileAt === -1 ? words.find((w) => w.startsWith('--profile='))?.slice('--profile='.length) : words[profileAt + 1];
  try {
    const program = await buildProgram(version, 'all');
    const candidates = await complete(program, words, liveValues(profile));
    const clean = (text: string) => text.replace(/[\t\n\r]/g, ' ');
    process.stdout.write(candidates.map((c) => (c.description ? `${clean(c.value)}\t${clean(c.description)}` : clean(c.value))).join('\n') + (candidates.length ? '\n' : ''));
  } catch {
    // A Tab press that goes wrong offers nothing rather than printing into the command line.
  }
  return 0;
}
