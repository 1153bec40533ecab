import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { SupportClient } from '../../src/client/support-client.js';
import { startBenchServer } from './lib/processes.js';
import { round } from './lib/stats.js';

export interface LoadResult {
  endpoint: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

interface Scenario {
  endpoint: string;
  /** Whether the server has this endpoint yet (the API grows issue by issue). */
  path: string;
  method: 'GET' | 'POST';
  requests: (ctx: { token: string; conversationIds: number[] }) => Parameters<typeof autocannon>[0]['requests'];
  /** Tokens of other agents, one per connection (claims need agents with room for thousands). */
  tokens?: (ctx: { admin: SupportClient; url: string; connections: number }) => Promise<string[]>;
}

const SCENARIOS: Scenario[] = [
  {
    endpoint: 'GET /v1/queue (50 rows)',
    path: '/v1/queue',
    method: 'GET',
    requests: () => [{ method: 'GET', path: '/v1/queue?limit=50' }],
  },
  {
    endpoint: 'POST /v1/conversations/:id/messages (note)',
    path: '/v1/conversations/{id}/messages',
    method: 'POST',
    requests: ({ conversationIds }) => {
      let i = 0;
      return [
        {
          method: 'POST',
          setupRequest: (request) => {
            const id = conversationIds[i++ % conversationIds.length];
            return { ...request, path: `/v1/conversations/${id}/messages`, body: JSON.stringify({ body: 'benchmark note', kind: 'note', clientMessageId: randomUUID() }) };
          },
        },
      ];
    },
  },
  {
    endpoint: 'POST /v1/queue/claim',
    path: '/v1/queue/claim',
    method: 'POST',
    // Each claim takes one open conversation; agents hold at most 200, so each connection is its own agent.
    tokens: async ({ admin, url, connections }) =>
      Promise.all(
        Array.from({ length: connections }, async (_, i) => {
          const email = `bench-claimer-${i}-${Date.now()}@example.com`;
          await admin.agents.create({ email, name: `Bench Claimer ${i}`, role: 'agent', password: 'bench-password', capacity: 200 });
          const { token } = await new SupportClient({ baseUrl: url }).auth.login(email, 'bench-password');
          // New agents start offline, and offline agents cannot claim.
          await new SupportClient({ baseUrl: url, token }).me.setAvailability('online');
          return token;
        }),
      ),
    requests: () => [{ method: 'POST', path: '/v1/queue/claim', body: '{}' }],
  },
];

/**
 * Requests per second and latency for the busiest endpoints, from autocannon in this process against
 * the server in another: 2 cores, so 10 connections and a few seconds each.
 */
export async function serverLoad(durationSeconds: number, options: { postgres?: string } = {}): Promise<LoadResult[]> {
  // Enough open conversations that the claim run never empties the queue.
  const server = await startBenchServer({ extra: 6000, ...options });
  try {
    const { token } = await new SupportClient({ baseUrl: server.url }).auth.login('agent@example.com', 'demo');
    const client = new SupportClient({ baseUrl: server.url, token });
    const admin = new SupportClient({ baseUrl: server.url, token: (await new SupportClient({ baseUrl: server.url }).auth.login('admin@example.com', 'demo')).token });
    const paths = Object.keys(((await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> }).paths);
    const conversationIds = (await client.queue.list({ limit: 200 })).data.map((c) => c.id);
    const results: LoadResult[] = [];
    for (const scenario of SCENARIOS) {
      if (!paths.includes(scenario.path)) continue;
      const connections = 10;
      const tokens = scenario.tokens ? await scenario.tokens({ admin, url: server.url, connections }) : undefined;
      let nextClient = 0;
      const result = await autocannon({
        url: server.url,
        connections,
        duration: durationSeconds,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(tokens ? { setupClient: (c: { setHeaders(h: Record<string, string>): void }) => c.setHeaders({ authorization: `Bearer ${tokens[nextClient++ % tokens.length]}`, 'content-type': 'application/json' }) } : {}),
        requests: scenario.requests({ token, conversationIds }),
      });
      results.push({
        endpoint: scenario.endpoint,
        requestsPerSecond: round(result.requests.average, 0),
        p50Ms: round(result.latency.p50, 1),
        p99Ms: round(result.latency.p99, 1),
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
      });
    }
    return results;
  } finally {
    await server.stop();
  }
}
