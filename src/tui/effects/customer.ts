import type { Complaint } from '../../api/types.js';
import { CUSTOMER_TRANSACTIONS_MAX } from '../state/customer-rows.js';
import type { Screen } from '../state/types.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';


type Back = Extract<Screen, { name: 'customer' }>['back'];

/** The customer screen: its profile (GET /v1/customers/:id, recorded as customer.view), whole history and complaints; logging a call. */
export function createCustomerEffects(ctx: EffectContext, loadCustomer: (id: string) => Promise<void>) {
  const { store, client } = ctx;

  async function loadTransactions(customerId: string): Promise<void> {
    store.update((s) => ({ customerTransactions: { ...s.customerTransactions, [customerId]: { ...s.customerTransactions[customerId], status: 'loading' } } }));
    try {
      const data = await client.customers.transactionsAll(customerId, {}, CUSTOMER_TRANSACTIONS_MAX);
      store.update((s) => ({ customerTransactions: { ...s.customerTransactions, [customerId]: { status: 'ready', data } } }));
    } catch (error) {
      store.update((s) => ({ customerTransactions: { ...s.customerTransactions, [customerId]: { status: 'error', error: messageOf(error) } } }));
    }
  }

  /** Complaints hang on conversations: those of the customer's conversations the profile lists. */
  async function loadComplaints(customerId: string): Promise<void> {
    const conversations = store.getState().customers[customerId]?.data?.conversations ?? [];
    store.update((s) => ({ customerComplaints: { ...s.customerComplaints, [customerId]: { ...s.customerComplaints[customerId], status: 'loading' } } }));
    try {
      const pages = await Promise.all(conversations.map((c) => client.complaints.list({ conversationId: c.id })));
      const data: Complaint[] = pages.flatMap((p) => p.data);
      store.update((s) => ({ customerComplaints: { ...s.customerComplaints, [customerId]: { status: 'ready', data } } }));
    } catch (error) {
      store.update((s) => ({ customerComplaints: { ...s.customerComplaints, [customerId]: { status: 'error', error: messageOf(error) } } }));
    }
  }

  async function loadCustomerScreen(customerId: string): Promise<void> {
    await Promise.all([loadCustomer(customerId).then(() => loadComplaints(customerId)), loadTransactions(customerId)]);
  }

  /** Opens the customer's screen over the current one; Esc goes back to it. */
  function openCustomer(customerId: string): void {
    const current = store.getState().screen;
    const back: Back = current.name === 'customer' ? current.back : current;
    store.update(() => ({ screen: { name: 'customer', id: customerId, back }, customerSelected: 0, composing: false, overlay: undefined }));
    void loadCustomerScreen(customerId);
  }

  /** Starts logging a phone call with the customer: a phone conversation whose first note says so. */
  let starting = false;
  async function startCall(customerId: string): Promise<void> {
    // One call at a time: a second l while the first is being logged does not log another.
    if (starting || store.getState().call) return;
    starting = true;
    try {
      const started = await client.conversations.create(customerId, { channel: 'phone', subject: 'Phone call', body: 'Call taken at the desk.' });
      const conversationId = started.result.conversation.id;
      store.update(() => ({ call: { customerId, conversationId } }));
      ctx.flash(`Logging the call as #${conversationId}; l ends it with its summary`);
      void loadCustomer(customerId);
    } catch (error) {
      ctx.flash(`Could not log the call: ${messageOf(error)}`, 'error');
    } finally {
      starting = false;
    }
  }

  return { openCustomer, loadCustomerScreen, startCall };
}
