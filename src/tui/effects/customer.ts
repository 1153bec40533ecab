import type { AccountStatusChange, Complaint } from '../../api/types.js';
import { CUSTOMER_CONVERSATIONS_MAX, CUSTOMER_TRANSACTIONS_MAX } from '../state/customer-rows.js';
import { transactionQuery, type TransactionFilter } from '../state/transaction-filter.js';
import type { CustomerScreen } from '../state/types.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';

/** A customer's complaints are few: paging stops past this many (the ones due first). */
const COMPLAINTS_MAX = 500;

/** The customer screen: its profile (GET /v1/customers/:id, recorded as customer.view), all conversations, the whole (filtered) history, complaints and wallet history; logging a call. */
export function createCustomerEffects(ctx: EffectContext, loadCustomer: (id: string) => Promise<void>) {
  const { store, client } = ctx;

  /** The whole history under the screen's filter: status, type and since are the API's to filter, over every page. */
  async function loadTransactions(customerId: string): Promise<void> {
    const filter = store.getState().customerFilter[customerId];
    store.update((s) => ({ customerTransactions: { ...s.customerTransactions, [customerId]: { ...s.customerTransactions[customerId], status: 'loading' } } }));
    try {
      const data = await client.customers.transactionsAll(customerId, transactionQuery(filter), CUSTOMER_TRANSACTIONS_MAX);
      // A newer filter was set meanwhile: its own load stores its answer.
      if (store.getState().customerFilter[customerId] !== filter) return;
      store.update((s) => ({ customerTransactions: { ...s.customerTransactions, [customerId]: { status: 'ready', data } } }));
    } catch (error) {
      if (store.getState().customerFilter[customerId] !== filter) return;
      store.update((s) => ({ customerTransactions: { ...s.customerTransactions, [customerId]: { status: 'error', error: messageOf(error) } } }));
    }
  }

  /** Every complaint of the customer, across all their conversations (GET /v1/complaints?customerId=). */
  async function loadComplaints(customerId: string): Promise<void> {
    store.update((s) => ({ customerComplaints: { ...s.customerComplaints, [customerId]: { ...s.customerComplaints[customerId], status: 'loading' } } }));
    try {
      const data: Complaint[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await client.complaints.list({ customerId, limit: 200, ...(cursor ? { cursor } : {}) });
        data.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor && data.length < COMPLAINTS_MAX);
      store.update((s) => ({ customerComplaints: { ...s.customerComplaints, [customerId]: { status: 'ready', data } } }));
    } catch (error) {
      store.update((s) => ({ customerComplaints: { ...s.customerComplaints, [customerId]: { status: 'error', error: messageOf(error) } } }));
    }
  }

  /** Freezes, unfreezes and closings of every wallet of the customer, newest first, from each wallet's details. */
  async function loadWalletHistory(customerId: string): Promise<void> {
    const accounts = store.getState().customers[customerId]?.data?.accounts ?? [];
    store.update((s) => ({ customerWalletHistory: { ...s.customerWalletHistory, [customerId]: { ...s.customerWalletHistory[customerId], status: 'loading' } } }));
    try {
      const details = await Promise.all(accounts.map((a) => client.accounts.get(a.id)));
      const data: AccountStatusChange[] = details.flatMap((d) => d.history).sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);
      store.update((s) => ({ customerWalletHistory: { ...s.customerWalletHistory, [customerId]: { status: 'ready', data } } }));
    } catch (error) {
      store.update((s) => ({ customerWalletHistory: { ...s.customerWalletHistory, [customerId]: { status: 'error', error: messageOf(error) } } }));
    }
  }

  /** Every conversation of the customer, across channels (the profile lists the latest 20). */
  async function loadConversations(customerId: string): Promise<void> {
    store.update((s) => ({ customerConversations: { ...s.customerConversations, [customerId]: { ...s.customerConversations[customerId], status: 'loading' } } }));
    try {
      const data = await client.customers.conversationsAll(customerId, CUSTOMER_CONVERSATIONS_MAX);
      store.update((s) => ({ customerConversations: { ...s.customerConversations, [customerId]: { status: 'ready', data } } }));
    } catch (error) {
      store.update((s) => ({ customerConversations: { ...s.customerConversations, [customerId]: { status: 'error', error: messageOf(error) } } }));
    }
  }

  async function loadCustomerScreen(customerId: string): Promise<void> {
    await Promise.all([
      loadCustomer(customerId).then(() => loadWalletHistory(customerId)),
      loadConversations(customerId),
      loadComplaints(customerId),
      loadTransactions(customerId),
    ]);
  }

  /** Opens the customer's screen over the current one; Esc goes back to it. */
  function openCustomer(customerId: string): void {
    const current = store.getState().screen;
    const back: CustomerScreen['back'] = current.name === 'customer' ? current.back : current;
    store.update(() => ({ screen: { name: 'customer', id: customerId, back }, customerSelected: 0, composing: false, overlay: undefined }));
    void loadCustomerScreen(customerId);
  }

  /** Narrows the screen's transactions (undefined: the whole history again) and loads what the API filters. */
  function filterTransactions(customerId: string, filter: TransactionFilter | undefined): void {
    store.update((s) => {
      const customerFilter = { ...s.customerFilter };
      if (filter) customerFilter[customerId] = filter;
      else delete customerFilter[customerId];
      return { customerFilter, customerSelected: 0 };
    });
    void loadTransactions(customerId);
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

  return { openCustomer, loadCustomerScreen, startCall, filterTransactions };
}
