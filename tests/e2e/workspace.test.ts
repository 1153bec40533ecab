import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sgrPattern } from '../helpers/ansi.js';
import { addHostileMessage, HOSTILE_PAYLOADS } from '../helpers/hostile.js';
import { cliHome } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';

if (!HAS_TMUX) console.warn('tests/e2e: tmux is not installed, so the end-to-end terminal tests are skipped (apt-get install -y tmux)');

const MARKER = 'SHELL-BEFORE-SUPPORT';

function childPid(parent: number): number {
  // Node names its main thread "MainThread": match the command line, not the name.
  return Number(execFileSync('pgrep', ['-P', String(parent), '-f', 'support.js'], { encoding: 'utf8' }).trim().split('\n')[0]);
}

describe.skipIf(!HAS_TMUX)('the workspace in a real terminal (tmux, 100x30)', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let term: Terminal;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-e2e-', server.url, { default: 'agent@example.com' }));
  });
  afterEach(() => term?.kill());
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  function open(options: { cols?: number; rows?: number } = {}) {
    term = new Terminal();
    term.start(`echo ${MARKER}; ${Terminal.support()}; echo "SUPPORT-EXITED-$?"`, { ...options, env });
    return term;
  }

  it('opens on the alternate screen, replies, and quits back to the shell screen as it was', async () => {
    const t = open();
    const first = await t.waitForText('(1/');
    expect(first).not.toContain(MARKER);
    expect(first).toContain('support · queue');
    const target = (await (await server.login()).queue.list({ limit: 2 })).data[1]!;
    t.keys('j');
    await t.waitForText('(2/');
    t.keys('Enter');
    await t.waitForText(`#${target.id} `);
    await t.waitForText('Enter to reply');
    t.keys('Enter');
    await t.waitForText('Reply to the customer');
    t.type('Terima kasih, sudah kami cek 🙏 好的');
    await t.waitForText('sudah kami cek');
    t.keys('Enter');
    await t.waitFor((s) => s.includes('Reply to the customer') && s.includes('Terima kasih, sudah kami cek 🙏 好的'));
    const stored = await server.store.db.selectFrom('messages').select('body').where('conversation_id', '=', target.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(stored.body).toBe('Terima kasih, sudah kami cek 🙏 好的');
    t.keys('Escape');
    await t.waitForText('Enter to reply');
    t.keys('Escape');
    // Answered, the conversation moved down the queue; the selection went with it.
    await t.waitForText('support · queue');
    t.keys('q');
    const after = await t.waitForText('SUPPORT-EXITED-0');
    expect(after).toContain(MARKER);
    expect(after).not.toContain('support · queue');
  });

  it('shows hostile customer text escaped: no colour, no title change, no clipboard write', async () => {
    const id = 11;
    await addHostileMessage(server.store.db, id, server.clock.now);
    // First in the queue: open, and the earliest due time.
    await server.store.db.updateTable('conversations').set({ status: 'open', due_at: 1 }).where('id', '=', id).execute();
    const t = open();
    const raw = join(home, 'raw-output.log');
    // Every byte the program writes to the terminal, before tmux interprets it.
    t.tmux('pipe-pane', '-o', '-t', 'e2e', `cat >> ${raw}`);
    await t.waitForText('(1/');
    const queueScreen = t.screen();
    expect(queueScreen).toContain('Refund \\x1b[31mRED');
    t.keys('Enter');
    await t.waitForText('support · conversation #11');
    // The thread shows its latest lines; the hostile message is longer than the rows left above the
    // suggestions, so scroll up a line at a time until its clipboard line shows.
    for (let i = 0; i < 20 && !t.screen().includes('\\x1b]52;c;'); i++) {
      const before = t.screen();
      t.keys('k');
      await t.waitFor((now) => now !== before);
    }
    const screen = await t.waitForText('\\x1b]52;c;');
    expect(screen).toContain('\\u202egnp.exe');
    expect(screen).toContain('support · conversation #11');
    expect(t.info('#{pane_title}')).not.toContain('pwned');
    expect(t.tmux('list-buffers')).toBe('');
    expect(t.styledScreen()).not.toMatch(sgrPattern('(?:0;)?31', 'RED'));
    // Decoded as the terminal decodes it (UTF-8): read as latin1, the byte 0x9b inside an ordinary
    // character (a CJK name) looked like a C1 CSI, and U+202E could never be found at all.
    const bytes = readFileSync(raw, 'utf8');
    for (const payload of Object.values(HOSTILE_PAYLOADS)) expect(bytes.includes(payload), JSON.stringify(payload)).toBe(false);
    for (const sequence of ['\u001b]52;', '\u001b]8;;', '\u001b]0;', '\u001bP', '\u009b', '\u202e', '\u0007']) {
      expect(bytes.includes(sequence), JSON.stringify(sequence)).toBe(false);
    }
    // Characters beyond Latin-1 (tags hiding text, Hangul fillers, separators) show up only as UTF-8.
    const text = readFileSync(raw, 'utf8');
    for (const invisible of ['\u{E0063}', '\u{E007F}', '\u3164', '\uFFA0', '\u115F', '\u180E', '\u00AD', '\u034F', '\u2028', '\u{E0120}', '\u202E']) {
      expect(text.includes(invisible), JSON.stringify(invisible)).toBe(false);
    }
  });

  it('is usable without colour (NO_COLOR): state is shown by symbols', async () => {
    term = new Terminal();
    term.start(Terminal.support(), { env: { ...env, NO_COLOR: '1' } });
    const screen = await term.waitForText('(1/');
    expect(term.styledScreen()).not.toMatch(sgrPattern(String.raw`3\d|9\d|4\d`));
    expect(screen).toMatch(/▸ [✗◷·] /);
    expect(screen).toContain('✗');
  });

  it('redraws on resize without ghost lines, and stays usable at 80x24', async () => {
    const t = open({ cols: 120, rows: 40 });
    await t.waitForText('(1/');
    for (const [cols, rows] of [[80, 24], [100, 30], [60, 20], [80, 24]] as const) {
      t.resize(cols, rows);
      // Redrawn for the new size: the header on the first line, the status bar once, on the last.
      const screen = await t.waitFor((s) => {
        const lines = s.replace(/\n+$/, '').split('\n');
        return lines[0]!.startsWith('support · queue') && lines.length === rows && lines[rows - 1]!.includes('connected') && lines.filter((l) => l.includes('connected')).length === 1;
      });
      expect(screen.split('\n').filter((l) => l.startsWith('support · queue'))).toHaveLength(1);
      expect(screen.split('\n').every((l) => l.length <= cols)).toBe(true);
    }
    t.keys('Enter');
    await t.waitForText('Enter to reply');
  });

  it('asks before quitting with an unsent draft, and keeps it when told no', async () => {
    const t = open();
    await t.waitForText('(1/');
    t.keys('Enter');
    await t.waitForText('Enter to reply');
    t.keys('Enter');
    await t.waitForText('Reply to the customer');
    t.type('half-written answer');
    await t.waitForText('half-written answer');
    t.keys('C-c');
    await t.waitForText('Quit support?');
    t.keys('n');
    await t.waitFor((s) => !s.includes('Quit support?') && s.includes('half-written answer'));
    t.keys('C-c');
    await t.waitForText('Quit support?');
    t.keys('y');
    await t.waitForText('SUPPORT-EXITED-0');
  });

  it('keeps a draft through a crash (kill -9) and shows it again on restart', async () => {
    const t = open();
    const total = (await (await server.login()).queue.listAll()).length;
    // The queue arrives page by page: wait for all of it, so that G means the same row both times.
    await t.waitForText(`(1/${total})`);
    t.keys('G');
    await t.waitForText(`(${total}/${total})`);
    t.keys('Enter');
    const opened = await t.waitForText('Enter to reply');
    t.keys('Enter');
    await t.waitForText('Reply to the customer');
    const id = /conversation #(\d+)/.exec(opened)![1];
    t.type('survives a crash 💾');
    await t.waitForText('survives a crash');
    // Killed only once the draft is on disk (saves are debounced): what is tested is that it is read back.
    const drafts = join(env['SUPPORT_DATA_DIR']!, 'workspace', 'default', 'drafts.json');
    await vi.waitFor(() => expect(existsSync(drafts) && readFileSync(drafts, 'utf8')).toContain('survives a crash 💾'), { timeout: 5000, interval: 50 });
    execFileSync('kill', ['-9', String(childPid(t.pid()))]);
    await t.waitForText('SUPPORT-EXITED-137');
    t.kill();

    const again = open();
    await again.waitForText(`(1/${total})`);
    again.keys('G');
    await again.waitForText(`(${total}/${total})`);
    again.keys('Enter');
    // The draft comes back in the conversation it was written in, on the same screen.
    await again.waitFor((s) => s.includes(`conversation #${id}`) && s.includes('survives a crash 💾'));
  });

  it('restores the shell screen when terminated (SIGTERM)', async () => {
    const t = open();
    await t.waitForText('(1/');
    execFileSync('kill', ['-TERM', String(childPid(t.pid()))]);
    const after = await t.waitForText('SUPPORT-EXITED-');
    expect(after).toContain(MARKER);
    expect(after).not.toContain('support · queue');
  });

  it('suspends with Ctrl+Z and repaints on fg', async () => {
    term = new Terminal();
    // A data folder of its own: no draft left by another test, so q quits without asking.
    const data = mkdtempSync(join(tmpdir(), 'support-e2e-data-'));
    term.start('bash --norc --noprofile -i', { env: { ...env, SUPPORT_DATA_DIR: data, PS1: 'PROMPT$ ' } });
    await term.waitForText('PROMPT$');
    term.type(`${Terminal.support()}`);
    term.keys('Enter');
    await term.waitForText('(1/');
    term.keys('C-z');
    const stopped = await term.waitFor((s) => /Stopped/.test(s));
    expect(stopped).not.toContain('(1/');
    term.type('fg');
    term.keys('Enter');
    await term.waitForText('(1/');
    term.keys('j');
    await term.waitForText('(2/');
    term.keys('q');
    const back = await term.waitFor((s) => s.includes('Quit support?') || s.trimEnd().endsWith('PROMPT$'));
    expect(back).not.toContain('Quit support?');
    rmSync(data, { recursive: true, force: true });
  });
});
