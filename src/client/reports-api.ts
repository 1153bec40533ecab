import type { AgentsReport, ComplaintsReport, CsatReport, RefundsReport, ReportKind, ReportQuery, SlaReport, VolumeReport } from '../api/types.js';
import type { Requester } from './requester.js';

export interface ReportOf {
  sla: SlaReport;
  volume: VolumeReport;
  agents: AgentsReport;
  csat: CsatReport;
  complaints: ComplaintsReport;
  refunds: RefundsReport;
}

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
