import type { Announcement, AnnouncementPage, CreateAnnouncementRequest, PublicAnnouncements } from '../api/types.js';
import type { Requester } from './requester.js';

/** Maintenance windows as `client.announcements`. */
export class AnnouncementsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async create(input: CreateAnnouncementRequest): Promise<Announcement> {
    return (await this.#client.request<Announcement>('POST', 'v1/announcements', { json: input })).body;
  }

  /** Windows not ended or cancelled, soonest first; `all` for every one. */
  async list(all = false): Promise<AnnouncementPage> {
    return (await this.#client.request<AnnouncementPage>('GET', 'v1/announcements', { query: all ? { all: true } : {} })).body;
  }

  async cancel(id: number): Promise<Announcement> {
    return (await this.#client.request<Announcement>('POST', `v1/announcements/${id}/cancel`, { json: {} })).body;
  }

  /** What the wallet app reads (no token needed). */
  async active(): Promise<PublicAnnouncements> {
    return (await this.#client.request<PublicAnnouncements>('GET', 'v1/announcements/active')).body;
  }
}
