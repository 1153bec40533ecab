import { sql, type Kysely } from 'kysely';
import type { MacroVariable } from '../../api/macros.js';
import type { AuthenticatedAgent } from '../context.js';
import { ProblemError } from './errors.js';
import { incidentVariable } from './incident-variables.js';
import type { ConversationsTable, CustomersTable, Database } from '../store/tables.js';

/**
 * A variable's value and where it came from, or why this conversation cannot give one. `remedy` is
 * what an API caller can pass instead, kept apart from the reason: clients say it their own way (the
 * CLI names its option, the workspace offers a list to choose from).
 */
export type Resolution = { value: string; source: string } | { problem: string; remedy?: string };

type ConversationRef = Pick<ConversationsTable, 'subject'> & { id: number; customer_id: string };
type TransactionResolution = { value: string; source: string; accountId: string } | { problem: string; remedy?: string };
interface Parameters {
  transactionId?: string | undefined;
  accountId?: string | undefined;
}

const MENTIONED_TRANSACTION = /\btxn_[0-9A-Za-z]{6,32}\b/g;

/**
 * Fills macro variables from one conversation's context. Each value is looked up only when a macro
 * uses it, once.
 *
 * - customer.name: the conversation's customer.
 * - agent.name: the agent rendering the macro.
 * - transaction.id: the `transactionId` parameter; else the one transaction of this customer that the
 *   conversation (its subject and messages) mentions; none or several is an error that says which.
 * - account.id: the `accountId` parameter; else the account of that transaction when there is one;
 *   else the customer's only wallet; several wallets is an error listing them.
 * - complaint.number: the conversation's complaint (the open one, else the latest).
 * - incident.title, incident.eta, incident.update: the incident the conversation is linked to, in the
 *   customer's language (incident-variables.ts).
 *
 * A `transactionId` or `accountId` that is not this customer's is refused at once, used or not.
 */
export class MacroContext {
  readonly #db: Kysely<Database>;
  readonly #conversation: ConversationRef;
  readonly #customer: CustomersTable;
  readonly #agent: AuthenticatedAgent;
  readonly #params: Parameters;
  readonly #cache = new Map<MacroVariable, Promise<Resolution>>();
  #transactionLookup: Promise<TransactionResolution> | undefined;

  private constructor(db: Kysely<Database>, conversation: ConversationRef, customer: CustomersTable, agent: AuthenticatedAgent, params: Parameters) {
    this.#db = db;
    this.#conversation = conversation;
    this.#customer = customer;
    this.#agent = agent;
    this.#params = params;
  }

  static async open(
    db: Kysely<Database>,
    conversation: ConversationRef,
    customer: CustomersTable,
    agent: AuthenticatedAgent,
    params: Parameters,
  ): Promise<MacroContext> {
    const context = new MacroContext(db, conversation, customer, agent, params);
    await context.#checkParameters();
    return context;
  }

  resolve(variable: MacroVariable): Promise<Resolution> {
    let pending = this.#cache.get(variable);
    if (!pending) {
      pending = this.#lookUp(variable);
      this.#cache.set(variable, pending);
    }
    return pending;
  }

