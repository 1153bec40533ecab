import type { Currency } from '../../api/currencies.js';
import { CHANNELS, type Channel, type Language } from '../../api/enums.js';
import { displayMoney } from '../../api/money.js';
import type { ServerContext } from '../context.js';
import { SYSTEM_SCOPE } from '../domain/actor.js';
import { runUnitOfWork } from '../domain/unit-of-work.js';
import { openConversation, receiveCustomerMessage } from '../domain/inbound.js';
import { answerSurvey } from '../domain/surveys.js';
import { CUSTOMER_FOLLOW_UPS, fill, MERCHANTS, OPENINGS, SUGGESTIONS, SURVEY_COMMENTS } from './corpus.js';
import { incidentBurst } from './incident-burst.js';
import { Rng } from './rng.js';
import { CATEGORY_WEIGHTS, priorityFor, storyFor } from './seed.js';

export interface SimulatorOptions {
  /** Pause between two customer actions: a random time in [min, max] milliseconds. */
  minDelayMs?: number;
  maxDelayMs?: number;
  seed?: number;
}


/**
 * The demo desk's customers: every few seconds one of them writes on a conversation (which reopens it
 * if it was resolved or snoozed), or a new conversation arrives, in the customers' languages. It goes
 * through the same domain functions as a channel integration, so the queue, SLA clocks and live
 * events behave as they would in production. Off unless asked for; stop() waits for the action in flight.
 */
export class DemoSimulator {
  readonly #ctx: ServerContext;
  readonly #rng: Rng;
  readonly #min: number;
  readonly #max: number;
  readonly #onError: (error: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #acting: Promise<void> | undefined;
  #stopped = false;
  /** Surveys whose customers chose not to answer: most never do. */
  readonly #ignored = new Set<number>();

  constructor(ctx: ServerContext, options: SimulatorOptions, onError: (error: unknown) => void) {
    this.#ctx = ctx;
    this.#rng = new Rng(options.seed ?? Date.now());
    this.#min = options.minDelayMs ?? 3000;
    this.#max = Math.max(this.#min, options.maxDelayMs ?? 8000);
    this.#onError = onError;
  }

  start(): void {
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#acting;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#acting = this.act()
        .catch((error: unknown) => this.#onError(error))
        .finally(() => {
          this.#acting = undefined;
          this.#schedule();
        });
    }, this.#rng.int(this.#min, this.#max));
    this.#timer.unref();
  }

  /** One customer action: a follow-up (most of the time), a new conversation, or now and then an outage at one merchant. */
  async act(): Promise<void> {
    if (await this.#answerSurvey()) return;
    const roll = this.#rng.next();
    if (roll > 0.985) {
      await incidentBurst(this.#ctx, this.#rng);
      return;
    }
    if (roll < 0.25 || !(await this.#followUp(roll < 0.35))) await this.#newConversation();
  }

  /**
   * A customer answers the satisfaction survey of a resolution, in their language, through the same
   * token check as the wallet app; about a third of them answer at all, mostly happy, a few not.
   */
  async #answerSurvey(): Promise<boolean> {
    const now = this.#ctx.now();
    const waiting = await this.#ctx.db
      .selectFrom('surveys')
      .select(['id', 'token', 'language'])
      .where('answered_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('id', 'desc')
      .limit(50)
      .execute();
    const survey = waiting.find((s) => !this.#ignored.has(s.id));
    if (!survey) return false;
    if (this.#rng.next() >= 0.35) {
      this.#ignored.add(survey.id);
      return false;
    }
    const rating = this.#rng.weighted<number>([[5, 40], [4, 30], [3, 15], [2, 10], [1, 5]]);
    const language = (survey.language in SURVEY_COMMENTS ? survey.language : 'en') as Language;
    const mood = rating <= 2 ? 'low' : rating === 3 ? 'mid' : 'high';
    const comment = this.#rng.next() < 0.7 ? this.#rng.pick(SURVEY_COMMENTS[language][mood]) : undefined;
    const suggestion = this.#rng.next() < 0.2 ? this.#rng.pick(SUGGESTIONS[language]) : undefined;
    await answerSurvey(this.#ctx, survey.id, survey.token, { rating, ...(comment ? { comment } : {}), ...(suggestion ? { suggestion } : {}) }, 'demo-simulator');
    return true;
  }

  /** A customer writes again; now and then on a resolved or snoozed conversation, which reopens it. */
  async #followUp(reopening: boolean): Promise<boolean> {
    const db = this.#ctx.db;
    const statuses = reopening ? ['resolved', 'snoozed'] : ['open', 'pending'];
    const recent = await db
      .selectFrom('conversations')
      .innerJoin('customers', 'customers.id', 'conversations.customer_id')
      .select(['conversations.id', 'customers.language'])
      .where('conversations.status', 'in', statuses)
      .orderBy('conversations.updated_at', 'desc')
      .limit(40)
      .execute();
    if (recent.length === 0) return false;
    const target = this.#rng.pick(recent);
    const body = this.#rng.pick(CUSTOMER_FOLLOW_UPS[target.language as Language] ?? CUSTOMER_FOLLOW_UPS.en);
    await runUnitOfWork(this.#ctx, SYSTEM_SCOPE, (uow) => receiveCustomerMessage(uow, target.id, { body, clientMessageId: null }));
    return true;
  }

  async #newConversation(): Promise<void> {
    const db = this.#ctx.db;
    const count = await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(count.n) === 0) return;
    const customer = await db
      .selectFrom('customers')
      .select(['id', 'name', 'language'])
      .orderBy('id')
      .offset(this.#rng.int(0, Number(count.n) - 1))
      .limit(1)
      .executeTakeFirstOrThrow();
    const txns = await db
      .selectFrom('transactions')
      .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
      .select(['transactions.id', 'transactions.type', 'transactions.status', 'transactions.amount', 'transactions.currency', 'transactions.counterparty', 'transactions.foreign_currency', 'transactions.failure_reason'])
      .where('wallet_accounts.customer_id', '=', customer.id)
      .orderBy('transactions.created_at', 'desc')
      .limit(30)
      .execute();
    const language = (customer.language as Language) in OPENINGS.other ? (customer.language as Language) : 'en';
    const { category, opening, txn } = storyFor(this.#rng, this.#rng.weighted(CATEGORY_WEIGHTS), language, txns);
    const values = {
      name: customer.name,
      merchant: txn?.counterparty ?? this.#rng.pick(MERCHANTS),
      amount: txn ? displayMoney({ amount: txn.amount, currency: txn.currency as Currency }) : '',
      txn: txn?.id ?? '',
      status: txn?.status ?? 'succeeded',
    };
    await runUnitOfWork(this.#ctx, SYSTEM_SCOPE, (uow) =>
      openConversation(uow, {
        customerId: customer.id,
        channel: this.#rng.weighted<Channel>(CHANNELS.map((c) => [c, c === 'chat' ? 5 : c === 'email' ? 3 : 1] as const)),
        category,
        priority: priorityFor(this.#rng, category),
        subject: fill(opening.subject, values),
        body: fill(opening.body, values),
      }),
    );
  }
}
