import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedServer {
  url: string;
  hits: { method: string; url: string; at: number; body: string }[];
  close(): Promise<void>;
}

/**
 * A real HTTP server whose answers a test scripts, for faults the reference server never produces on
 * its own (502 pages from a proxy, Retry-After on 503).
 */
export async function scriptedServer(answer: (req: IncomingMessage, res: ServerResponse, hit: number) => void): Promise<ScriptedServer> {
  const hits: ScriptedServer['hits'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', at: Date.now(), body });
      answer(req, res, hits.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
