import { InvalidArgumentError, type Command } from 'commander';
import { CATEGORIES, CHANNELS, FAILURE_REASONS, INCIDENT_STATUSES, LANGUAGES, PAYMENT_METHODS, type IncidentStatus, type Language, type PaymentMethod } from '../../api/enums.js';
import type { CustomerTexts, Incident, IncidentAffects } from '../../api/types.js';
import type { SupportClient } from '../../client/support-client.js';
import { completes } from '../completion/hints.js';
import { usageError } from '../output/cli-error.js';
import { conversationId, incidentId, oneOf, positiveInt } from '../options.js';
import type { GlobalOptions } from '../session.js';

/** lang=text, repeatable: en, zh, id. */
function languageText(value: string, previous: CustomerTexts = {}): CustomerTexts {
  const at = value.indexOf('=');
  const lang = value.slice(0, at) as Language;
  if (at < 1 || !(LANGUAGES as readonly string[]).includes(lang) || !value.slice(at + 1).trim()) {
    throw new InvalidArgumentError(`"${value}" is not LANG=TEXT with LANG one of ${LANGUAGES.join(', ')}.`);
  }
  return { ...previous, [lang]: value.slice(at + 1) };
}

const AFFECTS_KEYS = { channel: 'channels', category: 'categories', counterparty: 'counterparties', failure: 'failureReasons', payment: 'paymentMethods', keyword: 'keywords' } as const;
const CLOSED_LISTS: Partial<Record<keyof typeof AFFECTS_KEYS, readonly string[]>> = { channel: CHANNELS, category: CATEGORIES, failure: FAILURE_REASONS, payment: PAYMENT_METHODS };

/** KEY=VALUE, repeatable: channel=, category=, counterparty=, failure=, payment=, keyword=. */
function affectsOption(value: string, previous: IncidentAffects = {}): IncidentAffects {
  const at = value.indexOf('=');
  const key = value.slice(0, at) as keyof typeof AFFECTS_KEYS;
  const item = value.slice(at + 1).trim();
  if (at < 1 || !(key in AFFECTS_KEYS) || !item) throw new InvalidArgumentError(`"${value}" is not KEY=VALUE with KEY one of ${Object.keys(AFFECTS_KEYS).join(', ')}.`);
  const allowed = CLOSED_LISTS[key];
  if (allowed && !allowed.includes(item)) throw new InvalidArgumentError(`${key} must be one of: ${allowed.join(', ')}.`);
  const field = AFFECTS_KEYS[key];
  return { ...previous, [field]: [...((previous[field] as string[] | undefined) ?? []), item] };
}

/** --payment-method, repeatable and comma-separated: qris,card --payment-method virtual_account. */
const paymentMethods = completes({ values: PAYMENT_METHODS, list: true }, (value: string, previous: PaymentMethod[] = []): PaymentMethod[] => {
  const names = value.split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(PAYMENT_METHODS as readonly string[]).includes(n));
  if (!names.length || unknown.length) throw new InvalidArgumentError(`must be payment methods separated by commas, from ${PAYMENT_METHODS.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}.`);
  return [...new Set([...previous, ...(names as PaymentMethod[])])];
});

interface CriteriaOptions {
  affects?: IncidentAffects;
  paymentMethod?: PaymentMethod[];
  pauseClocks?: boolean;
}

/** --affects and --payment-method together: the criteria to send, or undefined when neither was given. */
function criteria(options: CriteriaOptions): IncidentAffects | undefined {
  if (!options.affects && !options.paymentMethod) return undefined;
  return { ...options.affects, ...(options.paymentMethod ? { paymentMethods: options.paymentMethod } : {}) };
}

function instant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`"${value}" is not a time (use ISO 8601, e.g. 2026-12-03T12:00:00Z).`);
  return new Date(ms).toISOString();
}

async function client(command: Command): Promise<SupportClient> {
  const { authenticatedClient } = await import('../session.js');
  return authenticatedClient(command.optsWithGlobals<GlobalOptions>());
}

async function show(incident: Incident, json: boolean | undefined, done?: string): Promise<void> {
  const { note, printJson } = await import('../output/terminal.js');
  if (json) {
    printJson(incident);
    return;
  }
  if (done) note(`✓ ${done}`);
  const { printIncident } = await import('../views/incident-view.js');
  printIncident(incident);
}

interface SendOptions {
  yes?: boolean;
  resume?: boolean;
  json?: boolean;
  batch: number;
}

