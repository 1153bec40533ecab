import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { problemBody } from './problem.js';
import { newRequestId } from './request-id.js';

function classify(error: Error & { code?: string; reason?: string }): [status: number, code: string, detail: string] {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'request_timeout', 'the request did not arrive in time'];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'headers_too_large', 'the request line and headers are larger than the server accepts (16 KiB)'];
    default:
      return [400, 'malformed_request', `the request is not well-formed HTTP/1.1${error.reason ? ` (${error.reason})` : ''}`];
  }
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request (a bad header name or value,
 * headers over the limit, a broken request line) before any route could see it. The answer is
 * problem+json like every other, written to the socket, which then closes: its stream cannot be
 * trusted past the error.
 */
export function answerClientError(this: { log: FastifyBaseLogger }, error: Error & { code?: string; reason?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] = classify(error);
  const requestId = newRequestId();
  // Not the error itself: its rawPacket holds the request's bytes, credentials included.
  this.log.debug({ requestId, code: error.code, reason: error.reason }, 'malformed HTTP request refused');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(problemBody(code, status, detail, requestId, undefined));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/problem+json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `x-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}
