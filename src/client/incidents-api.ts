import type {
  BroadcastStarted,
  CreateIncidentRequest,
  CustomerTexts,
  DeliveryProgress,
  Incident,
  IncidentDetail,
  IncidentPage,
  IncidentQuery,
  IncidentSuggestions,
  LinkConversationsResponse,
  PendingBroadcast,
  ResolveIncidentRequest,
  UpdateIncidentRequest,
} from '../api/types.js';
import type { Requester } from './requester.js';

const path = (id: number) => `v1/incidents/${id}`;

/** Incidents as `client.incidents`: declare, change, link conversations, broadcast, resolve. */
export class IncidentsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async create(input: CreateIncidentRequest): Promise<Incident> {
    return (await this.#client.request<Incident>('POST', 'v1/incidents', { json: input })).body;
  }

  async list(query: IncidentQuery = {}): Promise<IncidentPage> {
    return (await this.#client.request<IncidentPage>('GET', 'v1/incidents', { query })).body;
  }

  async get(id: number): Promise<IncidentDetail> {
    return (await this.#client.request<IncidentDetail>('GET', path(id))).body;
  }

  async update(id: number, input: UpdateIncidentRequest): Promise<Incident> {
    return (await this.#client.request<Incident>('PATCH', path(id), { json: input })).body;
  }

  async link(id: number, conversationIds: number[]): Promise<LinkConversationsResponse> {
    return (await this.#client.request<LinkConversationsResponse>('POST', `${path(id)}/links`, { json: { conversationIds } })).body;
  }

  async unlink(id: number, conversationId: number): Promise<Incident> {
    return (await this.#client.request<Incident>('DELETE', `${path(id)}/links/${conversationId}`)).body;
  }

  async suggestions(id: number, limit?: number): Promise<IncidentSuggestions> {
    return (await this.#client.request<IncidentSuggestions>('GET', `${path(id)}/suggestions`, { query: { limit } })).body;
  }

  /** Links every conversation the suggestions list shows. */
  async linkSuggested(id: number): Promise<LinkConversationsResponse> {
    return (await this.#client.request<LinkConversationsResponse>('POST', `${path(id)}/links/suggested`, { json: {} })).body;
  }

  /** Records an update for the open linked conversations; `deliver` then sends it batch by batch. */
  async broadcast(id: number, messages?: CustomerTexts): Promise<BroadcastStarted> {
    return (await this.#client.request<BroadcastStarted>('POST', `${path(id)}/broadcasts`, { json: messages ? { messages } : {} })).body;
  }

  async pendingBroadcast(id: number): Promise<PendingBroadcast> {
    return (await this.#client.request<PendingBroadcast>('GET', `${path(id)}/broadcasts/pending`)).body;
  }

  /** One batch; safe to retry and to run concurrently: each conversation gets the update once. */
  async deliver(id: number, updateId: number, limit?: number): Promise<DeliveryProgress> {
    return (await this.#client.request<DeliveryProgress>('POST', `${path(id)}/broadcasts/${updateId}/deliver`, { json: limit ? { limit } : {}, idempotent: true })).body;
  }

  async resolve(id: number, input: ResolveIncidentRequest = {}): Promise<BroadcastStarted> {
    return (await this.#client.request<BroadcastStarted>('POST', `${path(id)}/resolve`, { json: input })).body;
  }
}
