import type { Availability } from '../api/enums.js';
import type { AgentPage, AgentProfile, DeskQuery, DeskSettings, DeskSnapshot, PatchDeskSettingsRequest, CreateAgentRequest, LoginResponse, Me, PutSlaPoliciesRequest, SlaPolicy, Team, UpdateAgentRequest } from '../api/types.js';
import { collectPages } from './collect-pages.js';
import type { Requester } from './requester.js';

/** Signing in and out, as `client.auth`. */
export class AuthApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    return (await this.#client.request<LoginResponse>('POST', 'v1/auth/login', { json: { email, password } })).body;
  }

  async logout(): Promise<void> {
    await this.#client.request('POST', 'v1/auth/logout');
  }
}

/** The caller, as `client.me`. */
export class MeApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async get(): Promise<Me> {
    return (await this.#client.request<Me>('GET', 'v1/me')).body;
  }

  /** My availability: online, away or offline (offline agents cannot claim). */
  async setAvailability(availability: Availability): Promise<AgentProfile> {
    return (await this.#client.request<{ agent: AgentProfile }>('PATCH', 'v1/me', { json: { availability } })).body.agent;
  }
}

/** Agents, as `client.agents`. */
export class AgentsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async list(query: { limit?: number; cursor?: string } = {}): Promise<AgentPage> {
    return (await this.#client.request<AgentPage>('GET', 'v1/agents', { query })).body;
  }

  async listAll(): Promise<AgentProfile[]> {
    return (await collectPages((page) => this.list(page), { limit: Number.POSITIVE_INFINITY })).data;
  }

  async get(id: string): Promise<AgentProfile> {
    return (await this.#client.request<{ agent: AgentProfile }>('GET', `v1/agents/${id}`)).body.agent;
  }

  async create(input: CreateAgentRequest): Promise<AgentProfile> {
    return (await this.#client.request<{ agent: AgentProfile }>('POST', 'v1/agents', { json: input })).body.agent;
  }

  async update(id: string, changes: UpdateAgentRequest): Promise<AgentProfile> {
    return (await this.#client.request<{ agent: AgentProfile }>('PATCH', `v1/agents/${id}`, { json: changes })).body.agent;
  }

  /** A supervisor sets an agent online, away or offline (from the board). */
  async setAvailability(id: string, availability: Availability): Promise<AgentProfile> {
    return (await this.#client.request<{ agent: AgentProfile }>('PUT', `v1/agents/${id}/availability`, { json: { availability } })).body.agent;
  }
}

/** The supervisor board, as `client.desk`. */
export class DeskApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  /** One snapshot of the desk; `tz` says where "today" starts (IANA, default UTC). */
  async get(query: DeskQuery = {}): Promise<DeskSnapshot> {
    return (await this.#client.request<DeskSnapshot>('GET', 'v1/desk', { query })).body;
  }

  /** The desk's automation (automatic triage and answers), with where each value comes from. */
  async settings(): Promise<DeskSettings> {
    return (await this.#client.request<DeskSettings>('GET', 'v1/desk/settings')).body;
  }

  /** Admins: each field given is set, null returns it to the server's default. */
  async updateSettings(changes: PatchDeskSettingsRequest): Promise<DeskSettings> {
    return (await this.#client.request<DeskSettings>('PATCH', 'v1/desk/settings', { json: changes })).body;
  }
}

/** Teams, as `client.teams`. */
export class TeamsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async list(): Promise<Team[]> {
    return (await this.#client.request<{ data: Team[] }>('GET', 'v1/teams')).body.data;
  }
}

/** SLA policies, as `client.slaPolicies`. */
export class SlaPoliciesApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async list(): Promise<SlaPolicy[]> {
    return (await this.#client.request<{ data: SlaPolicy[] }>('GET', 'v1/sla-policies')).body.data;
  }

  async set(policies: PutSlaPoliciesRequest['policies']): Promise<SlaPolicy[]> {
    return (await this.#client.request<{ data: SlaPolicy[] }>('PUT', 'v1/sla-policies', { json: { policies } })).body.data;
  }
}
