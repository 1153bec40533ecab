import type { SearchKind, SearchResult } from '../api/types.js';
import type { Requester } from './requester.js';

/** One lookup, as `client.search`: a phone, email, id, complaint number, #conversation, or part of a name or message. */
export class SearchApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  /** Grouped results; phone and email masked. `tried` says what the query was tried as. */
  async find(q: string, options: { kinds?: readonly SearchKind[] } = {}): Promise<SearchResult> {
    const query: Record<string, string> = { q };
    if (options.kinds?.length) query['kinds'] = options.kinds.join(',');
    return (await this.#client.request<SearchResult>('GET', 'v1/search', { query })).body;
  }
}
