import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SIZE } from '../../src/server/demo/seed.js';
import { DemoSimulator } from '../../src/server/demo/simulator.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { countRows } from '../helpers/workflow.js';

describe('the demo simulator', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, demo: true, settings: { sweepIntervalMs: 0 }, simulate: { minDelayMs: 5, maxDelayMs: 15, seed: 7 } });
  });
  afterAll(() => server.close());

  it('is off unless asked for', async () => {
    // Watched at the start itself: a simulator's first act comes seconds later, longer than a test waits.
    const started = vi.spyOn(DemoSimulator.prototype, 'start');
    const quiet = await startTestServer({ inject: true, demo: true, settings: { sweepIntervalMs: 0 } });
    try {
      expect(quiet.simulator).toBeUndefined();
      expect(started).not.toHaveBeenCalled();
    } finally {
      started.mockRestore();
      await quiet.close();
    }
  });

  it('has customers write and open conversations, through the same rules as a channel', async () => {
    const db = server.store.db;
    const customerMessages = async () =>
      Number((await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('author_type', '=', 'customer').where('created_at', '>=', server.clock.now).executeTakeFirstOrThrow()).n);
    await vi.waitFor(
      async () => {
        expect(await countRows(db, 'conversations')).toBeGreaterThanOrEqual(DEMO_SIZE.conversations + 3);
        expect(await customerMessages()).toBeGreaterThanOrEqual(10);
      },
      { timeout: 15_000, interval: 50 },
    );
    const fresh = await db.selectFrom('conversations').selectAll().where('id', '>', DEMO_SIZE.conversations).execute();
    for (const c of fresh) {
      expect(c).toMatchObject({ status: expect.stringMatching(/^(open|pending|snoozed|resolved)$/), message_count: expect.any(Number) });
      expect(c.first_response_due_at).not.toBeNull();
    }
    const events = await db.selectFrom('events').select('type').distinct().execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['conversation.created', 'message.created']));
    // Text comes from the demo corpus, in the customers' languages.
    const bodies = await db.selectFrom('messages').select('body').where('author_type', '=', 'customer').where('created_at', '>=', server.clock.now).execute();
    expect(bodies.every((b) => b.body.length > 0 && !/\{\w+\}/.test(b.body))).toBe(true);
  });

  it('stops cleanly: nothing is written after stop()', async () => {
    await server.simulator!.stop();
    const before = await countRows(server.store.db, 'messages');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await countRows(server.store.db, 'messages')).toBe(before);
  });
});
