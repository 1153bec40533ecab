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
];

/**
 * Requests per second and latency for the busiest endpoints, from autocannon in this process against
 * the server in another: 2 cores, so 10 connections and a few seconds each.
 */
export async function serverLoad(durationSeconds: number, options: { postgres?: string } = {}): Promise<LoadResult[]> {
  const server = await startBenchServer({ extra: 2000, ...options });
  try {
    const { token } = await new SupportClient({ baseUrl: server.url }).login('agent@example.com', 'demo');
    const client = new SupportClient({ baseUrl: server.url, token });
    const paths = Object.keys(((await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> }).paths);
    const conversationIds = (await client.queue({ limit: 200 })).data.map((c) => c.id);
    const results: LoadResult[] = [];
    for (const scenario of SCENARIOS) {
      if (!paths.includes(scenario.path)) continue;
      const result = await autocannon({
        url: server.url,
        connections: 10,
        duration: durationSeconds,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
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
