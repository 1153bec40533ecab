import type { Complaint, ComplaintPage, ComplaintQuery, CreateComplaintRequest, ReviewComplaintRequest } from '../api/types.js';
import type { Requester } from './requester.js';

const path = (number: string) => `v1/complaints/${encodeURIComponent(number)}`;

/** Complaints as `client.complaints`, by number (C-YYYYMMDD-NNNNNN). */
export class ComplaintsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async #post(number: string, action: string, json: unknown): Promise<Complaint> {
    return (await this.#client.request<Complaint>('POST', `${path(number)}/${action}`, { json })).body;
  }

  async create(input: CreateComplaintRequest): Promise<Complaint> {
    return (await this.#client.request<Complaint>('POST', 'v1/complaints', { json: input })).body;
  }

  async get(number: string): Promise<Complaint> {
    return (await this.#client.request<Complaint>('GET', path(number))).body;
  }

  async list(query: ComplaintQuery = {}): Promise<ComplaintPage> {
    return (await this.#client.request<ComplaintPage>('GET', 'v1/complaints', { query })).body;
  }

  /** The one extension the complaint's rule allows, with the notice the customer is sent (supervisors). */
  extend(number: string, notice: string): Promise<Complaint> {
    return this.#post(number, 'extend', { notice });
  }

  answer(number: string, answer: string): Promise<Complaint> {
    return this.#post(number, 'answer', { answer });
  }

  /** The customer disputes the outcome: the complaint goes to a supervisor. */
  requestSecondReview(number: string, reason: string): Promise<Complaint> {
    return this.#post(number, 'second-review', { reason });
  }

  /** A supervisor's decision; not by the agent who answered (ApiError code four_eyes_required). */
  review(number: string, input: ReviewComplaintRequest): Promise<Complaint> {
    return this.#post(number, 'review', input);
  }

  close(number: string, note?: string): Promise<Complaint> {
    return this.#post(number, 'close', note === undefined ? {} : { note });
  }
}
