import type { Currency } from '../../../api/currencies.js';
import { isApiError } from '../../../client/errors.js';
import type { SupportClient } from '../../../client/support-client.js';

export const BULK_ACTIONS = ['freeze', 'unfreeze', 'refund', 'resolve', 'reply', 'note', 'assign', 'tag'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface Column {
  name: string;
  required: boolean;
  help: string;
}

/** What the server said about the row's target, read once per distinct target before anything runs. */
export type Target = { status: string; currency?: Currency; refundable?: number; assigneeId?: string | null; label?: string };

export interface RowDone {
  outcome: 'ok' | 'skipped';
  /** What was made or changed: the refund, the account, the message. */
  id: string | null;
  detail: string;
}

export interface BulkContext {
  /** No retries of its own: the runner and the validation retry with backoff. */
  client: SupportClient;
  /** Agent ids by lower-case email, for assign. */
  agents?: Map<string, string>;
}

export type Problem = (column: string, message: string) => void;

export interface ActionSpec<P> {
  /** "freeze 1,204 accounts" */
  noun: [string, string];
  verb: string;
  columns: Column[];
  example: string[];
  /** Checks one row without the server; calls `problem` for each bad field. */
  parse(fields: Record<string, string>, problem: Problem, context: BulkContext): P | undefined;
  /** The id the server is asked about (account, payment, conversation). */
  target(payload: P): string;
  targetColumn: string;
  /** null: no such thing. */
  lookup(context: BulkContext, id: string): Promise<Target | null>;
  /** Checks the row against what the server said; the message names what is wrong. */
  checkTarget?(payload: P, target: Target): { column: string; message: string } | undefined;
  /** What the row would do now, for --dry-run. */
  preview(payload: P, target: Target): string;
  execute(context: BulkContext, payload: P, key: string): Promise<RowDone>;
}

export function required(fields: Record<string, string>, name: string, problem: Problem): string | undefined {
  const value = fields[name]?.trim();
  if (!value) {
    problem(name, 'is empty');
    return undefined;
  }
  return value;
}

export function optional(fields: Record<string, string>, name: string): string | undefined {
  const value = fields[name]?.trim();
  return value ? value : undefined;
}

export const notFound = (error: unknown) => isApiError(error) && error.status === 404;

export const replayed = (was: boolean, id: string | null, detail: string): RowDone =>
  was ? { outcome: 'skipped', id, detail: `done before with this row's key: ${detail}` } : { outcome: 'ok', id, detail };
