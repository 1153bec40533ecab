import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes as they are, without an HTTP client to tidy them up, and reads one response: what a
 * broken proxy, a scanner or a buggy client would send. Ask for `connection: close` in well-formed
 * requests (the server then closes the connection after its answer); malformed ones make it close.
 * A streaming answer (text/event-stream) is cut once its headers are in. With no answer after
 * timeoutMs, the promise fails.
 */
export function rawRequest(url: string, request: string | Buffer, options: { timeoutMs?: number } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${options.timeoutMs}ms`));
    }, options.timeoutMs ?? 30_000);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const head = Buffer.concat(chunks).toString('latin1');
      if (head.includes('\r\n\r\n') && /\r\ncontent-type: text\/event-stream/i.test(head.slice(0, head.indexOf('\r\n\r\n')))) socket.destroy();
    });
    // A server that answers before reading the whole body (413) may reset the connection while the
    // rest is still being written: the answer already read counts, the reset does not.
    let failure: Error | undefined;
    socket.on('error', (error) => (failure = error));
    socket.on('close', () => {
      clearTimeout(timer);
      if (failure && chunks.length === 0) return reject(failure);
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = (split === -1 ? text : text.slice(0, split)).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: split === -1 ? '' : text.slice(split + 4) });
    });
    // Not end(): Node's server drops a request whose client half-closes before the answer is written.
    socket.write(request);
  });
}
