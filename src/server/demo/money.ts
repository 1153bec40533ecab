import type { Insertable, Kysely } from 'kysely';
import type { Language, LoginOutcome, TwoFactorMethod } from '../../api/enums.js';
import type { Database } from '../store/tables.js';
import { insertChunked } from './insert-chunked.js';
import { Rng } from './rng.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const DEVICES: Record<Language, { name: string; platform: string }[]> = {
  id: [
    { name: 'Samsung Galaxy A54', platform: 'android' },
    { name: 'Xiaomi Redmi Note 13', platform: 'android' },
    { name: 'OPPO A78', platform: 'android' },
    { name: 'iPhone 13', platform: 'ios' },
    { name: 'Chrome on Windows', platform: 'web' },
  ],
  zh: [
    { name: 'Huawei P60', platform: 'android' },
    { name: 'Xiaomi 14', platform: 'android' },
    { name: 'iPhone 15', platform: 'ios' },
    { name: 'vivo X100', platform: 'android' },
    { name: 'Edge on Windows', platform: 'web' },
  ],
  en: [
    { name: 'iPhone 15 Pro', platform: 'ios' },
    { name: 'Google Pixel 8', platform: 'android' },
    { name: 'Safari on macOS', platform: 'web' },
    { name: 'Samsung Galaxy S24', platform: 'android' },
  ],
};

const PLACES: Record<Language, { city: string; net: string }[]> = {
  id: [
    { city: 'Jakarta, ID', net: '36.72' },
    { city: 'Surabaya, ID', net: '114.122' },
    { city: 'Bandung, ID', net: '182.253' },
  ],
  zh: [
    { city: 'Shanghai, CN', net: '116.228' },
    { city: 'Shenzhen, CN', net: '183.14' },
    { city: 'Beijing, CN', net: '123.112' },
  ],
  en: [
    { city: 'Singapore, SG', net: '101.127' },
    { city: 'Kuala Lumpur, MY', net: '175.139' },
  ],
};

/** Where account takeovers in the demo come from: a new phone, far away. */
const STRANGERS = [
  { device: { name: 'Unknown Android device', platform: 'android' }, city: 'Lagos, NG', net: '102.89' },
  { device: { name: 'Chrome on Linux', platform: 'web' }, city: 'Bucharest, RO', net: '86.120' },
  { device: { name: 'Unknown iPhone', platform: 'ios' }, city: 'São Paulo, BR', net: '177.71' },
];

/**
 * The demo desk's money side, on top of seedDemo: each customer's 2FA method, devices and recent
 * logins (customers with an account-security conversation show a login from a new device far away,
 * as a takeover would), and two refunds above the agent limit waiting for a supervisor's approval.
 * Deterministic like the rest of the demo.
 */
