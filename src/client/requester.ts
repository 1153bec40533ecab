import type { IncomingHttpHeaders } from 'node:http';
import type { Method } from 'got';

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  json?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  /** A POST that is safe to retry (it carries an idempotency key or a client message id). */
  idempotent?: boolean;
}

export interface Answer<T> {
  body: T;
  status: number;
  headers: IncomingHttpHeaders;
}

/**
 * The one thing a resource namespace needs from the client: sending a request. The namespaces take
 * this instead of SupportClient, so that they do not import the class that builds them (no cycle).
 */
export interface Requester {
  request<T>(method: Method, path: string, options?: RequestOptions): Promise<Answer<T>>;
}
