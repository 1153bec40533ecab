import { NOUNS, type CommandFile } from './nouns.js';

const byName = new Map(NOUNS.flatMap((noun) => [[noun.name, noun.file] as const, ...(noun.alias ? [[noun.alias, noun.file] as const] : [])]));

/** The program's options that take no value: before the noun, they change nothing about which files it needs. */
const GLOBAL_FLAGS = new Set(['--read-only', '--no-pager']);

/**
 * Which command files a command line needs, read the way commander will read it: the invoked noun's
 * (also for `support help <noun>`); none for the listing (`support`, `--help`, `help`, an unknown
 * command, whose suggestions come from the noun table); every file when the line takes a shape this
 * does not follow, such as an option before the noun other than the program's own, so commander sees all.
 */
export function commandFilesFor(argv: readonly string[]): CommandFile[] | 'all' {
  let i = 0;
  while (argv[i] === '--profile' || argv[i]?.startsWith('--profile=') || GLOBAL_FLAGS.has(argv[i]!)) i += argv[i] === '--profile' ? 2 : 1;
  const rest = argv.slice(i);
  if (rest.length === 0) return [];
  const [first, second] = rest as [string, ...string[]];
  if (first === '--help' || first === '-h') return rest.length === 1 ? [] : 'all';
  if (first.startsWith('-')) return 'all';
  if (first === 'help') {
    if (second === undefined) return [];
    if (second.startsWith('-')) return 'all';
    const file = byName.get(second);
    return file ? [file] : [];
  }
  const file = byName.get(first);
  return file ? [file] : [];
}
