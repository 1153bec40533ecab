import { FREEZE_REASONS, VERIFICATION_METHODS } from '../../../api/enums.js';
import { displayMoney } from '../../../api/money.js';
import { AccountParams, FreezeRequest, UnfreezeRequest } from '../../../api/schemas/money.js';
import { checkRequest, maxLengthOf, present } from './check-request.js';
import { notFound, optional, replayed, required, type ActionSpec, type BulkContext, type Problem, type Target } from './spec.js';

const checkAccount = (account: string | undefined, problem: Problem) =>
  checkRequest(AccountParams, present({ id: account }), { id: { column: 'account', is: 'an account id (wal_…)' } }, problem);

async function lookupAccount(context: BulkContext, id: string): Promise<Target | null> {
  try {
    const detail = await context.client.accounts.get(id);
    return { status: detail.account.status, currency: detail.account.balance.currency, label: displayMoney(detail.account.balance) };
  } catch (error) {
    if (notFound(error)) return null;
    throw error;
  }
}

interface FreezeRow {
  account: string;
  reason: (typeof FREEZE_REASONS)[number];
  note: string;
}

export const freeze: ActionSpec<FreezeRow> = {
  noun: ['account', 'accounts'],
  verb: 'freeze',
  columns: [
    { name: 'account', required: true, help: 'wallet account id (wal_…)' },
    { name: 'reason', required: true, help: FREEZE_REASONS.join(' | ') },
    { name: 'note', required: true, help: `what happened, for the next person who reads the account (at most ${maxLengthOf(FreezeRequest.properties.note)} characters)` },
  ],
  example: ['account,reason,note', 'wal_8Kq2mZ4T,fraud_review,"Chargebacks from one merchant, case 4471"', 'wal_3Hn7pQ2x,suspected_takeover,Unknown device'],
  parse(fields, problem) {
    const account = required(fields, 'account', problem);
    const reason = required(fields, 'reason', problem);
    const note = required(fields, 'note', problem);
    const checked = [checkAccount(account, problem), checkRequest(FreezeRequest, present({ reason, note }), { reason: { column: 'reason' }, note: { column: 'note' } }, problem)];
    // The reason is one of FREEZE_REASONS: the schema said so above.
    return checked.every(Boolean) && account && reason && note ? { account, reason: reason as FreezeRow['reason'], note } : undefined;
  },
  target: (row) => row.account,
  targetColumn: 'account',
  lookup: lookupAccount,
  preview: (row, t) => (t.status === 'active' ? `would freeze ${row.account} (${t.label}): active → frozen` : `would be refused: ${row.account} is ${t.status}`),
  async execute({ client }, row, key) {
    const done = await client.accounts.freeze(row.account, { reason: row.reason, note: row.note }, { idempotencyKey: key });
    return replayed(done.replayed, row.account, `${done.result.change.from} → ${done.result.change.to}`);
  },
};

interface UnfreezeRow {
  account: string;
  method: (typeof VERIFICATION_METHODS)[number];
  reference: string;
  verifiedBy?: string;
  note?: string;
}

export const unfreeze: ActionSpec<UnfreezeRow> = {
  noun: ['account', 'accounts'],
  verb: 'unfreeze',
  columns: [
    { name: 'account', required: true, help: 'wallet account id (wal_…)' },
    { name: 'method', required: true, help: `how the identity was verified: ${VERIFICATION_METHODS.join(' | ')}` },
    { name: 'reference', required: true, help: `document number, call recording or ticket that proves it (at most ${maxLengthOf(UnfreezeRequest.properties.verification.properties.reference)} characters)` },
    { name: 'verified_by', required: false, help: 'who verified, if not you (agt_…)' },
    { name: 'note', required: false, help: 'anything the next person should know' },
  ],
  example: ['account,method,reference,verified_by,note', 'wal_8Kq2mZ4T,video_call,VC-2026-118,,Customer confirmed on video', 'wal_3Hn7pQ2x,id_document,KTP 3174…,agt_Lead0001,'],
  parse(fields, problem) {
    const account = required(fields, 'account', problem);
    const method = required(fields, 'method', problem);
    const reference = required(fields, 'reference', problem);
    const verifiedBy = optional(fields, 'verified_by');
    const note = optional(fields, 'note');
    const request = { verification: present({ method, reference, verifiedBy }), ...present({ note }) };
    const checked = [
      checkAccount(account, problem),
      checkRequest(
        UnfreezeRequest,
        request,
        {
          'verification.method': { column: 'method' },
          'verification.reference': { column: 'reference' },
          'verification.verifiedBy': { column: 'verified_by', is: 'an agent id (agt_…)' },
          note: { column: 'note' },
        },
        problem,
      ),
    ];
    if (!checked.every(Boolean) || !account || !method || !reference) return undefined;
    // The method is one of VERIFICATION_METHODS: the schema said so above.
    return { account, method: method as UnfreezeRow['method'], reference, ...(verifiedBy ? { verifiedBy } : {}), ...(note ? { note } : {}) };
  },
  target: (row) => row.account,
  targetColumn: 'account',
  lookup: lookupAccount,
  preview: (row, t) => (t.status === 'frozen' ? `would unfreeze ${row.account} (${t.label}): frozen → active` : `would be refused: ${row.account} is ${t.status}`),
  async execute({ client }, row, key) {
    const done = await client.accounts.unfreeze(
      row.account,
      { verification: { method: row.method, reference: row.reference, ...(row.verifiedBy ? { verifiedBy: row.verifiedBy } : {}) }, ...(row.note ? { note: row.note } : {}) },
      { idempotencyKey: key },
    );
    return replayed(done.replayed, row.account, `${done.result.change.from} → ${done.result.change.to}`);
  },
};
