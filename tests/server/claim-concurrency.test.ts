import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, CHANNELS } from '../../src/api/enums.js';
import { ApiError } from '../../src/client/errors.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { addAgents, addCustomer, bulkInsertConversations, countRows } from '../helpers/workflow.js';

const AGENTS = 50;
// SQLite has one writer, so concurrent claims serialise there and 500 show the same races that 5,000
// do; PostgreSQL claims in parallel (SKIP LOCKED), where the larger queue is what finds the races.
const CONVERSATIONS = ENGINE === 'postgres' ? 5000 : 500;
// Exactly enough room for the whole queue, so that the capacity check is reached too.
const CAPACITY = CONVERSATIONS / AGENTS;

describe(`claim-next under 50 concurrent agents (${ENGINE})`, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ inject: true, settings: { sweepIntervalMs: 0 } });
    const customer = await addCustomer(server);
    await bulkInsertConversations(server.store.db, customer, CONVERSATIONS, server.clock.now, (i) => ({
      priority: (['urgent', 'high', 'normal', 'low'] as const)[i % 4]!,
      channel: CHANNELS[i % CHANNELS.length]!,
      category: CATEGORIES[i % CATEGORIES.length]!,
    }));
  });
  afterAll(() => server.close());

  it('gives every conversation to exactly one agent, none beyond capacity, nothing twice', async () => {
    const agents = await addAgents(
      server,
      Array.from({ length: AGENTS }, (_, i) => ({ email: `claimer${i}@example.com`, capacity: CAPACITY })),
    );
    const claimed = new Map<string, number[]>();
    const refusals: string[] = [];
    await Promise.all(
      agents.map(async ({ id, client }) => {
        const mine: number[] = [];
        claimed.set(id, mine);
        for (;;) {
          try {
            mine.push((await client.queue.claimNext()).id);
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            refusals.push(error.code);
            return;
          }
        }
      }),
    );

    const all = [...claimed.values()].flat();
    expect(all).toHaveLength(CONVERSATIONS);
    expect(new Set(all).size).toBe(CONVERSATIONS);
    for (const ids of claimed.values()) expect(ids.length).toBeLessThanOrEqual(CAPACITY);
    expect(new Set(refusals)).toEqual(new Set(refusals.filter((code) => code === 'queue_empty' || code === 'at_capacity')));
    expect(refusals).toHaveLength(AGENTS);

    // The database agrees: each conversation has the one assignee whose claim returned it.
    const rows = await server.store.db.selectFrom('conversations').select(['id', 'assignee_id']).execute();
    const owner = new Map<number, string>();
    for (const [agentId, ids] of claimed) for (const id of ids) owner.set(id, agentId);
    expect(rows.every((r) => r.assignee_id !== null && owner.get(r.id) === r.assignee_id)).toBe(true);
    const assignedEvents = await server.store.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'conversation.assigned')
      .executeTakeFirstOrThrow();
    expect(Number(assignedEvents.n)).toBe(CONVERSATIONS);
    expect(await countRows(server.store.db, 'conversations')).toBe(CONVERSATIONS);
  }, 240_000);
});
