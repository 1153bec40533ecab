import type { Kysely } from 'kysely';
import { addCalendarDays, addWorkingDays, type BusinessCalendar } from '../../api/business-time.js';
import { chooseComplaintRule, COMPLAINT_RULES, complaintWindow, type ComplaintComplexity, type ComplaintMedium, type DayCount, type Jurisdiction } from '../../api/jurisdictions.js';
import { phoneCountry, phoneKey } from '../../api/phone.js';
import type { AuthenticatedAgent } from '../context.js';
import { calendarForTeam, rulesOfVersion } from '../store/calendars.js';
import { toComplaints, WAITING_ON_DESK, type ComplaintRow } from '../store/complaints.js';
import { forUpdate } from '../store/locking.js';
import type { ComplaintsTable, Database } from '../store/tables.js';
import { conflict, notFound, ProblemError, unprocessable } from './errors.js';
import type { UnitOfWork } from './unit-of-work.js';
import type { Complaint, ExtendComplaintRequest } from '../../api/types.js';
import type { ComplaintStatus, ConversationStatus } from '../../api/enums.js';
import { canApply } from '../../api/transitions.js';
import { lockConversation } from '../store/conversation-rows.js';
import { postAgentMessage } from './messages.js';

/** A deadline `count` after `from` on the calendar: working days to close of business, or calendar days to local midnight. */
function after(calendar: BusinessCalendar, from: number, count: DayCount): number {
  return count.unit === 'working' ? addWorkingDays(calendar, from, count.days) : addCalendarDays(calendar, from, count.days);
}

type DeadlineColumns = Pick<
  ComplaintsTable,
  'reply_by_at' | 'jurisdiction' | 'medium' | 'complexity' | 'rule' | 'calendar_version' | 'acknowledge_by_at' | 'rule_chosen_by' | 'rule_country' | 'rule_reason'
>;

/** The customer's country, from their phone number (national numbers read in the desk's region); null without one. */
async function customerCountry(db: Kysely<Database>, customerId: string, region: string): Promise<string | null> {
  const customer = await db.selectFrom('customers').select(['phone', 'phone_e164']).where('id', '=', customerId).executeTakeFirst();
  const key = customer?.phone_e164 ?? (customer?.phone ? phoneKey(customer.phone, region) : undefined);
  if (typeof key === 'string') return phoneCountry(key);
  return key?.ok ? phoneCountry(key.e164) : null;
}

/**
 * The deadlines of a complaint opened now: by the rule asked for, else the customer's country's, else
 * the one of the conversation's team's calendar (chooseComplaintRule), counted on that calendar;
 * without a calendar or a rule, null (the desk's plain reply-by window). A rule asked for without a
 * calendar is refused, since working days need business days to count.
 */
export async function regulatoryDeadline(
  db: Kysely<Database>,
  conversation: { team: string | null; channel: string; customer_id: string },
  input: { jurisdiction?: Jurisdiction | undefined; medium?: ComplaintMedium | undefined; complexity?: ComplaintComplexity | undefined },
  now: number,
  region: string,
): Promise<DeadlineColumns | null> {
  const calendar = await calendarForTeam(db, conversation.team);
  if (!calendar && input.jurisdiction) {
    throw unprocessable('calendar_required', `the ${COMPLAINT_RULES[input.jurisdiction].name} rule counts days on the desk’s calendar: give team ${conversation.team ?? '(none)'} a calendar, or make one the default (support calendar create … --default)`);
  }
  const country = calendar ? await customerCountry(db, conversation.customer_id, region) : null;
  const choice = calendar ? chooseComplaintRule({ requested: input.jurisdiction, country, calendar }) : null;
  if (!calendar || !choice) {
    if (input.medium || input.complexity) throw unprocessable('complaint_rule_missing', 'a class (medium, complexity) picks a regulator’s window: give jurisdiction, or give the team’s calendar one (support calendar update NAME --jurisdiction …)');
    return null;
  }
  const rule = COMPLAINT_RULES[choice.jurisdiction];
  const medium = input.medium ?? (conversation.channel === 'phone' ? 'spoken' : 'written');
  const complexity = input.complexity ?? 'simple';
  const window = complaintWindow(rule, medium, complexity);
  return {
    reply_by_at: after(calendar.rules, now, window),
    jurisdiction: choice.jurisdiction,
    medium,
    complexity,
    rule: window.label,
    calendar_version: calendar.version,
    acknowledge_by_at: rule.acknowledgeWorkingDays === undefined ? null : addWorkingDays(calendar.rules, now, rule.acknowledgeWorkingDays),
    rule_chosen_by: choice.by,
    rule_country: choice.country,
    rule_reason: choice.reason,
  };
}

