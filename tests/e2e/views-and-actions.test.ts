import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';

/**
 * A view and a custom action from a real config file, in the built binary in a real terminal: the
 * view switches with a number key, and the action's shell command gets the terminal (the workspace
 * suspended) and gives it back (the workspace drawn again).
 */
describe.skipIf(!HAS_TMUX)('views and custom actions from the config file (tmux, 100x30)', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let term: Terminal;
  const dir = mkdtempSync(join(tmpdir(), 'support-e2e-actions-'));
  const out = join(dir, 'after-shell.txt');

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-e2e-config-', server.url, { default: 'agent@example.com' }));
    const path = join(env['SUPPORT_CONFIG_DIR']!, 'config.json');
    const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    config['views'] = [
      { name: 'Chat by priority', filters: { channel: 'chat' }, columns: ['priority', 'id', 'customer', 'subject'], sort: 'priority' },
      { name: 'oops', columns: ['id', 'mood'] },
    ];
    config['actions'] = [
      {
        key: 'O',
        context: 'queue',
        title: 'Look at it in a shell',
        shell: `printf 'IN-THE-SHELL conversation %s customer %s\\n' {{conversation.id}} {{customer.id}}; read answer; printf '%s' "$answer" > ${out}`,
      },
      { key: 'W', context: 'queue', title: 'Wait in a shell', shell: `printf 'WAITING-IN-THE-SHELL\\n'; sleep 60` },
    ];
    writeFileSync(path, JSON.stringify(config), { mode: 0o600 });
  });
  afterEach(() => term?.kill());
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the bad view at start, switches to a view with its number key, and back with 0', async () => {
    term = new Terminal();
    term.start(Terminal.support(), { env });
    const first = await term.waitForText('(1/');
    expect(first).toContain('views "oops": columns: "mood" is not a column');
    term.keys('1');
    const view = await term.waitFor((s) => s.includes('View: Chat by priority') && /^\s+PRI\s+ID CUSTOMER\s+SUBJECT/m.test(s));
    const rows = view.split('\n').filter((l) => /#\d+ /.test(l));
    expect(rows.length).toBeGreaterThan(3);
    // Most urgent first: the priorities down the screen never go back up.
    const order = ['urgent', 'high', 'normal', 'low'];
    const ranks = rows.map((l) => order.findIndex((p) => l.includes(` ${p} `)));
    expect(ranks.every((r, i) => r >= 0 && (i === 0 || r >= ranks[i - 1]!))).toBe(true);
    term.keys('0');
    await term.waitFor((s) => s.includes('View: default queue') && s.includes('DUE'));
  });

  // The command reads a line typed in the terminal: the workspace must not read it first (it did, now
  // and then, while its event loop ran during the command; src/tui/effects/custom-actions.ts).
  it('runs a shell action with the workspace suspended, then draws it again', async () => {
    const chosen = (await (await server.login()).queue.list({ status: 'open,pending', limit: 1 })).data[0]!;
    term = new Terminal();
    term.start(Terminal.support(), { env });
    await term.waitForText('(1/');
    term.keys('O');
    const shell = await term.waitForText('IN-THE-SHELL');
    expect(shell).toContain(`IN-THE-SHELL conversation ${chosen.id} customer ${chosen.customer.id}`);
    // The workspace let go of the terminal: its screen is gone while the command runs.
    expect(shell).not.toContain('support · queue');
    term.type('typed in the shell');
    term.keys('Enter');
    const back = await term.waitFor((s) => s.includes('support · queue') && s.includes('(1/'));
    expect(back).not.toContain('IN-THE-SHELL');
    expect(readFileSync(out, 'utf8')).toBe('typed in the shell');
    // The keys are the workspace's again.
    term.keys('j');
    await term.waitForText('(2/');
    expect(existsSync(out)).toBe(true);
  });

  it('Ctrl+C in a shell action stops the command only: the workspace comes back and keeps working', async () => {
    term = new Terminal();
    term.start(Terminal.support(), { env });
    await term.waitForText('(1/');
    term.keys('W');
    await term.waitForText('WAITING-IN-THE-SHELL');
    term.keys('C-c');
    await term.waitFor((s) => s.includes('support · queue') && s.includes('(1/') && !s.includes('WAITING-IN-THE-SHELL')).catch((e: Error) => {
      throw new Error(`${e.message}\nprocesses in the pane: ${term.tmux('list-panes', '-F', '#{pane_current_command}').trim()}; ${execFileSync('ps', ['-o', 'pid,stat,args', '--ppid', String(term.pid())], { encoding: 'utf8' })}`);
    });
    term.keys('j');
    await term.waitForText('(2/');
  });
});
