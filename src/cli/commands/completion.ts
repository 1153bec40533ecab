import type { Command } from 'commander';
import { oneOf } from '../options.js';
import { COMPLETION_SCRIPTS, SHELLS, type Shell } from '../completion/scripts.js';

export function registerCompletionCommand(program: Command): void {
  program
    .command('completion')
    .description('Print the shell completion script: commands, flags, their values, and ids, macros and agents from the API')
    .argument('<shell>', SHELLS.join(' | '), oneOf(SHELLS))
    .addHelpText(
      'after',
      '\nCompletion asks `support` itself on each Tab: it follows the installed version, offers enum values\n(statuses, channels, priorities, reasons) and, from the API of the profile in use, conversation ids\nin the queue, macro shortcuts and agent emails (waiting at most 0.8 s, cached for a minute).\n\nExamples:\n  $ source <(support completion bash)                     # this shell; add it to ~/.bashrc to keep it\n  $ support completion zsh > "${fpath[1]}/_support"\n  $ support completion fish > ~/.config/fish/completions/support.fish\n  PS> support completion powershell | Out-String | Invoke-Expression',
    )
    .action((shell: Shell) => {
      process.stdout.write(COMPLETION_SCRIPTS[shell]);
    });
}
