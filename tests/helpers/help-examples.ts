import type { Command } from 'commander';

// Commander keeps a command's action private; a group that runs something itself (`desk`, `desk
// settings`) is a command to run as much as a leaf is.
const runsItself = (command: Command) => (command as unknown as { _actionHandler: unknown })._actionHandler != null;

/** Every command under `root`, groups and leaves, with its words after `support`; `leaf`: it runs something. */
export function allCommands(root: Command, path: string[] = []): { path: string; command: Command; leaf: boolean }[] {
  return root.commands.flatMap((c) => {
    const here = [...path, c.name()];
    return [{ path: here.join(' '), command: c, leaf: c.commands.length === 0 || runsItself(c) }, ...allCommands(c, here)];
  });
}

/** A command's whole --help, with the text commands add after it (examples), as a person sees it. */
export function fullHelp(command: Command): string {
  let out = '';
  command.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  command.outputHelp();
  return out;
}

/**
 * The words of a shell line, as sh splits them: whitespace outside quotes separates, '…' and "…"
 * (with \" inside) may sit anywhere in a word (`--message en="Fixed by 12:00"`).
 */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (const [, double, single, plain] of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']+)|\s+/g)) {
    if (double === undefined && single === undefined && plain === undefined) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    word = (word ?? '') + (double !== undefined ? double.replace(/\\(.)/g, '$1') : (single ?? plain!));
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * The `support …` command lines of a help text's examples, as argument lists: the part after a pipe
 * into support (`printf %s "$PW" | support …`), up to a following pipe, `&&` or comment.
 */
export function exampleArgs(help: string): string[][] {
  return help
    // A long example goes on over lines ending in a backslash, as in a shell.
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => /^\s+\$ (?:.*\|\s*)?support (.*)$/.exec(line)?.[1])
    .filter((rest) => rest !== undefined)
    .map((rest) => shellWords(rest.split(/\s(?:\||&&|#)\s/)[0]!.replace(/\s+\(.*\)\s*$/, '')));
}

/** An example's command words (`refund create`), after the program's own options, the alias spelled out. */
export function exampleCommandPath(args: readonly string[]): string {
  const rest = [...args];
  while (rest[0] === '--profile' || rest[0] === '--read-only' || rest[0] === '--no-pager') rest.splice(0, rest[0] === '--profile' ? 2 : 1);
  if (rest[0] === 'conv') rest[0] = 'conversation';
  return rest.join(' ');
}
