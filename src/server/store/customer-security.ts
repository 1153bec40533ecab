import type { Kysely } from 'kysely';
import type { LoginOutcome, TwoFactorMethod } from '../../api/enums.js';
import type { CustomerSecurity } from '../../api/types.js';
import type { Database } from './tables.js';
import { iso, isoOrNull } from './time.js';

const RECENT_LOGINS = 10;
const DEVICES = 20;

/** What an agent checks before trusting who is on the line: 2FA, recent logins, known devices. */
export async function securityOf(db: Kysely<Database>, customerId: string, twoFactorEnabled: boolean): Promise<CustomerSecurity> {
  const [security, logins, devices] = await Promise.all([
    db.selectFrom('customer_security').selectAll().where('customer_id', '=', customerId).executeTakeFirst(),
    db
      .selectFrom('customer_logins')
      .leftJoin('customer_devices', 'customer_devices.id', 'customer_logins.device_id')
      .select(['customer_logins.at', 'customer_logins.outcome', 'customer_logins.ip', 'customer_logins.location', 'customer_logins.device_id', 'customer_devices.name as device_name'])
      .where('customer_logins.customer_id', '=', customerId)
      .orderBy('customer_logins.at', 'desc')
      .orderBy('customer_logins.id', 'desc')
      .limit(RECENT_LOGINS)
      .execute(),
    db.selectFrom('customer_devices').selectAll().where('customer_id', '=', customerId).orderBy('last_seen_at', 'desc').orderBy('id').limit(DEVICES).execute(),
  ]);
  return {
    twoFactorEnabled,
    twoFactorMethod: twoFactorEnabled ? ((security?.two_factor_method as TwoFactorMethod | null | undefined) ?? null) : null,
    passwordChangedAt: isoOrNull(security?.password_changed_at ?? null),
    recentLogins: logins.map((l) => ({
      at: iso(l.at),
      outcome: l.outcome as LoginOutcome,
      ip: l.ip,
      location: l.location,
      device: l.device_id ? { id: l.device_id, name: l.device_name ?? l.device_id } : null,
    })),
    devices: devices.map((d) => ({
      id: d.id,
      name: d.name,
      platform: d.platform,
      trusted: d.trusted === 1,
      firstSeenAt: iso(d.first_seen_at),
      lastSeenAt: iso(d.last_seen_at),
    })),
  };
}
