import type { ReportKind, ReportOf, ReportQuery } from '../api/types.js';
import type { Requester } from './requester.js';

/** Reports as `client.reports.get('volume', { from, to, tz, by })`. */
export class ReportsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async get<K extends ReportKind>(kind: K, query: ReportQuery = {}): Promise<ReportOf[K]> {
    return (await this.#client.request<ReportOf[K]>('GET', `v1/reports/${kind}`, { query })).body;
  }
}
