import type { Got, Method, OptionsInit, Response } from 'got';
import { ComplaintsApi } from './complaints-api.js';
import { ConversationsApi, QueueApi } from './conversations-api.js';
import { AgentsApi, AuthApi, DeskApi, MeApi, SlaPoliciesApi, TeamsApi } from './desk-api.js';
import { subscribeEvents, type EventSubscription, type SubscribeOptions } from './event-stream.js';
import { ApiError } from './errors.js';
import { createHttp, type HttpOptions } from './http.js';
import { IncidentsApi } from './incidents-api.js';
import { AnnouncementsApi } from './announcements-api.js';
import { createLeanHttp, type LeanRequest } from './lean-http.js';
import { CalendarsApi } from './calendars-api.js';
import { MacrosApi } from './macros-api.js';
import { AccountsApi, AuditApi, CustomersApi, RefundsApi, TransactionsApi } from './money-api.js';
import type { Answer, Query, Requester, RequestOptions } from './requester.js';
import { IDEMPOTENT_METHODS } from './retry-policy.js';
import { ReportsApi } from './reports-api.js';
import { ReviewsApi } from './reviews-api.js';
import { SearchApi } from './search-api.js';
import { SurveysApi } from './surveys-api.js';
import { AssistApi } from './assist-api.js';
import { translateError } from './translate-error.js';

export type ClientOptions = HttpOptions;
export type { SentMessage } from './conversations-api.js';


function searchParams(query: Query | undefined): Record<string, string | number | boolean> | undefined {
  if (!query) return undefined;
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>;
}

/** Live events, as `client.events`. */
class EventsApi {
  readonly #http: Got;
  readonly #baseUrl: string;
  constructor(http: Got, baseUrl: string) {
    this.#http = http;
    this.#baseUrl = baseUrl;
  }

  /**
   * GET /v1/events: reconnects with backoff and Last-Event-ID, so nothing is missed or repeated
   * across drops; onState reports connecting, connected, reconnecting and closed.
   */
  subscribe(options: SubscribeOptions): EventSubscription {
    return subscribeEvents(this.#http, this.#baseUrl, options);
  }
}

/** What a read-only client sends besides reads: the session's own calls, "I am looking at this", and suggestions (a POST that changes nothing). */
const SENT_WHEN_READ_ONLY = /^\/?v1\/(auth\/|conversations\/\d+\/presence$|assist\/suggest$)/;

/**
 * Typed calls to the Support API, one namespace per resource (`client.conversations.resolve(id)`,
 * `client.accounts.close(id, …)`). Every failure is an ApiError.
 */
export class SupportClient implements Requester {
  readonly baseUrl: string;
  readonly #http: Got;
  readonly auth = new AuthApi(this);
  readonly me = new MeApi(this);
  readonly queue = new QueueApi(this);
  readonly conversations = new ConversationsApi(this);
  readonly macros = new MacrosApi(this);
  readonly complaints = new ComplaintsApi(this);
  readonly calendars = new CalendarsApi(this);
  readonly agents = new AgentsApi(this);
  readonly teams = new TeamsApi(this);
  readonly slaPolicies = new SlaPoliciesApi(this);
  readonly desk = new DeskApi(this);
  /** Accounts, ledger, refunds, audit and customer context (money-api.ts). */
  readonly accounts = new AccountsApi(this);
  readonly transactions = new TransactionsApi(this);
  readonly refunds = new RefundsApi(this);
  readonly audit = new AuditApi(this);
  readonly customers = new CustomersApi(this);
  /** Satisfaction surveys, follow-ups, feedback (issue 15). */
  readonly surveys = new SurveysApi(this);
  readonly reports = new ReportsApi(this);
  readonly reviews = new ReviewsApi(this);
  /** Incidents and their broadcasts (issue 17). */
  readonly incidents = new IncidentsApi(this);
  readonly announcements = new AnnouncementsApi(this);
  readonly events: EventsApi;
  /** Bulk runs only: see lean-http.ts. */
  readonly search = new SearchApi(this);
  /** Suggested macros and replies, category, priority and language (issue 18). */
  readonly assist = new AssistApi(this);
  readonly #lean: LeanRequest | undefined;
  readonly #readOnly: boolean;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#readOnly = options.readOnly ?? false;
    this.#http = createHttp(options);
    this.#lean = options.bulk ? createLeanHttp({ ...options, bulk: options.bulk }) : undefined;
    this.events = new EventsApi(this.#http, this.baseUrl);
  }

  /**
   * Sends one request. `idempotent` marks a POST that is safe to retry (it carries an idempotency key
   * or a client message id); other POSTs are never retried.
   */
  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    if (this.#readOnly && method !== 'GET' && !SENT_WHEN_READ_ONLY.test(path)) {
      throw new ApiError('read_only', `read-only mode: ${method} /${path.replace(/^\//, '')} was not sent`);
    }
    if (this.#lean) {
      const query = searchParams(options.query);
      const answer = await this.#lean(method, path, { ...(options.json !== undefined ? { json: options.json } : {}), ...(query ? { query } : {}), ...(options.headers ? { headers: options.headers } : {}) });
      return { body: (answer.status === 204 ? undefined : answer.body) as T, status: answer.status, headers: answer.headers };
    }
    const init: OptionsInit = {
      method,
      ...(options.json !== undefined ? { json: options.json } : {}),
      ...(options.query ? { searchParams: searchParams(options.query) } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.idempotent ? { retry: { methods: [...IDEMPOTENT_METHODS, method] } } : {}),
    };
    try {
      const response = (await this.#http(path.replace(/^\//, ''), init)) as Response<unknown>;
      return { body: (response.statusCode === 204 ? undefined : response.body) as T, status: response.statusCode, headers: response.headers };
    } catch (error) {
      throw translateError(error, this.baseUrl);
    }
  }
}
