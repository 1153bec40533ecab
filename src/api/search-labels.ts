import type { SearchKey } from './types.js';

/** How each way a lookup can match is named to a person: the CLI's MATCHED column, "tried: …" in both surfaces. */
export const SEARCH_KEY_LABELS: Record<SearchKey, string> = {
  conversation_number: 'conversation number',
  phone: 'phone',
  email: 'email',
  customer_id: 'customer id',
  wallet_id: 'wallet id',
  transaction_id: 'transaction id',
  refund_id: 'refund id',
  complaint_number: 'complaint number',
  name: 'name',
  message_text: 'message text',
};
