import type { FeedbackPage, FeedbackQuery, FollowUp, FollowUpPage, FollowUpQuery, SurveyAnswer, SurveyAnswerRequest, SurveyLink, SurveyPage, SurveyQuery } from '../api/types.js';
import type { Requester } from './requester.js';

/** Satisfaction surveys as `client.surveys`: ratings, the follow-ups of low ones, customers' feedback. */
export class SurveysApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async list(query: SurveyQuery = {}): Promise<SurveyPage> {
    return (await this.#client.request<SurveyPage>('GET', 'v1/surveys', { query })).body;
  }

  /** Admins: the token the customer answers with. */
  async link(id: number): Promise<SurveyLink> {
    return (await this.#client.request<SurveyLink>('GET', `v1/surveys/${id}/link`)).body;
  }

  /** The wallet app's call: authenticated by the survey's token, whatever token this client holds. Safe to retry. */
  async answer(id: number, surveyToken: string, input: SurveyAnswerRequest): Promise<SurveyAnswer> {
    return (await this.#client.request<SurveyAnswer>('POST', `v1/surveys/${id}/answer`, { json: input, headers: { authorization: `Bearer ${surveyToken}` }, idempotent: true })).body;
  }

  async followUps(query: FollowUpQuery = {}): Promise<FollowUpPage> {
    return (await this.#client.request<FollowUpPage>('GET', 'v1/follow-ups', { query })).body;
  }

  async closeFollowUp(id: number, note: string): Promise<FollowUp> {
    return (await this.#client.request<FollowUp>('POST', `v1/follow-ups/${id}/close`, { json: { note } })).body;
  }

  async feedback(query: FeedbackQuery = {}): Promise<FeedbackPage> {
    return (await this.#client.request<FeedbackPage>('GET', 'v1/feedback', { query })).body;
  }
}