  async #lookUp(variable: MacroVariable): Promise<Resolution> {
    switch (variable) {
      case 'customer.name':
        return { value: this.#customer.name, source: `customer ${this.#customer.id}` };
      case 'agent.name':
        return { value: this.#agent.name, source: `you (${this.#agent.id})` };
      case 'transaction.id':
        return this.#transaction();
      case 'account.id':
        return this.#account();
      case 'complaint.number':
        return this.#complaint();
      case 'incident.title':
      case 'incident.eta':
      case 'incident.update':
        return incidentVariable(this.#db, this.#conversation.id, this.#customer.language, variable);
    }
  }

  async #checkParameters(): Promise<void> {
    const errors: { field: string; message: string }[] = [];
    const { transactionId, accountId } = this.#params;
    let transactionAccount: string | undefined;
    if (transactionId) {
      const row = await this.#customerTransactions([transactionId]);
      if (row.length === 0) errors.push({ field: 'transactionId (query)', message: `${transactionId} is not a transaction of customer ${this.#customer.id}` });
      else transactionAccount = row[0]!.account_id;
    }
    if (accountId) {
      const account = await this.#db
        .selectFrom('wallet_accounts')
        .select('id')
        .where('id', '=', accountId)
        .where('customer_id', '=', this.#customer.id)
        .executeTakeFirst();
      if (!account) errors.push({ field: 'accountId (query)', message: `${accountId} is not a wallet of customer ${this.#customer.id}` });
      else if (transactionAccount && transactionAccount !== accountId) {
        errors.push({ field: 'accountId (query)', message: `${accountId} is not the account of ${transactionId} (that is ${transactionAccount})` });
      }
    }
    if (errors.length) {
      throw new ProblemError('unprocessable', `${errors[0]!.field.replace(' (query)', '')}: ${errors[0]!.message}`, { status: 422, errors });
    }
  }

  #customerTransactions(ids: string[]) {
    return this.#db
      .selectFrom('transactions')
      .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
      .select(['transactions.id', 'transactions.account_id'])
      .where('transactions.id', 'in', ids)
      .where('wallet_accounts.customer_id', '=', this.#customer.id)
      .orderBy('transactions.id')
      .execute();
  }

  /** The transaction ids of this customer that the subject or a message of the conversation names. */
  async #mentionedTransactions(): Promise<{ id: string; account_id: string }[]> {
    const messages = await this.#db
      .selectFrom('messages')
      .select('body')
      .where('conversation_id', '=', this.#conversation.id)
      // A cheap prefilter; the pattern below decides.
      .where(sql<boolean>`body like '%txn%'`)
      .execute();
    const ids = new Set<string>();
    for (const text of [this.#conversation.subject, ...messages.map((m) => m.body)]) {
      for (const match of text.matchAll(MENTIONED_TRANSACTION)) ids.add(match[0]);
    }
    return ids.size ? this.#customerTransactions([...ids]) : [];
  }

  #transaction(): Promise<TransactionResolution> {
    this.#transactionLookup ??= this.#findTransaction();
    return this.#transactionLookup;
  }

  async #findTransaction(): Promise<TransactionResolution> {
    const explicit = this.#params.transactionId;
    if (explicit) {
      const [row] = await this.#customerTransactions([explicit]);
      return { value: explicit, source: 'the transactionId parameter', accountId: row!.account_id };
    }
    const mentioned = await this.#mentionedTransactions();
    if (mentioned.length === 1) return { value: mentioned[0]!.id, source: 'mentioned in the conversation', accountId: mentioned[0]!.account_id };
    if (mentioned.length === 0) {
      return { problem: `conversation ${this.#conversation.id} mentions no transaction of this customer`, remedy: 'pass the transaction id (transactionId)' };
    }
    return {
      problem: `conversation ${this.#conversation.id} mentions ${mentioned.length} transactions (${mentioned.map((t) => t.id).join(', ')})`,
      remedy: 'pass the one you mean (transactionId)',
    };
  }

  async #account(): Promise<Resolution> {
    const explicit = this.#params.accountId;
    if (explicit) return { value: explicit, source: 'the accountId parameter' };
    const transaction = await this.#transaction();
    if ('value' in transaction) {
      return { value: transaction.accountId, source: `the account of ${transaction.value}` };
    }
    const accounts = await this.#db
      .selectFrom('wallet_accounts')
      .select(['id', 'currency'])
      .where('customer_id', '=', this.#customer.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    if (accounts.length === 1) return { value: accounts[0]!.id, source: "the customer's only wallet" };
    if (accounts.length === 0) return { problem: `customer ${this.#customer.id} has no wallet account` };
    return {
      problem: `customer ${this.#customer.id} has ${accounts.length} wallets (${accounts.map((a) => `${a.id} ${a.currency}`).join(', ')}) and no single transaction is in question`,
      remedy: 'pass accountId or transactionId',
    };
  }

  async #complaint(): Promise<Resolution> {
    const row = await this.#db
      .selectFrom('complaints')
      .select(['number', 'status'])
      .where('conversation_id', '=', this.#conversation.id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) {
      return { problem: `conversation ${this.#conversation.id} has no complaint yet; open one first (support complaint create ${this.#conversation.id})` };
    }
    return { value: row.number, source: `the conversation's ${row.status === 'closed' ? 'latest (closed)' : row.status.replace('_', ' ')} complaint` };
  }
}
