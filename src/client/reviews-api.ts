import type { QualityReview, QualityReviewPage, QualityReviewQuery, Rubric, RubricRequest, SampleReviewsRequest, SampleReviewsResponse, ScoreReviewRequest } from '../api/types.js';
import type { Requester } from './requester.js';

/** Quality review as `client.reviews`: the rubric, samples, scores. */
export class ReviewsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async rubric(): Promise<Rubric> {
    return (await this.#client.request<Rubric>('GET', 'v1/reviews/rubric')).body;
  }

  async setRubric(input: RubricRequest): Promise<Rubric> {
    return (await this.#client.request<Rubric>('PUT', 'v1/reviews/rubric', { json: input })).body;
  }

  async list(query: QualityReviewQuery = {}): Promise<QualityReviewPage> {
    return (await this.#client.request<QualityReviewPage>('GET', 'v1/reviews', { query })).body;
  }

  async get(id: number): Promise<QualityReview> {
    return (await this.#client.request<QualityReview>('GET', `v1/reviews/${id}`)).body;
  }

  async create(conversationId: number): Promise<QualityReview> {
    return (await this.#client.request<QualityReview>('POST', 'v1/reviews', { json: { conversationId } })).body;
  }

  async sample(input: SampleReviewsRequest = {}): Promise<SampleReviewsResponse> {
    return (await this.#client.request<SampleReviewsResponse>('POST', 'v1/reviews/sample', { json: input })).body;
  }

  async score(id: number, input: ScoreReviewRequest): Promise<QualityReview> {
    return (await this.#client.request<QualityReview>('POST', `v1/reviews/${id}/score`, { json: input })).body;
  }
}
