import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/api/text/width.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { MoneyFixtures } from '../helpers/money.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';

/** The words of a shell line as sh would split them (plain words and '…' quoting, which is all the hint uses). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll(`'\\''`, "'") : m[2]!));
}

/** What `support …` printed on a terminal, between the command line and the end marker. */
function outputLines(screen: string, marker: string): string[] {
  const lines = screen.split('\n');
  const end = lines.findIndex((l) => l.startsWith(marker));
  return lines.slice(0, end).filter((l) => l.trim() !== '');
}

/** Tables and paging hints as a person sees them on a real terminal (tmux). */
describe.skipIf(!HAS_TMUX)('support lists on a terminal (tmux)', () => {
  let server: TestServer;
  let admin: SupportClient;
  let home: string;
  let env: Record<string, string>;
  let term: Terminal;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    admin = await server.login('admin@example.com');
    ({ home, env } = await cliHome('support-e2e-tables-', server.url, { default: 'admin@example.com' }));
  });
  afterEach(() => term?.kill());
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('the more: hint repeats the filters and --limit: it lists the next rows of the same query', async () => {
    const filters = ['--status', 'open,pending', '--priority', 'high', '--limit', '3'];
    term = new Terminal();
    term.start(`${Terminal.support(`queue ${filters.join(' ')}`)}; echo "QUEUE-EXITED-$?"`, { env, cols: 200 });
    const screen = await term.waitForText('QUEUE-EXITED-0');
    const hint = screen.split('\n').find((l) => l.startsWith('more: '));
    expect(hint, screen).toBeDefined();
    const [program, ...args] = shellWords(hint!.slice('more: '.length).trim());
    expect(program).toBe('support');
    expect(args).toEqual(['queue', ...filters, '--cursor', expect.stringMatching(/^\S+$/)]);

    const next = await runCli([...args, '--json'], { env });
    const all = await runCli(['queue', '--status', 'open,pending', '--priority', 'high', '--limit', '6', '--json'], { env });
    const ids = (stdout: string) => (JSON.parse(stdout) as { data: { id: number; priority: string }[] }).data.map((c) => c.id);
    expect(ids(all.stdout)).toHaveLength(6);
    expect(ids(next.stdout)).toEqual(ids(all.stdout).slice(3, 6));
  });

  it('audit at 80 columns: every row on one line, the long reason cut with …, ids whole', async () => {
    const fx = new MoneyFixtures(server, admin);
    const { id } = await fx.account('CNY');
    const note = `客户来电说手机被偷了，要求立即冻结钱包并检查最近三天所有的转账记录 ${'and every transfer since Friday '.repeat(3)}`;
    await admin.accounts.freeze(id, { reason: 'suspected_takeover', note });
    term = new Terminal();
    term.start(`${Terminal.support(`audit --target account:${id}`)}; echo "AUDIT-EXITED-$?"`, { env, cols: 80, rows: 30 });
    const screen = await term.waitForText('AUDIT-EXITED-0');
    const lines = outputLines(screen, 'AUDIT-EXITED-');
    // Too narrow for all six: the actor's column is the one decided to go (README: support audit).
    expect(lines[0]).toMatch(/^WHEN +ACTION +TARGET +OUTCOME +REASON$/);
    const rows = lines.slice(1);
    expect(rows.length).toBeGreaterThan(0);
    // A wrapped reason would start a line of its own; every line here is a whole row.
    for (const row of rows) {
      expect(row).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}/);
      expect(displayWidth(row)).toBeLessThanOrEqual(80);
    }
    const freeze = rows.find((r) => r.includes('account.freeze'))!;
    expect(freeze).toContain(`account:${id}`);
    expect(freeze).toContain('succeeded');
    expect(freeze).toMatch(/ suspected…$/);

    term.kill();
    term = new Terminal();
    term.start(`${Terminal.support(`audit --target account:${id}`)}; echo "AUDIT-EXITED-$?"`, { env, cols: 120, rows: 30 });
    const wide = outputLines(await term.waitForText('AUDIT-EXITED-0'), 'AUDIT-EXITED-');
    expect(wide[0]).toMatch(/^WHEN +ACTOR +ACTION +TARGET +OUTCOME +REASON$/);
    const wideFreeze = wide.find((r) => r.includes('account.freeze'))!;
    expect(wideFreeze).toMatch(/Sam Admin \(admin\) +account\.freeze/);
    expect(wideFreeze).toMatch(/suspected_takeover: 客户来电.*…$/);
    expect(displayWidth(wideFreeze)).toBeLessThanOrEqual(120);
  });
});
