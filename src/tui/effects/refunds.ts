import { isSupervisor } from '../state/selectors.js';
import type { Connection } from './connection.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';

const MY_REFUNDS_LIMIT = 200;

/** Refunds: those waiting for a supervisor's approval, and those this agent asked for. */
export function createRefundEffects(ctx: EffectContext, connection: Connection) {
  const { store, client } = ctx;

  async function loadApprovals(): Promise<void> {
    store.update((s) => ({ approvals: { ...s.approvals, status: 'loading' } }));
    try {
      const data = await client.refunds.listAll({ approvable: true });
      store.update((s) => ({ approvals: { status: 'ready', data }, approvalSelected: Math.min(s.approvalSelected, Math.max(0, data.length - 1)) }));
    } catch (error) {
      store.update((s) => ({ approvals: { ...s.approvals, status: 'error', error: messageOf(error) } }));
    }
  }

  /** Supervisors see how many refunds wait for them from the start; live events keep the count. */
  function watchApprovals(): void {
    if (isSupervisor(store.getState())) void loadApprovals();
  }

  /** The refunds this agent asked for, with their status (the "my refunds" list). */
  async function loadMyRefunds(): Promise<void> {
    store.update((s) => ({ myRefunds: { ...s.myRefunds, status: 'loading' } }));
    try {
      const data = await client.refunds.listAll({ requestedBy: 'me' }, MY_REFUNDS_LIMIT);
      store.update(() => ({ myRefunds: { status: 'ready', data } }));
    } catch (error) {
      store.update((s) => ({ myRefunds: { ...s.myRefunds, status: 'error', error: messageOf(error) } }));
      connection.reached(false, error);
    }
  }

  return { loadApprovals, watchApprovals, loadMyRefunds };
}
