import type { IncomingHttpHeaders } from 'node:http';
import type { Method } from 'got';
import type { Answer, Query, RequestOptions } from '../../src/client/requester.js';
import { SupportClient } from '../../src/client/support-client.js';
import { answerError } from '../../src/client/translate-error.js';
import type { App } from '../../src/server/app.js';

function queryString(query: Query | undefined): Record<string, string> | undefined {
  if (!query) return undefined;
  return Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
}

/**
 * The typed client over fastify's app.inject() instead of a socket, for route tests: the same routes,
 * hooks, schemas and serialisers answer, and errors become the same ApiError (through answerError)
 * as over HTTP. What the transport itself does (got's retries and timeouts, SSE, proxies, malformed
 * bytes) is tested over real sockets in tests/client and the server's http tests.
 */
export class InjectedClient extends SupportClient {
  readonly #app: App;
  readonly #token: string | undefined;

  constructor(app: App, baseUrl: string, token?: string) {
    super({ baseUrl, ...(token ? { token } : {}) });
    this.#app = app;
    this.#token = token;
  }

  override async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const query = queryString(options.query);
    const response = await this.#app.inject({
      method: method.toUpperCase() as 'GET',
      url: `/${path.replace(/^\//, '')}`,
      ...(query ? { query } : {}),
      headers: {
        accept: 'application/json, application/problem+json',
        'user-agent': 'support-terminal',
        ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
        ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.json !== undefined ? { payload: JSON.stringify(options.json) } : {}),
    });
    // As Node's HTTP client would hand them over: every value a string (content-length included).
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])) as IncomingHttpHeaders;
    const body: unknown = response.statusCode === 204 || response.body === '' ? undefined : JSON.parse(response.body);
    if (response.statusCode >= 400) throw answerError(response.statusCode, response.statusMessage, headers, body, this.baseUrl);
    return { body: body as T, status: response.statusCode, headers };
  }
}
