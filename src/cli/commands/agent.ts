import type { Command } from 'commander';
import { AVAILABILITIES, CATEGORIES, CHANNELS, ROLES, type Availability, type Role } from '../../api/enums.js';
import type { AgentProfile } from '../../api/types.js';
import type { SupportClient } from '../../client/support-client.js';
import { CliError, usageError } from '../output/cli-error.js';
import { completedAs, completes } from '../completion/hints.js';
import { oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

const TEAM = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** "chat,email" or "all" into a checked list of one vocabulary. */
function listOf<T extends string>(what: string, values: readonly T[]) {
  return completes({ values: [...values, 'all'], list: true }, (value: string): T[] => {
    if (value.trim() === 'all') return [...values];
    const items = value.split(',').map((v) => v.trim()).filter(Boolean);
    const bad = items.find((v) => !(values as readonly string[]).includes(v));
    if (bad !== undefined) throw usageError(`"${bad}" is not a ${what}: use ${values.join(', ')} or all, separated by commas`);
    return [...new Set(items)] as T[];
  });
}

function teamList(value: string): string[] {
  const teams = value.split(',').map((t) => t.trim()).filter(Boolean);
  const bad = teams.find((t) => !TEAM.test(t));
  if (bad !== undefined) throw usageError(`"${bad}" is not a team name: lowercase letters, digits, - or _ (at most 32)`);
  return [...new Set(teams)];
}

function capacity(value: string): number {
  if (value === '0') return 0;
  return positiveInt(200)(value);
}

async function clientFor(command: Command): Promise<SupportClient> {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

async function readPassword(fromStdin: boolean | undefined, required: boolean): Promise<string | undefined> {
  const { stdinIsTty } = await import('../output/terminal.js');
  let password: string | undefined;
  if (fromStdin) password = (await (await import('../read-stdin.js')).readStdin()).replace(/\r?\n$/, '');
  else if (required) {
    if (!stdinIsTty()) throw usageError('not a terminal: pass the new agent’s password on stdin with --password-stdin');
    const prompts = await import('@inquirer/prompts');
    password = await prompts.password({ message: 'Password for the new agent (8 characters or more)', mask: true });
  }
  if (password !== undefined && password.length < 8) throw usageError('the password must have 8 characters or more');
  return password;
}

/** An agent named by email or agt_ id. */
async function findAgent(client: SupportClient, who: string): Promise<AgentProfile> {
  if (/^agt_[0-9A-Za-z]{6,32}$/.test(who)) return client.agents.get(who);
  const agent = (await client.agents.listAll()).find((a) => a.email.toLowerCase() === who.trim().toLowerCase());
  if (!agent) throw new CliError(`no agent has the email ${who}; \`support agent list\` shows them`);
  return agent;
}

interface ProfileOptions {
  name?: string;
  role?: Role;
  channels?: (typeof CHANNELS)[number][];
  categories?: (typeof CATEGORIES)[number][];
  capacity?: number;
  teams?: string[];
  passwordStdin?: boolean;
  json?: boolean;
}

export function registerAgentCommands(program: Command): void {
  const agent = program.command('agent').description('The desk’s agents: list them; admins create and change them')
    .addHelpText('after', '\nExamples:\n  $ support agent list\n  $ support --profile admin agent update budi@example.com --capacity 12');

  agent
    .command('list')
    .description('Agents with availability, load (open conversations of capacity), channels, categories and teams')
    .addHelpText('after', '\nExamples:\n  $ support agent list\n  $ support agent list --jq \'.data[] | select(.availability == "online") | .email\'')
    .option('--json', 'print {data} as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const agents = await (await clientFor(command)).agents.listAll();
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson({ data: agents });
        return;
      }
      const { renderTable } = await import('../output/table.js');
      const all = (list: readonly string[], vocabulary: readonly string[]) => (list.length === vocabulary.length ? 'all' : list.join(',') || '—');
      process.stdout.write(
        renderTable<AgentProfile>(
          [
            { header: 'EMAIL', value: (a) => a.email, minWidth: Infinity },
            { header: 'NAME', value: (a) => a.name, maxWidth: 20 },
            { header: 'ROLE', value: (a) => a.role },
            { header: 'AVAILABILITY', value: (a) => a.availability },
            { header: 'LOAD', value: (a) => `${a.openConversations}/${a.capacity}`, align: 'right' },
            { header: 'CHANNELS', value: (a) => all(a.channels, CHANNELS) },
            { header: 'CATEGORIES', value: (a) => all(a.categories, CATEGORIES), flexible: true },
            { header: 'TEAMS', value: (a) => a.teams.join(',') || '—' },
          ],
          agents,
        ),
      );
    });

  agent
    .command('create')
    .description('Create an agent (admins); they start offline')
    .requiredOption('--email <email>', 'their login')
    .requiredOption('--name <name>', 'the name customers and colleagues see')
    .requiredOption('--role <role>', ROLES.join(' | '), oneOf(ROLES))
    .option('--password-stdin', 'read their password from stdin (otherwise asked on a terminal)')
    .option('--channels <list>', `${CHANNELS.join(',')} or all (default all)`, listOf('channel', CHANNELS))
    .option('--categories <list>', 'categories they take, or all (default all)', listOf('category', CATEGORIES))
    .option('--capacity <n>', 'open conversations they may hold at once (default 5)', capacity)
    .option('--teams <list>', 'comma-separated team names', teamList)
    .option('--json', 'print {agent} as JSON')
    .addHelpText('after', '\nExamples:\n  $ printf %s "$PW" | support agent create --email rina@example.com --name "Rina Putri" --role agent --password-stdin --channels chat,email --teams payments')
    .action(async (options: ProfileOptions & { email: string; name: string; role: Role }, command: Command) => {
      const password = (await readPassword(options.passwordStdin, true))!;
      const created = await (await clientFor(command)).agents.create({
        email: options.email,
        name: options.name,
        role: options.role,
        password,
        ...(options.channels ? { channels: options.channels } : {}),
        ...(options.categories ? { categories: options.categories } : {}),
        ...(options.capacity !== undefined ? { capacity: options.capacity } : {}),
        ...(options.teams ? { teams: options.teams } : {}),
      });
      const { printJson, note } = await import('../output/terminal.js');
      const { sanitize } = await import('../../api/text/sanitize.js');
      if (options.json) printJson({ agent: created });
      else note(`✓ Created ${sanitize(created.email, { multiline: false })} (${created.role}, ${created.id}); they start offline`);
    });

  agent
    .command('update')
    .description('Change an agent (admins): role, routing, capacity, teams, availability, password')
    .argument('<agent>', 'email or agt_ id', completedAs({ live: 'agent' }))
    .option('--name <name>', 'new name')
    .option('--role <role>', ROLES.join(' | '), oneOf(ROLES))
    .option('--availability <state>', AVAILABILITIES.join(' | '), oneOf(AVAILABILITIES))
    .option('--channels <list>', `${CHANNELS.join(',')} or all`, listOf('channel', CHANNELS))
    .option('--categories <list>', 'categories they take, or all', listOf('category', CATEGORIES))
    .option('--capacity <n>', 'open conversations they may hold at once (0 stops claiming)', capacity)
    .option('--teams <list>', 'comma-separated team names ("" for none)', (v: string) => (v.trim() ? teamList(v) : []))
    .option('--password-stdin', 'set a new password read from stdin (logs them out everywhere)')
    .option('--json', 'print {agent} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support agent update budi@example.com --capacity 12 --teams general,payments\n  $ support agent update mei@example.com --categories account_security,login')
    .action(async (who: string, options: ProfileOptions & { availability?: Availability }, command: Command) => {
      const password = await readPassword(options.passwordStdin, false);
      const changes = {
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.role ? { role: options.role } : {}),
        ...(options.availability ? { availability: options.availability } : {}),
        ...(options.channels ? { channels: options.channels } : {}),
        ...(options.categories ? { categories: options.categories } : {}),
        ...(options.capacity !== undefined ? { capacity: options.capacity } : {}),
        ...(options.teams ? { teams: options.teams } : {}),
        ...(password !== undefined ? { password } : {}),
      };
      if (Object.keys(changes).length === 0) throw usageError('say what to change: --role, --channels, --categories, --capacity, --teams, --availability, --name or --password-stdin');
      const client = await clientFor(command);
      const target = await findAgent(client, who);
      const updated = await client.agents.update(target.id, changes);
      const { printJson, note } = await import('../output/terminal.js');
      const { sanitize } = await import('../../api/text/sanitize.js');
      if (options.json) printJson({ agent: updated });
      else note(`✓ Updated ${sanitize(updated.email, { multiline: false })}: ${Object.keys(changes).join(', ')}`);
    });
}
