import type { EndCallRequest, EndCallResponse, StartConversationRequest, StartConversationResponse } from '../api/types.js';
import { idempotentPost, type Idempotent, type IdempotentOptions } from './money-api.js';
import type { SupportClient } from './support-client.js';

/**
 * Conversations agents start, as `client.conversations`: `create` logs a phone call or writes first by
 * email, chat or social; `endCall` ends a logged call with its summary. Both send an Idempotency-Key
 * (pass your own to make a retry of yours safe too).
 */
export class DeskConversationsApi {
  readonly #client: SupportClient;
  constructor(client: SupportClient) {
    this.#client = client;
  }

  create(customerId: string, input: StartConversationRequest, options: IdempotentOptions = {}): Promise<Idempotent<StartConversationResponse>> {
    return idempotentPost(this.#client, `v1/customers/${encodeURIComponent(customerId)}/conversations`, input, options);
  }

  endCall(conversationId: number, input: EndCallRequest, options: IdempotentOptions = {}): Promise<Idempotent<EndCallResponse>> {
    return idempotentPost(this.#client, `v1/conversations/${conversationId}/call-end`, input, options);
  }
}
