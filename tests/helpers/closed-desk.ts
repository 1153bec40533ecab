import type { SupportClient } from '../../src/client/support-client.js';
import type { TestServer } from './test-server.js';

const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Makes the desk closed at the real time now, for clients that count down by their own clock (the
 * CLI, the TUI): team `payments` works by a UTC calendar open every day, on holiday from yesterday to
 * the day after tomorrow, and normal conversations count business time. Returns a conversation opened
 * now (by the server's clock, set to now): its clock is paused until the holidays end.
 */
export async function pausedConversation(server: TestServer, admin: SupportClient, subject: string) {
  server.clock.now = Date.now();
  await admin.calendars.create({
    name: 'closed-now',
    zone: 'UTC',
    hours: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => ({ day: d, from: '09:00', to: '17:00' })),
    holidays: [{ from: day(server.clock.now - DAY), to: day(server.clock.now + 2 * DAY), name: 'closed' }],
    teams: ['payments'],
  });
  await admin.slaPolicies.set([{ priority: 'normal', firstResponseMs: 2 * 3_600_000, nextResponseMs: 4 * 3_600_000, resolutionMs: 24 * 3_600_000, clock: 'business' }]);
  const customer = await server.store.db.selectFrom('customers').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const { conversation } = await admin.conversations.open({ customerId: customer.id, channel: 'chat', category: 'other', priority: 'normal', subject, body: 'hello', team: 'payments' });
  // Opens at 09:00 UTC three days on.
  const resumes = Date.parse(`${day(server.clock.now + 3 * DAY)}T09:00:00.000Z`);
  return { conversation, resumes };
}
