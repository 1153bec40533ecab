import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { MAX_MINOR_UNITS } from '../../api/money.js';
import { ProblemError } from './problem-error.js';

/**
 * Columns that hold money, in integer minor units: never beyond ±MAX_MINOR_UNITS. The ledger never
 * writes more; another system feeding these tables, or an older version of this one, may have.
 */
const MONEY_COLUMNS = new Map([
  ['balance', 'a balance'],
  ['amount', 'an amount'],
  ['refunded_amount', 'a refunded amount'],
  ['foreign_amount', 'a foreign amount'],
  ['per_refund', 'a per-refund limit'],
  ['per_day', 'a daily limit'],
]);

const NOUNS: Record<string, string> = {
  wallet_accounts: 'account',
  transactions: 'transaction',
  refunds: 'refund',
  refund_limits: 'refund limit',
};

/** Where a value out of range was read: the API's name for the row, and what to do about it. */
function describe(table: string | undefined, row: UnknownRow, column: string, value: number | bigint): string {
  const noun = (table && NOUNS[table]) ?? (table ? `${table} row` : 'a row');
  const id = typeof row['id'] === 'string' || typeof row['id'] === 'number' ? ` ${row['id']}` : row['role'] && row['currency'] ? ` ${row['role']} ${row['currency']}` : '';
  const what = MONEY_COLUMNS.get(column);
  if (!what) return `${noun}${id} holds ${column} = ${value}, beyond 2^53, the largest integer the API reads exactly; correct it in the database`;
  const where = `${noun}${id} holds ${what} of ${value} minor units, beyond the ±${MAX_MINOR_UNITS} (10^15) the API carries`;
  if (table === 'wallet_accounts' && column === 'balance') {
    const excess = (typeof value === 'bigint' ? (value < 0n ? -value : value) : BigInt(Math.abs(value))) - BigInt(MAX_MINOR_UNITS);
    return excess <= BigInt(MAX_MINOR_UNITS)
      ? `${where}; an admin brings it back with a posting of at least ${excess} ${value > 0 ? 'out (withdrawal)' : 'in (top-up)'} (POST /v1/accounts/${String(row['id'])}/transactions)`
      : `${where}, more than one posting can correct; correct it in the wallet system`;
  }
  return `${where}; correct it in the wallet system`;
}

/** The table a query reads or returns rows of, for naming a row in an error. */
function tableOf(node: RootOperationNode): string | undefined {
  const target: OperationNode | undefined =
    node.kind === 'SelectQueryNode' ? node.from?.froms[0] : node.kind === 'UpdateQueryNode' ? node.table : node.kind === 'InsertQueryNode' ? node.into : node.kind === 'DeleteQueryNode' ? node.from.froms[0] : undefined;
  const table = target?.kind === 'AliasNode' ? (target as OperationNode & { node: OperationNode }).node : target;
  return table?.kind === 'TableNode' ? (table as OperationNode & { table: { identifier: { name: string } } }).table.identifier.name : undefined;
}

/**
 * Every row read passes here: a money value beyond ±MAX_MINOR_UNITS, or any integer past 2^53 (the
 * drivers read those exactly, as bigints), fails the read with 409 stored_value_out_of_range naming
 * the row, instead of a 500 further on or a rounded number shown to an agent.
 */
export class StoredRangePlugin implements KyselyPlugin {
  readonly #tables = new WeakMap<object, string | undefined>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#tables.set(args.queryId, tableOf(args.node));
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const table = this.#tables.get(args.queryId);
    for (const row of args.result.rows) {
      for (const column in row) {
        const value = row[column];
        if (typeof value === 'bigint' || (typeof value === 'number' && MONEY_COLUMNS.has(column) && Math.abs(value) > MAX_MINOR_UNITS)) {
          throw new ProblemError('stored_value_out_of_range', describe(table, row, column, value));
        }
      }
    }
    return args.result;
  }
}