export async function seedMoneyDemo(db: Kysely<Database>, now: number): Promise<void> {
  const rng = new Rng(5_150_2026);
  const customers = await db.selectFrom('customers').select(['id', 'language', 'two_factor_enabled', 'created_at']).orderBy('id').execute();
  const targeted = new Set(
    (await db.selectFrom('conversations').select('customer_id').where('category', '=', 'account_security').execute()).map((c) => c.customer_id),
  );

  const security: Insertable<Database['customer_security']>[] = [];
  const devices: Insertable<Database['customer_devices']>[] = [];
  const logins: Insertable<Database['customer_logins']>[] = [];
  for (const customer of customers) {
    const language = customer.language as Language;
    security.push({
      customer_id: customer.id,
      two_factor_method: customer.two_factor_enabled === 1 ? rng.weighted<TwoFactorMethod>([['sms', 40], ['app_push', 35], ['totp', 25]]) : null,
      password_changed_at: rng.chance(0.8) ? Math.max(customer.created_at, now - rng.int(3, 400) * DAY) : null,
    });
    const own = Array.from({ length: rng.int(1, 3) }, (_, i) => {
      const model = rng.pick(DEVICES[language]);
      const firstSeen = Math.min(now - DAY, customer.created_at + rng.int(0, 200) * DAY);
      return {
        id: rng.id('dev', 12),
        customer_id: customer.id,
        name: model.name,
        platform: model.platform,
        trusted: i === 0 ? 1 : rng.chance(0.5) ? 1 : 0,
        first_seen_at: firstSeen,
        last_seen_at: Math.max(firstSeen, now - rng.int(1, 20 * 24) * HOUR),
      };
    });
    devices.push(...own);
    const home = rng.pick(PLACES[language]);
    for (let i = rng.int(3, 8); i > 0; i--) {
      const device = rng.pick(own);
      logins.push({
        customer_id: customer.id,
        at: Math.max(device.first_seen_at, now - rng.int(2, 30 * 24) * HOUR),
        outcome: rng.weighted<LoginOutcome>([['succeeded', 90], ['failed', 7], ['challenged', 3]]),
        ip: `${home.net}.${rng.int(1, 254)}.${rng.int(1, 254)}`,
        location: home.city,
        device_id: device.id,
      });
    }
    if (targeted.has(customer.id)) {
      const stranger = rng.pick(STRANGERS);
      const at = now - rng.int(1, 18) * HOUR;
      const device = { id: rng.id('dev', 12), customer_id: customer.id, name: stranger.device.name, platform: stranger.device.platform, trusted: 0, first_seen_at: at, last_seen_at: at };
      devices.push(device);
      const ip = `${stranger.net}.${rng.int(1, 254)}.${rng.int(1, 254)}`;
      for (const [offset, outcome] of [[-20, 'failed'], [-12, 'failed'], [0, 'succeeded']] as const) {
        logins.push({ customer_id: customer.id, at: at + offset * 60_000, outcome, ip, location: stranger.city, device_id: device.id });
      }
    }
  }

  const agent = await db.selectFrom('agents').select('id').where('email', '=', 'agent@example.com').executeTakeFirstOrThrow();
  // Two CNY payments above the agent's 500.00 limit, from refund conversations: the approvals queue.
  const payments = await db
    .selectFrom('transactions')
    .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
    .select(['transactions.id', 'transactions.account_id', 'transactions.amount', 'wallet_accounts.customer_id'])
    .where('transactions.type', '=', 'payment')
    .where('transactions.status', '=', 'succeeded')
    .where('transactions.currency', '=', 'CNY')
    .where('transactions.amount', '>', 50_000)
    .where('transactions.foreign_currency', 'is', null)
    .orderBy('transactions.created_at', 'desc')
    .orderBy('transactions.id')
    .limit(2)
    .execute();
  const refunds: Insertable<Database['refunds']>[] = payments.map((p, i) => ({
    id: rng.id('rfd', 16),
    transaction_id: p.id,
    account_id: p.account_id,
    customer_id: p.customer_id,
    amount: p.amount,
    currency: 'CNY',
    reason: i === 0 ? 'failed_delivery' : 'duplicate',
    note: i === 0 ? 'Merchant confirmed the order was never shipped.' : 'Charged twice for the same order; the other charge stands.',
    status: 'pending_approval',
    approval_reason: 'per_refund_limit',
    requested_by: agent.id,
    requested_by_role: 'agent',
    authorized_by: null,
    authorized_at: null,
    decided_by: null,
    decided_at: null,
    decision_note: null,
    refund_transaction_id: null,
    created_at: now - (i + 1) * HOUR,
    updated_at: now - (i + 1) * HOUR,
  }));

  await db.transaction().execute(async (trx) => {
    await insertChunked(trx, 'customer_security', security);
    await insertChunked(trx, 'customer_devices', devices);
    await insertChunked(trx, 'customer_logins', logins);
    if (refunds.length) await trx.insertInto('refunds').values(refunds).execute();
  });
}
