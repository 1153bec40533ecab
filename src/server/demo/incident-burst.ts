import type { Language } from '../../api/enums.js';
import { displayMoney } from '../../api/money.js';
import type { Currency } from '../../api/currencies.js';
import type { ServerContext } from '../context.js';
import { SYSTEM_SCOPE } from '../domain/actor.js';
import { openConversation } from '../domain/inbound.js';
import { runUnitOfWork } from '../domain/unit-of-work.js';
import { newId } from '../store/ids.js';
import { fill, MERCHANTS } from './corpus.js';
import type { Rng } from './rng.js';

/** What a customer caught in the outage writes, in their language. */
const WRITES: Record<Language, { subject: string; body: string }[]> = {
  en: [
    { subject: 'Payment failed at {merchant}', body: 'My payment of {amount} at {merchant} just failed, the app says network error. Is something down? ({txn})' },
    { subject: "Can't pay at {merchant}", body: 'Tried three times to pay at {merchant}, keeps failing 😤 ({txn})' },
  ],
  zh: [
    { subject: '在{merchant}付不了款', body: '刚才在{merchant}付{amount}失败了，提示网络错误，是系统出问题了吗？（{txn}）' },
    { subject: '{merchant}支付一直失败', body: '{merchant}付款试了好几次都失败😭 交易 {txn}' },
  ],
  id: [
    { subject: 'Pembayaran gagal di {merchant}', body: 'Bayar {amount} di {merchant} gagal terus, katanya network error. Ada gangguan? ({txn})' },
    { subject: 'Tidak bisa bayar di {merchant}', body: 'Sudah 3 kali coba bayar di {merchant}, gagal terus 😩 ({txn})' },
  ],
};

/**
 * A demo outage: payments at one merchant start failing (network_error) for several customers at once,
 * and each writes in about it in their language, so that a supervisor can declare an incident and link
 * them. Failed payments move no money; they are recorded as the seed records its history.
 */
export async function incidentBurst(ctx: ServerContext, rng: Rng, customers = rng.int(5, 9)): Promise<{ merchant: string; conversationIds: number[] }> {
  const merchant = rng.pick(MERCHANTS);
  const wallets = await ctx.db
    .selectFrom('wallet_accounts')
    .innerJoin('customers', 'customers.id', 'wallet_accounts.customer_id')
    .select(['wallet_accounts.id', 'wallet_accounts.currency', 'customers.id as customer_id', 'customers.name', 'customers.language'])
    .where('wallet_accounts.status', '=', 'active')
    .orderBy('wallet_accounts.id')
    .execute();
  const chosen = new Map<string, (typeof wallets)[number]>();
  for (let tries = 0; chosen.size < Math.min(customers, wallets.length) && tries < customers * 10; tries++) {
    const wallet = rng.pick(wallets);
    if (!chosen.has(wallet.customer_id)) chosen.set(wallet.customer_id, wallet);
  }
  const conversationIds: number[] = [];
  for (const wallet of chosen.values()) {
    const language = (wallet.language in WRITES ? wallet.language : 'en') as Language;
    const amount = wallet.currency === 'IDR' || wallet.currency === 'JPY' ? rng.int(15, 250) * 1000 : rng.int(500, 20_000);
    const txn = newId('txn');
    const { conversation } = await runUnitOfWork(ctx, SYSTEM_SCOPE, async (uow) => {
      await uow.trx
        .insertInto('transactions')
        .values({ id: txn, account_id: wallet.id, type: 'payment', status: 'failed', amount, currency: wallet.currency, refunded_amount: 0, failure_reason: 'network_error', counterparty: merchant, description: `Payment at ${merchant}`, foreign_amount: null, foreign_currency: null, exchange_rate: null, created_at: uow.now, payment_method: 'qris' })
        .execute();
      const text = rng.pick(WRITES[language]);
      const values = { merchant, amount: displayMoney({ amount, currency: wallet.currency as Currency }), txn, name: wallet.name, status: 'failed' };
      return openConversation(uow, { customerId: wallet.customer_id, channel: 'chat', category: 'payment_failed', priority: 'high', subject: fill(text.subject, values), body: fill(text.body, values) });
    });
    conversationIds.push(conversation.id);
  }
  return { merchant, conversationIds };
}
