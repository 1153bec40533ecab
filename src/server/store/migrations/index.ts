import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Engine } from '../engine.js';
import * as foundation from './001-foundation.js';
import * as workflow from './002-workflow.js';
import * as macrosComplaints from './003-macros-complaints.js';
import * as money from './004-money.js';
import * as queueOrder from './005-queue-order.js';
import * as claimOrderPostgres from './006-claim-order-postgres.js';
import * as eventCommitOrderPostgres from './007-event-commit-order-postgres.js';
import * as refundAllowanceIndex from './008-refund-allowance-index.js';
import * as limitLocks from './009-limit-locks.js';
import * as lookup from './010-lookup.js';
import * as calendars from './011-calendars.js';
import * as surveysReviews from './012-surveys-reviews.js';
import * as desk from './013-desk.js';
import * as customerHistory from './014-customer-history.js';
import * as incidents from './016-incidents.js';
import * as clockCalendarsComplaintNotices from './017-clock-calendars-complaint-notices.js';
import * as incidentClocksPaymentMethods from './018-incident-clocks-payment-methods.js';
import * as deskSettings from './019-desk-settings.js';
import * as deskCounters from './020-desk-counters.js';
import * as reportCounters from './021-report-counters.js';

interface EngineMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/** Every migration, in order. Names are permanent: a deployed database records them. */
const MIGRATIONS: Record<string, EngineMigration> = {
  '001-foundation': foundation,
  '002-workflow': workflow,
  '003-macros-complaints': macrosComplaints,
  '004-money': money,
  '005-queue-order': queueOrder,
  '006-claim-order-postgres': claimOrderPostgres,
  '007-event-commit-order-postgres': eventCommitOrderPostgres,
  '008-refund-allowance-index': refundAllowanceIndex,
  '009-limit-locks': limitLocks,
  '010-lookup': lookup,
  '011-calendars': calendars,
  '012-surveys-reviews': surveysReviews,
  '013-desk': desk,
  '014-customer-history': customerHistory,
  '016-incidents': incidents,
  '017-clock-calendars-complaint-notices': clockCalendarsComplaintNotices,
  '018-incident-clocks-payment-methods': incidentClocksPaymentMethods,
  '019-desk-settings': deskSettings,
  '020-desk-counters': deskCounters,
  '021-report-counters': reportCounters,
};

export function migrationsFor(engine: Engine): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, engine) }]),
  );
}
