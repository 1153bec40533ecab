import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pagerCommand } from '../../src/cli/output/pager.js';
import { cliHome } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';

const HAS_LESS = spawnSync('less', ['--version']).status === 0;

describe('choosing the pager', () => {
  it.each([
    [{}, true, false, ['less', '-FRX']],
    [{ PAGER: 'more' }, true, false, ['more']],
    [{ PAGER: 'more', SUPPORT_PAGER: 'less -R' }, true, false, ['less', '-R']],
    [{ SUPPORT_PAGER: '' }, true, false, undefined],
    [{ PAGER: 'cat' }, true, false, undefined],
    [{}, false, false, undefined],
    [{}, true, true, undefined],
  ] as const)('%j, stdout a terminal: %s, --no-pager: %s → %j', (env, stdoutIsTty, noPager, expected) => {
    expect(pagerCommand(env, { stdoutIsTty, noPager })).toEqual(expected);
  });
});

/** Long output on a real terminal (tmux) goes through the pager; piped output and --no-pager never do. */
describe.skipIf(!HAS_TMUX)('the pager on a terminal (tmux)', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let dir: string;
  let term: Terminal;
  let seen: string;
  let pager: string;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-e2e-pager-', server.url, { default: 'agent@example.com' }));
    dir = mkdtempSync(join(tmpdir(), 'support-pager-'));
    seen = join(dir, 'seen.txt');
    // A pager that keeps what it was given, so the test can read what went through it.
    const script = join(dir, 'pager.mjs');
    writeFileSync(script, "import { createWriteStream } from 'node:fs';\nprocess.stdin.pipe(createWriteStream(process.argv[2]));\n");
    pager = `${process.execPath} ${script} ${seen}`;
  });
  afterEach(() => {
    term?.kill();
    rmSync(seen, { force: true });
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('a list on a terminal goes through SUPPORT_PAGER; the more: hint comes after it, on stderr', async () => {
    term = new Terminal();
    term.start(`${Terminal.support('queue -L 5')}; echo "EXITED-$?"`, { env: { ...env, SUPPORT_PAGER: pager } });
    const screen = await term.waitForText('EXITED-0');
    const paged = readFileSync(seen, 'utf8');
    expect(paged.split('\n').filter((l) => /^\s*\d+ /.test(l))).toHaveLength(5);
    // What the pager got is not also printed beside it.
    expect(screen.split('\n').filter((l) => /^\s*\d+ /.test(l))).toHaveLength(0);
    expect(screen).toContain('more: support queue -L 5 --cursor');
  });

  it('piped, or with --no-pager, output goes straight out', async () => {
    for (const args of ['queue -L 5 | cat', '--no-pager queue -L 5']) {
      term = new Terminal();
      const line = args.startsWith('--') ? Terminal.support(args) : `${Terminal.support('queue -L 5')} | cat`;
      term.start(`${line}; echo "EXITED-$?"`, { env: { ...env, SUPPORT_PAGER: pager } });
      const screen = await term.waitForText('EXITED-0');
      expect(existsSync(seen), args).toBe(false);
      expect(screen.split('\n').filter((l) => /^\s*\d+ /.test(l)), args).toHaveLength(5);
      term.kill();
    }
  });

  it.skipIf(!HAS_LESS)('by default less -FRX: a page at a time, q quits with exit 0; short output prints and returns', async () => {
    term = new Terminal();
    term.start(`unset SUPPORT_PAGER PAGER LESS; ${Terminal.support('queue -L 60')}; echo "EXITED-$?"`, { env, rows: 20 });
    const paging = await term.waitFor((s) => /^:/m.test(s));
    expect(paging).not.toContain('EXITED');
    term.keys('q');
    await term.waitForText('EXITED-0');
    term.kill();
    term = new Terminal();
    term.start(`unset SUPPORT_PAGER PAGER LESS; ${Terminal.support('queue -L 3')}; echo "EXITED-$?"`, { env, rows: 20 });
    const short = await term.waitForText('EXITED-0');
    expect(short.split('\n').filter((l) => /^\s*\d+ /.test(l))).toHaveLength(3);
  });
});
