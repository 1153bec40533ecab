import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/run-cli.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';

/** `npm start` twice: the second demo must not delete the database the first one runs on. */
describe.skipIf(!HAS_TMUX)('two demos at once (tmux)', () => {
  let home: string;
  let env: Record<string, string>;
  const terms: Terminal[] = [];

  beforeAll(async () => {
    ({ home, env } = await cliHome('support-e2e-demo-twice-'));
  });
  afterEach(() => {
    for (const t of terms.splice(0)) t.kill();
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  const dataDir = () => env['SUPPORT_DATA_DIR']!;
  const ownDatabases = () => readdirSync(dataDir()).filter((n) => /^demo-\d+\.db$/.test(n));
  const open = (args: string) => {
    const t = new Terminal();
    terms.push(t);
    t.start(`${Terminal.support(`demo --no-simulate ${args}`)}; echo "DEMO-EXITED-$?"`, { env, cols: 120, rows: 30 });
    return t;
  };
  async function quit(t: Terminal) {
    t.keys('q');
    await t.waitFor((s) => s.includes('Quit support?') || s.includes('DEMO-EXITED-'));
    if (!t.screen().includes('DEMO-EXITED-')) t.keys('y');
    return t.waitForText('DEMO-EXITED-', 15_000);
  }

  it('a second demo gets a database of its own; --keep is refused while the first runs; the first keeps its file', async () => {
    const first = open('');
    await first.waitForText('(1/', 30_000);
    const file = join(dataDir(), 'demo.db');
    const inode = statSync(file).ino;

    const second = open('');
    await second.waitForText('(1/', 30_000);
    expect(statSync(file).ino).toBe(inode);
    expect(ownDatabases()).toHaveLength(1);

    const keeping = open('--keep');
    const refused = await keeping.waitForText('DEMO-EXITED-1');
    expect(refused.replaceAll('\n', '')).toMatch(/error: another demo \(process \d+\) is running on the demo database: quit it first to --keep its data, or leave out --keep for a fresh demo of your own/);
    expect(statSync(file).ino).toBe(inode);

    const closed = await quit(second);
    expect(closed).toContain('DEMO-EXITED-0');
    expect(closed.replaceAll('\n', '')).toMatch(/Another demo \(process \d+\) is running: this one gets a fresh database of its own, removed when you quit\./);
    expect(ownDatabases()).toEqual([]);

    // The first demo still works on the file it started with.
    first.keys('j');
    await first.waitForText('(2/');
    expect(statSync(file).ino).toBe(inode);
    await quit(first);

    // Its data is there for --keep.
    const again = open('--keep');
    await again.waitForText('(1/', 30_000);
    expect(statSync(file).ino).toBe(inode);
    await quit(again);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