/**
 * Sends an update batch by batch until every open linked conversation has it, progress on stderr (a
 * terminal only). Each batch is safe to repeat: the server sends an update to a conversation once.
 */
async function deliver(api: SupportClient, id: number, updateId: number, total: number, options: SendOptions) {
  const { note, printJson, stderrIsTty } = await import('../output/terminal.js');
  let sent = 0;
  let alreadySent = 0;
  const resolved: number[] = [];
  for (;;) {
    const progress = await api.incidents.deliver(id, updateId, options.batch);
    sent += progress.sent;
    alreadySent += progress.alreadySent;
    resolved.push(...progress.resolvedConversations);
    if (stderrIsTty()) process.stderr.write(`\r${sent + alreadySent}/${total} sent`);
    if (progress.remaining === 0) break;
  }
  if (stderrIsTty()) process.stderr.write('\n');
  const report = { incidentId: id, updateId, sent, alreadySent, resolvedConversations: resolved };
  if (options.json) printJson(report);
  else note(`✓ update ${updateId} of incident ${id}: sent to ${sent} conversation${sent === 1 ? '' : 's'}${alreadySent ? ` (${alreadySent} had it already)` : ''}${resolved.length ? `; ${resolved.length} resolved` : ''}`);
}

async function confirm(options: SendOptions, what: string): Promise<void> {
  const { requireConfirmationMeans, confirmTyped } = await import('../destructive.js');
  requireConfirmationMeans(options, what, { hasDryRun: false });
  await confirmTyped(options, { message: what, expected: 'send' });
}

