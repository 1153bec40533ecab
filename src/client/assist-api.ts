import type { SuggestRequest, Suggestions } from '../api/types.js';
import type { Requester } from './requester.js';

/** Suggestions, as `client.assist`: the macros and past replies that answer a customer, with triage. */
export class AssistApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  /** For a conversation (its latest customer messages) or a text; changes nothing, so it is safe to retry. */
  async suggest(input: SuggestRequest): Promise<Suggestions> {
    return (await this.#client.request<Suggestions>('POST', 'v1/assist/suggest', { json: input, idempotent: true })).body;
  }
}
