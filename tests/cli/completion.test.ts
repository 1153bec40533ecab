import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, CHANNELS, CONVERSATION_STATUSES, FREEZE_REASONS, PRIORITIES, REFUND_REASONS } from '../../src/api/enums.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { BIN, cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const exec = promisify(execFile);
const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

/**
 * Completion as a user gets it: the script `support completion bash` prints, sourced in a real bash,
 * its function called the way bash calls it on Tab (COMP_WORDS, COMP_CWORD), the built binary on PATH.
 */
describe('support completion', () => {
  let server: TestServer;
  let client: SupportClient;
  let home: string;
  let env: Record<string, string>;
  let script: string;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login();
    ({ home, env } = await cliHome('support-completion-', server.url, { default: 'agent@example.com', night: 'lead@example.com' }));
    const bin = join(home, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'support'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'support'), 0o755);
    env = { ...env, PATH: `${bin}:${process.env['PATH'] ?? ''}` };
    const printed = await runCli(['completion', 'bash'], { env });
    expect([printed.code, printed.stderr]).toEqual([0, '']);
    script = join(home, 'support.bash');
    writeFileSync(script, printed.stdout);
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  /** What bash offers for the last word of `line` (a trailing space starts a new, empty word). */
  async function tab(line: string, extraEnv: Record<string, string> = {}): Promise<string[]> {
    const words = line.split(' ');
    const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
    const program = [
      `source '${script}'`,
      // The script registered itself for the command named support.
      `complete -p support | grep -q -- '-F _support_complete' || exit 9`,
      `COMP_WORDS=(${quoted})`,
      `COMP_CWORD=${words.length - 1}`,
      `COMP_LINE='${line.replace(/'/g, `'\\''`)}'`,
      `COMP_POINT=\${#COMP_LINE}`,
      '_support_complete',
      `printf '%s\\n' "\${COMPREPLY[@]}"`,
    ].join('\n');
    const { stdout } = await exec('bash', ['--norc', '--noprofile', '-c', program], { env: { ...process.env, ...env, ...extraEnv } });
    return stdout.split('\n').filter(Boolean);
  }

  it('completes the commands and their subcommands from the command definitions', async () => {
    expect(await tab('support qu')).toEqual(['queue']);
    expect(await tab('support co')).toEqual(expect.arrayContaining(['conversation', 'conv', 'complaint', 'config', 'completion']));
    expect(await tab('support refund ')).toEqual(['create', 'approve', 'reject', 'list', 'show']);
    expect(await tab('support conv res')).toEqual(['resolve']);
  });

  it('completes flags, with the global ones, and only those that start with what was typed', async () => {
    const flags = await tab('support queue --');
    expect(flags).toEqual(expect.arrayContaining(['--status', '--channel', '--priority', '--mine', '--json', '--profile', '--help']));
    expect(await tab('support queue --pr')).toEqual(['--priority', '--profile']);
  });

  it('completes enum values from src/api’s lists: channels, priorities, statuses (a comma list), reasons', async () => {
    expect(await tab('support queue --channel ')).toEqual([...CHANNELS]);
    expect(await tab('support queue --priority ')).toEqual([...PRIORITIES]);
    expect(await tab('support queue --status ')).toEqual([...CONVERSATION_STATUSES]);
    expect(await tab('support queue --status open,')).toEqual(CONVERSATION_STATUSES.filter((s) => s !== 'open').map((s) => `open,${s}`));
    expect(await tab('support account freeze wal_x --reason ')).toEqual([...FREEZE_REASONS]);
    expect(await tab('support refund create txn_x --reason ')).toEqual([...REFUND_REASONS]);
    expect(await tab('support completion ')).toEqual(['bash', 'zsh', 'fish', 'powershell']);
  });

  it('completes the desk settings: on, off or default, and the categories as a comma list', async () => {
    expect(await tab('support desk settings ')).toEqual(['set']);
    expect(await tab('support desk settings set --auto-triage ')).toEqual(['on', 'off', 'default']);
    expect(await tab('support desk settings set --auto-answer o')).toEqual(['on', 'off']);
    expect(await tab('support desk settings set --auto-answer-categories ')).toEqual([...CATEGORIES]);
    expect(await tab('support desk settings set --auto-answer-categories refund,')).toEqual(CATEGORIES.filter((c) => c !== 'refund').map((c) => `refund,${c}`));
  });

  it('completes live values from the API: conversation ids in the queue, macro shortcuts, agent emails; profiles from the config', async () => {
    const queue = (await client.queue.list({ status: 'open,pending', limit: 200 })).data.map((c) => String(c.id));
    expect(queue.length).toBeGreaterThan(0);
    expect(await tab('support conv show ')).toEqual(queue);
    expect(await tab(`support conv resolve ${queue[0]!.slice(0, 1)}`)).toEqual(queue.filter((id) => id.startsWith(queue[0]!.slice(0, 1))));
    const shortcuts = (await client.macros.list({ limit: 200 })).data.map((m) => m.shortcut);
    expect(await tab('support macro show ')).toEqual(shortcuts);
    expect(await tab('support conv transfer 1 --to-agent lea')).toEqual(['lead@example.com']);
    expect(await tab('support --profile ')).toEqual(['default', 'night']);
    expect(await tab('support config use n')).toEqual(['night']);
    // Views come from the config file, the ones of the profile in use.
    const path = join(env['SUPPORT_CONFIG_DIR']!, 'config.json');
    const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...config, views: [{ name: 'urgent' }, { name: 'night-only', profiles: ['night'] }] }), { mode: 0o600 });
    expect(await tab('support queue --view ')).toEqual(['urgent']);
    expect(await tab('support --profile night queue --view ')).toEqual(['urgent', 'night-only']);
  });

  it('answers from the cache when the API is away, and offers nothing (not an error) with no cache', async () => {
    const shortcuts = await tab('support macro show ');
    expect(shortcuts.length).toBeGreaterThan(0);
    // The cached answer is used although the API is not reachable any more.
    expect(await tab('support macro show ', { SUPPORT_API_URL: 'http://127.0.0.1:9', SUPPORT_TOKEN: 'x' })).toEqual(shortcuts);
    expect(await tab('support macro show ', { SUPPORT_API_URL: 'http://127.0.0.1:9', SUPPORT_TOKEN: 'x', SUPPORT_DATA_DIR: join(home, 'empty') })).toEqual([]);
  });

  it('offers nothing for free text and never prints into the command line on bad input', async () => {
    expect(await tab('support conv reply 1 --message ')).toEqual([]);
    expect(await tab('support frobnicate --')).toEqual(['--profile', '--read-only', '--no-pager', '--help']);
    const raw = await runCli(['__complete', '--', 'queue', '--channel', 'x\u001b]52;c;'], { env });
    expect([raw.code, raw.stdout, raw.stderr]).toEqual([0, '', '']);
  });

  it.skipIf(!has('fish'))('completes in fish, with descriptions (fish’s own complete -C)', async () => {
    const printed = await runCli(['completion', 'fish'], { env });
    writeFileSync(join(home, 'support.fish'), printed.stdout);
    const ask = async (line: string) =>
      (await exec('fish', ['--no-config', '-c', `source ${join(home, 'support.fish')}; complete -C'${line}'`], { env: { ...process.env, ...env } })).stdout.split('\n').filter(Boolean);
    expect(await ask('support queue --pri')).toEqual(['--priority\turgent | high | normal | low']);
    expect(await ask('support queue --channel ')).toEqual([...CHANNELS]);
    const queue = (await client.queue.list({ status: 'open,pending', limit: 200 })).data;
    const shown = await ask('support conv show ');
    expect(shown.map((l) => l.split('\t')[0])).toEqual(expect.arrayContaining(queue.map((c) => String(c.id))));
    expect(shown[0]).toContain(`\t${queue.find((c) => String(c.id) === shown[0]!.split('\t')[0])!.customer.name}: `);
  });

  it.skipIf(!has('zsh'))('completes in zsh: the script registers with compdef and hands _describe value:description pairs', async () => {
    const printed = await runCli(['completion', 'zsh'], { env });
    writeFileSync(join(home, '_support'), printed.stdout);
    // zsh draws completions only in an interactive line editor: _describe, the drawing, prints what it is given instead.
    const ask = async (...words: string[]) => {
      const program = [
        `autoload -U compinit; compinit -u -d ${join(home, 'zcompdump')}`,
        `source ${join(home, '_support')}`,
        '[[ ${_comps[support]} == _support ]] || exit 9',
        '_describe() { local -a pairs; pairs=("${(@P)${@[-1]}}"); print -rl -- $pairs; }',
        `words=(support ${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length + 1}`,
        '_support',
      ].join('\n');
      return (await exec('zsh', ['-f', '-c', program], { env: { ...process.env, ...env } })).stdout.split('\n').filter(Boolean);
    };
    expect(await ask('queue', '--channel', '')).toEqual([...CHANNELS]);
    expect(await ask('queue', '--pri')).toEqual(['--priority:urgent | high | normal | low']);
    expect(await ask('refund', 'create', 'txn_x', '--reason', '')).toEqual([...REFUND_REASONS]);
  });

  it('refuses an unknown shell as a usage error', async () => {
    const result = await runCli(['completion', 'tcsh'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('must be one of: bash, zsh, fish, powershell');
    expect(result.stdout).toBe('');
  });
});
