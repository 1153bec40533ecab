import type { AccountAction, AccountStatus, CloseReason, FreezeReason, Role, VerificationMethod } from '../../api/enums.js';
import { displayMoney } from '../../api/money.js';
import type { Currency } from '../../api/currencies.js';
import type { AccountStatusChange } from '../../api/types.js';
import { ANY_ROLE, SUPERVISORS, type AuthenticatedAgent } from '../context.js';
import { AuditedProblem, ProblemError } from './errors.js';
import { findStatusChange } from '../store/account-history.js';
import { findAgent } from '../store/agents.js';
import { newId } from '../store/ids.js';
import type { WalletAccountsTable } from '../store/tables.js';
import type { UnitOfWork } from './unit-of-work.js';

interface Transition {
  from: readonly AccountStatus[];
  to: AccountStatus;
  /** Who may do it. Routes declare these as their access, so the table is the one source. */
  roles: readonly Role[];
}

/**
 * Every way an account's status may change; anything not listed is refused. Agents may freeze (an
 * emergency must not wait); opening a frozen wallet again, and closing one, take a supervisor.
 * Closed is final.
 */
export const ACCOUNT_TRANSITIONS: Record<AccountAction, Transition> = {
  freeze: { from: ['active'], to: 'frozen', roles: ANY_ROLE },
  unfreeze: { from: ['frozen'], to: 'active', roles: SUPERVISORS },
  close: { from: ['active', 'frozen'], to: 'closed', roles: SUPERVISORS },
};

/** What `role` may do to an account in `status`. */
export function allowedActions(status: AccountStatus, role: Role): AccountAction[] {
  return (Object.keys(ACCOUNT_TRANSITIONS) as AccountAction[]).filter((action) => {
    const t = ACCOUNT_TRANSITIONS[action];
    return t.from.includes(status) && t.roles.includes(role);
  });
}

const PARTICIPLE: Record<AccountAction, string> = { freeze: 'frozen', unfreeze: 'unfrozen', close: 'closed again' };

/** Why the table refuses `action` from the account's status, in words an agent acts on. */
function refusedTransition(action: AccountAction, account: WalletAccountsTable): string {
  const status = account.status as AccountStatus;
  if (status === 'closed') return `account ${account.id} is closed, and closed is final: it cannot be ${PARTICIPLE[action]}`;
  if (action === 'freeze') return `account ${account.id} is frozen already`;
  if (action === 'unfreeze') return `account ${account.id} is ${status}, not frozen: there is nothing to unfreeze`;
  return `account ${account.id} cannot be closed from ${status}`;
}

export type TransitionInput =
  | { action: 'freeze'; reason: FreezeReason; note: string }
  | { action: 'unfreeze'; note?: string | undefined; verification?: { method: VerificationMethod; reference: string; verifiedBy?: string | undefined } | undefined }
  | { action: 'close'; reason: CloseReason; note: string };

export interface TransitionResult {
  account: WalletAccountsTable;
  change: AccountStatusChange;
}

/**
 * Moves an account to another status by the transition table, inside the caller's transaction:
 * the status, a row in account_status_changes (who, when, why, from, to), the audit entry and a live
 * event land together. Refusals change nothing and are audited as denied.
 */
export async function changeAccountStatus(uow: UnitOfWork<AuthenticatedAgent>, accountId: string, input: TransitionInput): Promise<TransitionResult> {
  const { trx, ctx, now, actor } = uow;
  const action = input.action;
  const transition = ACCOUNT_TRANSITIONS[action];
  const call = { trx, now, idempotencyKey: uow.idempotencyKey, requestId: uow.requestId };
  const reasonText = 'reason' in input ? `${input.reason}: ${input.note}` : (input.note ?? null);
  const account = await ctx.wallets.lockAccount(call, accountId).catch((error: unknown) => {
    // A wallet whose stored balance the API cannot carry: refused like the rules' refusals, audited.
    if (!(error instanceof ProblemError) || error.code !== 'stored_value_out_of_range') throw error;
    const audit = { actorId: actor.id, actorRole: actor.role, action: `account.${action}`, targetType: 'account', targetId: accountId, after: { refused: error.code }, reason: reasonText, outcome: 'denied' as const };
    throw new AuditedProblem(error.code, error.message, audit, { status: error.status });
  });
  const refuse = (code: string, detail: string, status?: number) =>
    new AuditedProblem(
      code,
      detail,
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: `account.${action}`,
        targetType: 'account',
        targetId: account.id,
        before: { status: account.status },
        after: { refused: code },
        reason: reasonText,
        outcome: 'denied',
      },
      status === undefined ? {} : { status },
    );

  if (!transition.roles.includes(actor.role)) {
    throw refuse('forbidden', `your role (${actor.role}) cannot ${action} an account; it needs ${transition.roles.join(' or ')}`);
  }
  if (!transition.from.includes(account.status as AccountStatus)) {
    throw refuse('invalid_account_transition', refusedTransition(action, account));
  }

  let verificationId: string | null = null;
  if (input.action === 'unfreeze') {
    const verification = input.verification;
    if (!verification) {
      throw refuse(
        'identity_verification_required',
        `unfreezing ${account.id} needs a recorded identity verification: say how the customer was verified (id_document, video_call, security_questions or in_app_biometric) and give a reference`,
      );
    }
    const verifierId = verification.verifiedBy ?? actor.id;
    if (!(await findAgent(trx, verifierId))) {
      throw refuse('unknown_verifier', `verifiedBy ${verifierId} is not an agent of this desk`);
    }
    verificationId = newId('idv');
    await trx
      .insertInto('identity_verifications')
      .values({
        id: verificationId,
        customer_id: account.customer_id,
        account_id: account.id,
        method: verification.method,
        reference: verification.reference,
        verified_by: verifierId,
        recorded_by: actor.id,
        created_at: now,
      })
      .execute();
  }
  if (input.action === 'close' && account.balance !== 0) {
    throw refuse(
      'account_balance_not_zero',
      `account ${account.id} still holds ${displayMoney({ amount: account.balance, currency: account.currency as Currency })}; pay it out before closing, a closed wallet can never move it`,
    );
  }

  await ctx.wallets.setStatus(call, account, transition.to);
  const inserted = await trx
    .insertInto('account_status_changes')
    .values({
      account_id: account.id,
      customer_id: account.customer_id,
      action,
      from_status: account.status,
      to_status: transition.to,
      reason_code: 'reason' in input ? input.reason : null,
      note: input.note ?? null,
      verification_id: verificationId,
      actor_id: actor.id,
      actor_role: actor.role,
      request_id: uow.requestId,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const change = (await findStatusChange(trx, Number(inserted.id)))!;
  const updated: WalletAccountsTable = { ...account, status: transition.to, updated_at: now };

  await uow.audit({
    before: { status: account.status },
    after: { status: transition.to, changeId: change.id, ...(change.verification ? { verification: change.verification } : {}) },
    reason: reasonText,
  });
  await uow.emit({ type: 'account.status_changed', conversationId: null, payload: { accountId: account.id, customerId: account.customer_id, change } });
  return { account: updated, change };
}