export function registerIncidentCommands(program: Command): void {
  const incident = program
    .command('incident')
    .description('Incidents: one outage, many conversations linked, one update to all in their languages')
    .addHelpText('after', '\nSupervisors and admins declare, change, broadcast and resolve; every agent lists, shows and links.\n\nExamples:\n  $ support incident list\n  $ support incident link 3 --suggested\n  $ support incident broadcast 3 --message en="Payments work again" --message zh="支付已恢复" --message id="Pembayaran sudah normal" --yes');

  const withTexts = (cmd: Command) =>
    cmd
      .option('--text <lang=text>', `customer-facing text, repeatable (${LANGUAGES.join(', ')})`, languageText)
      .option('--affects <key=value>', `what it affects, repeatable: ${Object.keys(AFFECTS_KEYS).join(', ')}`, affectsOption)
      .option('--payment-method <list>', `payment methods it affects, repeatable or comma-separated: ${PAYMENT_METHODS.join(', ')}`, paymentMethods)
      .option('--pause-clocks', 'pause the response clocks of linked conversations while it is active')
      .option('--no-pause-clocks', 'let their response clocks run again')
      .option('--start <time>', 'when it started (ISO 8601; default now)', instant)
      .option('--json', 'print the incident as JSON');

  withTexts(
    incident
      .command('create')
      .description('Declare an incident')
      .requiredOption('--title <text>', 'what agents see in the banner')
      .requiredOption('--description <text>', 'internal: what agents should know')
      .option('--eta <time>', 'expected end (ISO 8601)', instant),
  )
    .addHelpText('after', '\nExamples:\n  $ support incident create --title "Kopi Kenangan payments failing" --description "Acquirer timeouts"\n  $ support incident create --title "Kopi Kenangan payments failing" --description "Acquirer timeouts" \\\n      --text en="Payments at Kopi Kenangan fail; we are on it." --text id="Pembayaran gagal; sedang ditangani." \\\n      --affects counterparty="Kopi Kenangan" --affects failure=network_error --payment-method qris,card --eta 2026-12-03T12:00:00Z\n  $ support incident create --title "BCA virtual accounts down" --description "BCA VA top-ups time out" --payment-method virtual_account --pause-clocks')
    .action(async (options: CriteriaOptions & { title: string; description: string; text?: CustomerTexts; start?: string; eta?: string; json?: boolean }, command: Command) => {
      const affects = criteria(options);
      const created = await (await client(command)).incidents.create({
        title: options.title,
        description: options.description,
        ...(options.text ? { texts: options.text } : {}),
        ...(affects ? { affects } : {}),
        ...(options.pauseClocks !== undefined ? { pauseClocks: options.pauseClocks } : {}),
        ...(options.start ? { startedAt: options.start } : {}),
        ...(options.eta ? { expectedEndAt: options.eta } : {}),
      });
      const missing = LANGUAGES.filter((l) => !created.texts[l]);
      await show(created, options.json, `Incident ${created.id} declared${missing.length ? ` (no customer text for ${missing.join(', ')} yet: it cannot be broadcast to those customers)` : ''}`);
    });

  withTexts(
    incident
      .command('update')
      .description('Change an incident; the change is kept in its history')
      .argument('<incident>', 'incident id', incidentId)
      .addHelpText('after', '\nExamples:\n  $ support incident update 3 --eta 2026-12-03T12:00:00+07:00 --note "Bank confirms the fix"\n  $ support incident update 3 --text id="Pembayaran di Kopi Kenangan gagal sejak 09:10"\n  $ support incident update 3 --payment-method qris --pause-clocks --note "QRIS only; clocks paused"')
      .option('--title <text>', 'new title')
      .option('--description <text>', 'new internal description')
      .option('--eta <time>', 'expected end (ISO 8601), or "none"')
      .option('--note <text>', 'what changed, for the history'),
  ).action(async (id: number, options: CriteriaOptions & { title?: string; description?: string; text?: CustomerTexts; start?: string; eta?: string; note?: string; json?: boolean }, command: Command) => {
    const eta = options.eta === undefined ? undefined : options.eta === 'none' ? null : instant(options.eta);
    const api = await client(command);
    // --affects replaces the criteria; --payment-method alone changes the payment methods and keeps the rest.
    const affects = options.paymentMethod && !options.affects ? { ...(await api.incidents.get(id)).affects, paymentMethods: options.paymentMethod } : criteria(options);
    const changed = await api.incidents.update(id, {
      ...(options.title !== undefined ? { title: options.title } : {}),
      ...(options.description !== undefined ? { description: options.description } : {}),
      ...(options.text ? { texts: options.text } : {}),
      ...(affects ? { affects } : {}),
      ...(options.pauseClocks !== undefined ? { pauseClocks: options.pauseClocks } : {}),
      ...(options.start ? { startedAt: options.start } : {}),
      ...(eta !== undefined ? { expectedEndAt: eta } : {}),
      ...(options.note !== undefined ? { note: options.note } : {}),
    });
    await show(changed, options.json, `Incident ${id} updated`);
  });

  incident
    .command('link')
    .description('Link conversations to an incident, or (--suggested) every conversation the server suggests')
    .argument('<incident>', 'incident id', incidentId)
    .argument('[conversations...]', 'conversation ids')
    .option('--suggested', 'link the suggested conversations (supervisors)')
    .option('--json', 'print {incident, linked, alreadyLinked} as JSON')
    .addHelpText('after', '\nExamples:\n  $ support incident link 3 41 42 57\n  $ support incident link 3 --suggested')
    .action(async (id: number, conversations: string[], options: { suggested?: boolean; json?: boolean }, command: Command) => {
      if (Boolean(options.suggested) === conversations.length > 0) throw usageError('give conversation ids or --suggested, not both or neither');
      const api = await client(command);
      const result = options.suggested ? await api.incidents.linkSuggested(id) : await api.incidents.link(id, conversations.map(conversationId));
      const { note, printJson } = await import('../output/terminal.js');
      if (options.json) printJson(result);
      else note(`✓ linked ${result.linked.length} conversation${result.linked.length === 1 ? '' : 's'} to incident ${id}${result.alreadyLinked.length ? ` (${result.alreadyLinked.length} already were)` : ''}; ${result.incident.linkedCount} linked in all`);
    });

  incident
    .command('unlink')
    .description('Unlink a conversation from an incident')
    .argument('<incident>', 'incident id', incidentId)
    .addHelpText('after', '\nExample:\n  $ support incident unlink 3 57')
    .argument('<conversation>', 'conversation id', conversationId)
    .option('--json', 'print the incident as JSON')
    .action(async (id: number, conversation: number, options: { json?: boolean }, command: Command) => {
      await show(await (await client(command)).incidents.unlink(id, conversation), options.json, `Conversation #${conversation} unlinked from incident ${id}`);
    });

  incident
    .command('broadcast')
    .description('Send an update to every open linked conversation, in each customer’s language, once')
    .argument('<incident>', 'incident id', incidentId)
    .option('--message <lang=text>', `the update, repeatable (${LANGUAGES.join(', ')}); default: the incident’s texts`, languageText)
    .option('--resume', 'finish the latest unfinished broadcast instead of starting one')
    .option('--batch <n>', 'conversations per request (1-500)', positiveInt(500), 200)
    .option('-y, --yes', 'do not ask for confirmation (required when not in a terminal)')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExamples:\n  $ support incident broadcast 3 --message en="Fixed by 12:00" --message zh="12:00 前修复" --message id="Selesai pukul 12:00" --yes\n  $ support incident broadcast 3 --resume --yes   (after an interrupted run: nobody gets it twice)')
    .action(async (id: number, options: SendOptions & { message?: CustomerTexts }, command: Command) => {
      const api = await client(command);
      if (options.resume) {
        if (options.message) throw usageError('--resume finishes the broadcast already recorded; leave --message out');
        const pending = await api.incidents.pendingBroadcast(id);
        if (!pending.update) {
          const { note, printJson } = await import('../output/terminal.js');
          if (options.json) printJson({ incidentId: id, updateId: null, sent: 0, alreadySent: 0, resolvedConversations: [] });
          else note(`Nothing to resume: every update of incident ${id} reached its conversations.`);
          return;
        }
        await confirm(options, `Send update ${pending.update.id} of incident ${id} to ${pending.remaining} more conversation(s)`);
        await deliver(api, id, pending.update.id, pending.remaining, options);
        return;
      }
      const current = await api.incidents.get(id);
      await confirm(options, `Send an update to the ${current.openLinkedCount} open conversation(s) linked to incident ${id}`);
      const started = await api.incidents.broadcast(id, options.message);
      await deliver(api, id, started.update.id, started.total, options);
    });

  incident
    .command('resolve')
    .description('Resolve an incident, with an optional final message to the linked conversations')
    .argument('<incident>', 'incident id', incidentId)
    .addHelpText('after', '\nExamples:\n  $ support incident resolve 3 --note "Acquirer fixed"\n  $ support incident resolve 3 --message en="Payments work again, sorry for the trouble" --message zh="支付已恢复" --message id="Pembayaran sudah normal" --resolve-conversations --yes')
    .option('--message <lang=text>', 'final message, repeatable (en, zh, id)', languageText)
    .option('--resolve-conversations', 'with --message: resolve each linked conversation the customer has not written on since its last update')
    .option('--note <text>', 'for the history')
    .option('--batch <n>', 'conversations per request (1-500)', positiveInt(500), 200)
    .option('-y, --yes', 'do not ask for confirmation (required with --message when not in a terminal)')
    .option('--json', 'print the incident (and the report with --message) as JSON')
    .action(async (id: number, options: SendOptions & { message?: CustomerTexts; resolveConversations?: boolean; note?: string }, command: Command) => {
      if (options.resolveConversations && !options.message) throw usageError('--resolve-conversations needs --message: customers are told before their conversations are resolved');
      const api = await client(command);
      if (options.message) await confirm(options, `Resolve incident ${id} and send the final message to its open linked conversations`);
      const done = await api.incidents.resolve(id, {
        ...(options.message ? { messages: options.message } : {}),
        ...(options.resolveConversations ? { resolveConversations: true } : {}),
        ...(options.note ? { note: options.note } : {}),
      });
      if (!options.message) {
        await show(done.incident, options.json, `Incident ${id} resolved`);
        return;
      }
      await deliver(api, id, done.update.id, done.total, options);
    });

  incident
    .command('list')
    .description('List incidents, newest first')
    .addHelpText('after', '\nExamples:\n  $ support incident list\n  $ support incident list --status resolved --json')
    .option('--status <status>', INCIDENT_STATUSES.join(' | '), oneOf(INCIDENT_STATUSES))
    .option('-L, --limit <n>', 'how many (1-200)', positiveInt(200), 50)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--json', 'print {data, nextCursor} as JSON')
    .action(async (options: { status?: IncidentStatus; limit: number; cursor?: string; json?: boolean }, command: Command) => {
      const page = await (await client(command)).incidents.list({ ...(options.status ? { status: options.status } : {}), limit: options.limit, ...(options.cursor ? { cursor: options.cursor } : {}) });
      const { printJson } = await import('../output/terminal.js');
      if (options.json) {
        printJson(page);
        return;
      }
      const { printIncidentTable } = await import('../views/incident-view.js');
      printIncidentTable(page.data, page.nextCursor);
    });

  incident
    .command('show')
    .description('Show an incident with its history')
    .argument('<incident>', 'incident id', incidentId)
    .addHelpText('after', '\nExample:\n  $ support incident show 3')
    .option('--json', 'print the incident as JSON')
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      await show(await (await client(command)).incidents.get(id), options.json);
    });
}