/**
 * The deadline a second review starts again with: the complaint's own window under its rule, counted
 * from now on the calendar version it was counted on; null for a complaint without a rule.
 */
export async function reviewDeadline(db: Kysely<Database>, number: string, now: number): Promise<number | null> {
  const row = await db.selectFrom('complaints').select(['jurisdiction', 'medium', 'complexity', 'calendar_version']).where('number', '=', number).executeTakeFirst();
  if (!row?.jurisdiction || !row.medium || !row.complexity || row.calendar_version === null) return null;
  const calendar = await rulesOfVersion(db, row.calendar_version);
  if (!calendar) return null;
  return after(calendar, now, complaintWindow(COMPLAINT_RULES[row.jurisdiction as Jurisdiction], row.medium as ComplaintMedium, row.complexity as ComplaintComplexity));
}

/**
 * The one extension the complaint's rule allows: the deadline moves by the rule's extension, counted
 * from the current deadline on the calendar it was counted on, and the notice is kept with it and
 * sent to the customer as a public reply in the complaint's conversation, in the same transaction: of
 * concurrent extensions only the one that wins sends it. A conversation that is closed takes no more
 * messages: the extension is recorded with why the notice was not sent, so the desk tells the customer
 * another way. A complaint without a rule, a rule without an extension, a second extension or a
 * complaint no longer waiting on the desk is refused, and nothing changes.
 */
export async function extendComplaint(uow: UnitOfWork<AuthenticatedAgent>, number: string, input: ExtendComplaintRequest): Promise<Complaint> {
  const { trx, ctx, actor, now } = uow;
  const notice = input.notice.trim();
  if (!notice) throw new ProblemError('validation_failed', 'notice is blank: write what the customer is told (why, and the new date)', { errors: [{ field: 'notice', message: 'is blank' }] });
  const found = await trx.selectFrom('complaints').select('conversation_id').where('number', '=', number).executeTakeFirst();
  if (!found) throw notFound(`complaint ${number}`);
  // The conversation first, then the complaint: the order opening a complaint locks them in.
  const conversation = await lockConversation(trx, ctx.engine, found.conversation_id);
  const row = (await forUpdate(trx.selectFrom('complaints').selectAll().where('number', '=', number), ctx.engine).executeTakeFirst()) as ComplaintRow | undefined;
  if (!row) throw notFound(`complaint ${number}`);
  const rule = row.jurisdiction ? COMPLAINT_RULES[row.jurisdiction as Jurisdiction] : undefined;
  if (!rule || row.calendar_version === null) throw conflict('complaint_extension_refused', `complaint ${number} has no regulator’s rule; its deadline is not extended this way`);
  if (!rule.extension) throw conflict('complaint_extension_refused', `the ${rule.name} rule allows no extension`);
  if (row.extended_at !== null) throw conflict('complaint_extension_refused', `complaint ${number} was already extended once (${new Date(row.extended_at).toISOString()}); the rule allows one extension`);
  if (!WAITING_ON_DESK.includes(row.status as ComplaintStatus)) throw conflict('complaint_extension_refused', `complaint ${number} is ${row.status}; only a complaint the desk still owes an answer can be extended`);
  const calendar = await rulesOfVersion(trx, row.calendar_version);
  if (!calendar) throw conflict('complaint_extension_refused', `the calendar complaint ${number} was counted on is gone`);
  // The one write path of replies: clocks, response times, events and audit as for any reply. The
  // conversation stays with whoever has it: a supervisor's notice does not make it theirs.
  const sendable = canApply('agent_message', conversation.status as ConversationStatus);
  const sent = sendable ? await postAgentMessage(uow, conversation.id, { body: notice, kind: 'reply', clientMessageId: `complaint-extension-${number}` }, { assign: false }) : null;
  const values = {
    reply_by_at: after(calendar, row.reply_by_at, rule.extension),
    reply_by_before_extension: row.reply_by_at,
    extended_at: now,
    extended_by: actor.id,
    extension_notice: notice,
    extension_message_id: sent ? sent.message.id : null,
    extension_unsent: sent ? null : `conversation ${conversation.id} is ${conversation.status} and takes no more messages; tell the customer another way`,
    updated_at: now,
  };
  await trx.updateTable('complaints').set(values).where('id', '=', row.id).execute();
  const [before, afterward] = await toComplaints(trx, [row, { ...row, ...values }], now);
  await uow.emit({ type: 'complaint.updated', conversationId: row.conversation_id, payload: { action: 'complaint.extended', complaint: afterward } });
  await uow.audit({ action: 'complaint.extended', targetType: 'complaint', targetId: number, before, after: afterward, reason: notice });
  return afterward!;
}
