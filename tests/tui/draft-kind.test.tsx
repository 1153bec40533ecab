import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { createTui, type TuiOptions } from '../../src/tui/run.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/workspace-harness.js';

const ENTER = '\r';
const ESC = '\u001b';
const CTRL_N = '\u000e';
const NOTE_LABEL = '╔═ ✎ Internal note — customers never see this';
const REPLY_LABEL = '╭─ ↩ Reply — the customer will see this';
const ASKED = 'This draft is an internal note';

/**
 * A draft remembers whether it is a reply or an internal note, says which on its border, and becomes
 * a reply (which Enter sends to the customer) only after asking.
 */
describe('the workspace: a note never turns into a reply unasked', () => {
  let server: TestServer;
  let client: SupportClient;
  let dir: string;
  const mounted: { unmount(): void }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    client = await server.login();
    dir = mkdtempSync(join(tmpdir(), 'support-tui-kind-'));
  });
  afterEach(() => {
    for (const m of mounted.splice(0)) m.unmount();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(options: Partial<TuiOptions> = {}) {
    const me = await client.me.get();
    const tui = createTui({ client, agent: me.agent, profile: 'test', ...options });
    const ui = render(tui.element);
    mounted.push(ui);
    const frame = () => ui.lastFrame() ?? '';
    const until = (predicate: (f: string) => boolean, timeoutMs = 5000) => waitFor(() => predicate(frame()), { describe: frame, timeoutMs });
    const press = async (keys: string) => {
      ui.stdin.write(keys);
      await new Promise((resolve) => setTimeout(resolve, 30));
    };
    await until((f) => f.includes('(1/'));
    return { tui, ui, frame, until, press };
  }

  /** The nth conversation of the queue, opened for reading. */
  async function openConversation(w: Awaited<ReturnType<typeof open>>, nth: number) {
    const target = (await client.queue.list({ limit: nth + 1 })).data[nth]!;
    w.tui.actions.openConversation(target.id);
    await w.until((f) => f.includes(`#${target.id} `) && f.includes('Enter to reply'));
    return target;
  }

  const messagesWith = async (id: number, body: string) =>
    (await server.store.db.selectFrom('messages').select(['kind', 'body']).where('conversation_id', '=', id).where('body', '=', body).execute()).map((m) => m.kind);

  it('N, type, Esc, then Enter asks before the note becomes a reply; Esc keeps it a note, and it goes out as a note', async () => {
    const w = await open();
    const target = await openConversation(w, 0);
    await w.press('N');
    await w.until((f) => f.includes(NOTE_LABEL) && f.includes('Internal note (customers never see it)'));
    expect(w.frame()).toContain('Enter add the note · Esc stop writing');
    const body = 'Customer flagged by fraud team: do not refund';
    await w.press(body);
    await w.until((f) => f.includes(body));
    await w.press(ESC);
    await w.until((f) => f.includes('Enter to reply') || (f.includes(body) && !f.includes('Internal note (customers')));
    // Unfocused, the box still says what the draft is.
    expect(w.frame()).toContain(NOTE_LABEL);
    await w.press(ENTER);
    await w.until((f) => f.includes('Make this internal note a reply?') && f.includes(ASKED) && f.includes(target.customer.name));
    // A second Enter in a hurry answers the question; it does not send. Here: Esc, keep it a note.
    await w.press(ESC);
    await w.until((f) => !f.includes(ASKED) && f.includes(NOTE_LABEL) && f.includes(body));
    expect(w.tui.store.getState().composeKind[target.id]).toBe('note');
    expect(await messagesWith(target.id, body)).toEqual([]);
    await w.press('N');
    await w.press(ENTER);
    await waitFor(async () => (await messagesWith(target.id, body)).length === 1);
    expect(await messagesWith(target.id, body)).toEqual(['note']);
  });

  it('Ctrl+N from a note with text asks too; confirmed, the border says reply and Enter sends a reply', async () => {
    const w = await open();
    const target = await openConversation(w, 1);
    await w.press('N');
    await w.until((f) => f.includes(NOTE_LABEL));
    const body = 'Refund is on its way, sorry for the wait';
    await w.press(body);
    await w.until((f) => f.includes(body));
    await w.press(CTRL_N);
    await w.until((f) => f.includes(ASKED));
    expect(w.tui.store.getState().composeKind[target.id]).toBe('note');
    await w.press(ENTER);
    await w.until((f) => !f.includes(ASKED) && f.includes(REPLY_LABEL) && f.includes(body));
    await w.press(ENTER);
    await waitFor(async () => (await messagesWith(target.id, body)).length === 1);
    expect(await messagesWith(target.id, body)).toEqual(['reply']);
    // Reply to note is the safe way round: it needs no question.
    await w.press('draft');
    await w.press(CTRL_N);
    await w.until((f) => f.includes(NOTE_LABEL));
    expect(w.frame()).not.toContain(ASKED);
  });

  it('keeps the kind on disk with the draft: a restored note is still a note, and still asks', async () => {
    const storageDir = join(dir, 'kept');
    const first = await open({ storageDir });
    const target = await openConversation(first, 2);
    await first.press('N');
    await first.until((f) => f.includes(NOTE_LABEL));
    await first.press('note across a restart');
    await first.until((f) => f.includes('note across a restart'));
    first.tui.flush();
    const saved = JSON.parse(readFileSync(join(storageDir, 'drafts.json'), 'utf8')) as Record<string, { text: string; kind: string }>;
    expect(saved[target.id]).toMatchObject({ text: 'note across a restart', kind: 'note' });
    first.ui.unmount();

    const second = await open({ storageDir });
    second.tui.actions.openConversation(target.id);
    await second.until((f) => f.includes(NOTE_LABEL) && f.includes('note across a restart'));
    await second.press(ENTER);
    await second.until((f) => f.includes(ASKED));
  });

  it('loads a draft file from before drafts had a kind, treating those drafts as notes', async () => {
    const storageDir = join(dir, 'old');
    mkdirSync(storageDir, { recursive: true });
    const target = (await client.queue.list({ limit: 4 })).data[3]!;
    writeFileSync(join(storageDir, 'drafts.json'), JSON.stringify({ [target.id]: { text: 'old draft, kind unknown', cursor: 5, savedAt: 1 }, 'not-a-draft': 7 }));
    const w = await open({ storageDir });
    w.tui.actions.openConversation(target.id);
    await w.until((f) => f.includes(NOTE_LABEL) && f.includes('old draft, kind unknown'));
    await w.press(ENTER);
    await w.until((f) => f.includes(ASKED));
  });
});
