import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface DroppingProxy {
  url: string;
  /** Connections accepted so far. */
  connections: number;
  /** Responses the server sent that the client never got. */
  dropped: number;
  /** Drop the server's answer on the next `n` connections that get one. */
  dropNext(n: number): void;
  close(): Promise<void>;
}

/**
 * A real TCP proxy in front of a server. It forwards both ways; on a connection marked to drop, it lets
 * the request through, waits until the server has answered (the first bytes of the response arrive,
 * so the server's work is done and committed), then cuts the client's side with a reset instead of
 * passing the answer on. The client sees a connection reset after its request was processed: the
 * case an idempotency key exists for.
 */
export async function droppingProxy(target: string): Promise<DroppingProxy> {
  const { hostname, port } = new URL(target);
  let toDrop = 0;
  const sockets = new Set<Socket>();
  const state = { connections: 0, dropped: 0 };

  const server = createServer((client) => {
    state.connections++;
    const upstream = connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    client.on('end', () => upstream.end());
    let decided: 'drop' | 'pass' | undefined;
    upstream.on('data', (chunk: Buffer) => {
      if (decided === undefined) {
        decided = toDrop > 0 ? 'drop' : 'pass';
        if (decided === 'drop') {
          toDrop--;
          state.dropped++;
          client.resetAndDestroy();
          upstream.destroy();
        }
      }
      if (decided === 'pass') client.write(chunk);
    });
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    get connections() {
      return state.connections;
    },
    get dropped() {
      return state.dropped;
    },
    dropNext(n: number) {
      toDrop = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
