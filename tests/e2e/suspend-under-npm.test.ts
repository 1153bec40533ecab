import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/run-cli.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROMPT = 'PROMPT$';

/**
 * Ctrl+Z under a wrapper. `npm start` puts npm and sh between the shell and the workspace: stopping
 * only node left npm running, so the shell kept waiting and the terminal stayed blank and dead.
 */
describe.skipIf(!HAS_TMUX)('Ctrl+Z through `npm start` (tmux)', () => {
  let home: string;
  let env: Record<string, string>;
  let term: Terminal;

  beforeAll(async () => {
    ({ home, env } = await cliHome('support-e2e-npm-'));
  });
  afterEach(() => term?.kill());
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('gives the shell back (prompt usable), and fg brings the workspace back working', async () => {
    term = new Terminal();
    term.start('bash --norc --noprofile -i', { env: { ...env, PS1: PROMPT + ' ', npm_config_update_notifier: 'false' } });
    await term.waitForText(PROMPT);
    term.type(`cd ${ROOT} && npm start`);
    term.keys('Enter');
    await term.waitForText('(1/', 30_000);

    term.keys('C-z');
    const stopped = await term.waitFor((s) => /Stopped/.test(s) && s.trimEnd().endsWith(PROMPT));
    expect(stopped).not.toContain('(1/');
    // The shell reads what is typed again: the terminal is alive, in its normal mode.
    term.type('echo ALIVE-$((40+2))');
    term.keys('Enter');
    await term.waitForText('ALIVE-42');
    term.type('jobs');
    term.keys('Enter');
    await term.waitFor((s) => /\[1\]\+\s+Stopped\s+npm start/.test(s));

    term.type('fg');
    term.keys('Enter');
    await term.waitForText('(1/');
    term.keys('j');
    await term.waitForText('(2/');
    term.keys('q');
    await term.waitFor((s) => s.includes('Quit support?') || s.trimEnd().endsWith(PROMPT));
    if (term.screen().includes('Quit support?')) term.keys('y');
    await term.waitFor((s) => s.trimEnd().endsWith(PROMPT));
    term.type('echo EXIT-$?');
    term.keys('Enter');
    await term.waitForText('EXIT-0');
  });
});
