import type { Command } from 'commander';
import { completedAs } from '../completion/hints.js';
import { usageError } from '../output/cli-error.js';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('Profiles and settings (tokens are never shown)')
    .addHelpText('after', '\nExamples:\n  $ support config list\n  $ support config use lead\n  $ support --profile prod config set read-only true');

  config
    .command('list')
    .description('List profiles: API URL and who is logged in')
    .addHelpText('after', '\nExamples:\n  $ support config list\n  $ support config list --json')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const { listProfiles, profileName } = await import('../config/profiles.js');
      const current = profileName();
      const profiles = Object.entries(listProfiles()).map(([name, p]) => ({
        name,
        current: name === current,
        apiUrl: p.apiUrl,
        email: p.email ?? null,
        role: p.role ?? null,
        loggedIn: Boolean(p.token),
        tokenExpiresAt: p.tokenExpiresAt ?? null,
      }));
      const { printJson, note } = await import('../output/terminal.js');
      if (options.json) return printJson(profiles);
      if (profiles.length === 0) return note('no profiles yet: run `support login`');
      const { renderTable } = await import('../output/table.js');
      process.stdout.write(
        renderTable(
          [
            { header: '', value: (p) => (p.current ? '*' : '') },
            { header: 'PROFILE', value: (p) => p.name },
            { header: 'API', value: (p) => p.apiUrl },
            { header: 'AGENT', value: (p) => (p.email ? `${p.email} (${p.role})` : '—') },
            { header: 'STATE', value: (p) => (p.loggedIn ? 'logged in' : 'logged out') },
          ],
          profiles,
        ),
      );
    });

  config
    .command('use')
    .description('Make a profile the current one')
    .argument('<profile>', 'a profile name (support config list)', completedAs({ live: 'profile' }))
    .addHelpText('after', '\nExamples:\n  $ support config use lead')
    .action(async (name: string) => {
      const { listProfiles, setCurrentProfile } = await import('../config/profiles.js');
      if (!listProfiles()[name]) throw usageError(`no profile "${name}": see \`support config list\``);
      await setCurrentProfile(name);
      (await import('../output/terminal.js')).note(`✓ Using profile ${name}`);
    });

  config
    .command('set')
    .description('Change a setting: theme (light or dark), or read-only (true or false, for a profile); keymap is edited in the file (support config path)')
    .addHelpText('after', '\nExamples:\n  $ support config set theme light\n  $ support --profile prod config set read-only true')
    .argument('<key>', 'theme or read-only')
    .argument('<value>', 'the new value')
    .action(async (key: string, value: string, _options: unknown, command: Command) => {
      if (key === 'read-only') {
        if (value !== 'true' && value !== 'false') throw usageError('read-only must be true or false');
        const { profileName, readProfile, writeProfile } = await import('../config/profiles.js');
        const name = profileName(command.optsWithGlobals<{ profile?: string }>().profile);
        const profile = readProfile(name);
        if (!profile) throw usageError(`no profile "${name}": see \`support config list\``);
        const { readOnly: _was, ...rest } = profile;
        await writeProfile(name, value === 'true' ? { ...rest, readOnly: true } : rest);
        (await import('../output/terminal.js')).note(`✓ profile ${name}: ${value === 'true' ? 'read-only: commands that change the desk are refused' : 'may change the desk'}`);
        return;
      }
      if (key !== 'theme') throw usageError(`"${key}" is not a setting you can set here; the settings are: theme, read-only (the keymap is edited in the file: support config path)`);
      if (value !== 'light' && value !== 'dark') throw usageError('theme must be light or dark');
      const { configStore } = await import('../config/profiles.js');
      (await configStore()).set('theme', value);
      (await import('../output/terminal.js')).note(`✓ theme ${value}`);
    });

  config
    .command('path')
    .description('Print where the config file is')
    .addHelpText('after', '\nExamples:\n  $ support config path\n  $ $EDITOR "$(support config path)"')
    .action(async () => {
      const { configStore } = await import('../config/profiles.js');
      process.stdout.write(`${(await configStore()).path}\n`);
    });
}
