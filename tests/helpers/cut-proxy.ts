import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CutProxy {
  url: string;
  /** Connections made through the proxy so far. */
  connections: number;
  /** Destroys every open connection, as a network drop does. */
  cut(): void;
  /** While down, new connections are refused (closed at once). */
  down: boolean;
  /** While stalled, nothing from the server reaches the client (a dead link that stays open). */
  stall: boolean;
  close(): Promise<void>;
}

/** A TCP proxy in front of a server, for connections a test cuts for real. */
export async function cutProxy(target: string): Promise<CutProxy> {
  const { hostname, port } = new URL(target);
  const pairs = new Set<[Socket, Socket]>();
  const proxy: CutProxy = {
    url: '',
    connections: 0,
    down: false,
    stall: false,
    cut() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((client) => {
    if (proxy.down) {
      client.destroy();
      return;
    }
    proxy.connections++;
    const upstream = connect(Number(port), hostname);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (!proxy.stall) client.write(chunk);
    });
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('close', drop).on('error', drop);
    upstream.on('close', drop).on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
