import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface DroppingProxy {
  url: string;
  /** Connections accepted so far. */
  connections: number;
  /** Answers the server sent, passed on or not. */
  answers: number;
  /** Answers the server sent that the client never got. */
  dropped: number;
  /** Drop the next `n` answers of the server. */
  dropNext(n: number): void;
  close(): Promise<void>;
}

/**
 * A real TCP proxy in front of a server. It forwards both ways; for the next n answers marked to drop,
 * it lets the request through, waits until the server has answered (the first bytes of the response
 * arrive, so the server's work is done and committed), then cuts the client's side with a reset
 * instead of passing the answer on. The client sees a connection reset after its request was processed: the
 * case an idempotency key exists for.
 */
export async function droppingProxy(target: string): Promise<DroppingProxy> {
  const { hostname, port } = new URL(target);
  let toDrop = 0;
  const sockets = new Set<Socket>();
  const state = { connections: 0, answers: 0, dropped: 0 };

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
    let dropping = false;
    upstream.on('data', (chunk: Buffer) => {
      if (dropping) return;
      const answerStarts = chunk.subarray(0, 5).toString('latin1') === 'HTTP/';
      if (answerStarts) state.answers++;
      // Requests on a kept-alive connection are answered one after the other, so an answer starts a
      // read of its own: that is where the decision is taken, per response.
      if (toDrop > 0 && answerStarts) {
        toDrop--;
        state.dropped++;
        dropping = true;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
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
    get answers() {
      return state.answers;
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
