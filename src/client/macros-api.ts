import type { CreateMacroRequest, Macro, MacroPage, MacroQuery, RenderedMacro, RenderMacroQuery, UpdateMacroRequest } from '../api/types.js';
import { collectPages } from './collect-pages.js';
import type { Requester } from './requester.js';

const path = (ref: string) => `v1/macros/${encodeURIComponent(ref)}`;

/** Macros as `client.macros`; `ref` is the macro id (mac_…) or its shortcut. */
export class MacrosApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async list(query: MacroQuery = {}): Promise<MacroPage> {
    return (await this.#client.request<MacroPage>('GET', 'v1/macros', { query })).body;
  }

  /** Every macro matching the filter, following cursors: what a picker loads once and filters locally. */
  async listAll(query: Omit<MacroQuery, 'cursor' | 'limit'> = {}): Promise<Macro[]> {
    return (await collectPages((page) => this.list({ ...query, ...page }), { limit: Number.POSITIVE_INFINITY })).data;
  }

  async get(ref: string): Promise<Macro> {
    return (await this.#client.request<Macro>('GET', path(ref))).body;
  }

  /**
   * The macro filled in for a conversation. Fails with ApiError code `macro_variable_unfillable` (or
   * `macro_variable_unknown`) naming each variable in `fieldErrors`; never returns a half-filled text.
   */
  async render(ref: string, query: RenderMacroQuery): Promise<RenderedMacro> {
    return (await this.#client.request<RenderedMacro>('GET', `${path(ref)}/render`, { query })).body;
  }

  async create(input: CreateMacroRequest): Promise<Macro> {
    return (await this.#client.request<Macro>('POST', 'v1/macros', { json: input })).body;
  }

  async update(ref: string, changes: UpdateMacroRequest): Promise<Macro> {
    return (await this.#client.request<Macro>('PATCH', path(ref), { json: changes })).body;
  }

  async delete(ref: string): Promise<void> {
    await this.#client.request('DELETE', path(ref));
  }
}
