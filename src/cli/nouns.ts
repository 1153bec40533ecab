import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * The command files, each loaded only when one of its commands runs or shows its help. A file may
 * register several top-level commands (auth: login, logout, whoami) or add verbs to another's noun
 * (the conversation workflow).
 */
const COMMAND_FILES = {
  auth: async () => [(await import('./commands/auth.js')).registerAuthCommands],
  queue: async () => [(await import('./commands/queue.js')).registerQueueCommand],
  claim: async () => [(await import('./commands/claim.js')).registerClaimCommand],
  conversation: async () => {
    const [noun, workflow, start] = await Promise.all([
      import('./commands/conversation.js'),
      import('./commands/conversation-workflow.js'),
      import('./commands/conversation-start.js'),
    ]);
    return [noun.registerConversationCommands, workflow.registerConversationWorkflowCommands, start.registerConversationStartCommands];
  },
  find: async () => [(await import('./commands/find.js')).registerFindCommand],
  assist: async () => [(await import('./commands/assist.js')).registerAssistCommands],
  customer: async () => [(await import('./commands/customer.js')).registerCustomerCommands],
  call: async () => [(await import('./commands/call.js')).registerCallCommand],
  availability: async () => [(await import('./commands/availability.js')).registerAvailabilityCommand],
  agent: async () => [(await import('./commands/agent.js')).registerAgentCommands],
  sla: async () => [(await import('./commands/sla.js')).registerSlaCommands],
  macro: async () => [(await import('./commands/macro.js')).registerMacroCommands],
  complaint: async () => [(await import('./commands/complaint.js')).registerComplaintCommands],
  calendar: async () => [(await import('./commands/calendar.js')).registerCalendarCommands],
  account: async () => [(await import('./commands/account.js')).registerAccountCommands],
  refund: async () => [(await import('./commands/refund.js')).registerRefundCommands],
  audit: async () => [(await import('./commands/audit.js')).registerAuditCommand],
  incident: async () => [(await import('./commands/incident.js')).registerIncidentCommands],
  announcement: async () => [(await import('./commands/announcement.js')).registerAnnouncementCommands],
  bulk: async () => [(await import('./commands/bulk.js')).registerBulkCommands],
  config: async () => [(await import('./commands/config.js')).registerConfigCommands],
  server: async () => [(await import('./commands/server.js')).registerServerCommand],
  demo: async () => [(await import('./commands/demo.js')).registerDemoCommand],
  completion: async () => [(await import('./commands/completion.js')).registerCompletionCommand],
  report: async () => [(await import('./commands/report.js')).registerReportCommand],
  review: async () => [(await import('./commands/review.js')).registerReviewCommands],
  survey: async () => [(await import('./commands/survey.js')).registerSurveyCommands],
  desk: async () => {
    const [board, settings] = await Promise.all([import('./commands/desk.js'), import('./commands/desk-settings.js')]);
    return [board.registerDeskCommand, settings.registerDeskSettingsCommands];
  },
} satisfies Record<string, () => Promise<Register[]>>;

export type CommandFile = keyof typeof COMMAND_FILES;

export interface Noun {
  name: string;
  alias?: string;
  /** How `support --help` lists it: the name, alias, `[options]` and arguments, as commander writes them. */
  term: string;
  description: string;
  file: CommandFile;
}

/**
 * Every top-level command in the order `support --help` lists them, with what that listing shows, so
 * that the listing and unknown-command suggestions need none of the command files. A test holds these
 * lines to the files' own definitions.
 */
export const NOUNS: readonly Noun[] = [
  { name: 'login', term: 'login [options]', description: 'Log in to a Support API and keep the token in a profile', file: 'auth' },
  { name: 'logout', term: 'logout', description: 'Revoke the token on the server and forget it', file: 'auth' },
  { name: 'whoami', term: 'whoami [options]', description: 'Show who the current token belongs to', file: 'auth' },
  { name: 'queue', term: 'queue [options]', description: 'List conversations in SLA order: what breaches first comes first', file: 'queue' },
  { name: 'claim', term: 'claim [options]', description: 'Take the next conversation in the queue (SLA order, within your channels, categories and capacity)', file: 'claim' },
  { name: 'conversation', alias: 'conv', term: 'conversation|conv', description: 'Read and answer one conversation', file: 'conversation' },
  // Finding the customer (issue 14).
  { name: 'find', term: 'find [options] <query...>', description: 'Look up a customer, conversation, transaction, refund or complaint from whatever you have', file: 'find' },
  { name: 'customer', term: 'customer', description: 'A customer: profile, wallets, transactions, conversations', file: 'customer' },
  { name: 'call', term: 'call <phone...>', description: 'Open the workspace on a caller’s customer screen and log the call (a softphone or CTI can run it)', file: 'call' },
  { name: 'availability', term: 'availability [options] [state]', description: 'Show or set your availability: online, away or offline (offline agents cannot claim)', file: 'availability' },
  { name: 'agent', term: 'agent', description: 'The desk’s agents: list them; admins create and change them', file: 'agent' },
  { name: 'sla', term: 'sla', description: 'Service levels per priority: first response, next response, resolution', file: 'sla' },
  { name: 'macro', term: 'macro', description: 'Canned responses: list them, read one, fill one in for a conversation', file: 'macro' },
  // Suggestions and triage (issue 18).
  { name: 'assist', term: 'assist', description: 'Suggested answers: the macros and past replies that fit a customer’s message, with triage', file: 'assist' },
  { name: 'complaint', term: 'complaint', description: 'Complaints: a number, a reply-by deadline, an answer, a second review by a supervisor', file: 'complaint' },
  // Business hours and regulators' working days (issue 16).
  { name: 'calendar', term: 'calendar', description: 'Business hours, holidays and working days: what SLA clocks and complaint deadlines count by', file: 'calendar' },
  // The supervisor board (issue 15).
  { name: 'desk', term: 'desk [options]', description: 'The supervisor board: agents, the queue, SLA at risk, today, 12 hours of volume, complaints and refunds waiting', file: 'desk' },
  // Money and account actions (issue 5).
  { name: 'account', term: 'account', description: 'Wallet accounts: show, freeze, unfreeze, close', file: 'account' },
  { name: 'refund', term: 'refund', description: 'Refunds: create, approve, reject, list, show', file: 'refund' },
  { name: 'audit', term: 'audit [options]', description: 'Read the audit log, newest first (supervisors and admins)', file: 'audit' },
  // Incidents (issue 17).
  { name: 'incident', term: 'incident', description: 'Incidents: one outage, many conversations linked, one update to all in their languages', file: 'incident' },
  { name: 'announcement', term: 'announcement', description: 'Maintenance windows: scheduled, shown to agents and to the wallet app', file: 'announcement' },
  // Admin bulk actions from files (issue 7).
  { name: 'bulk', term: 'bulk', description: 'Admin bulk actions from a CSV or JSONL file: checked first, concurrent, resumable, with a report', file: 'bulk' },
  // The desk at a glance (issue 15).
  { name: 'report', term: 'report [options] <kind>', description: 'Reports over a date range: sla, volume (with the weekday × hour heatmap), agents, csat, complaints, refunds', file: 'report' },
  { name: 'review', term: 'review', description: 'Quality review: the rubric, samples per agent and week, scores (agents read their own)', file: 'review' },
  { name: 'survey', term: 'survey', description: 'Satisfaction surveys: ratings, follow-ups of low ones, customers’ feedback by topic', file: 'survey' },
  { name: 'config', term: 'config', description: 'Profiles and settings (tokens are never shown)', file: 'config' },
  { name: 'server', term: 'server [options]', description: 'Run the reference Support API (SQLite by default, PostgreSQL with --database-url)', file: 'server' },
  { name: 'demo', term: 'demo [options]', description: 'Try support: a demo desk on a local server, logged in, in the terminal UI', file: 'demo' },
  // Power users (issue 20).
  { name: 'completion', term: 'completion <shell>', description: 'Print the shell completion script: commands, flags, their values, and ids, macros and agents from the API', file: 'completion' },
];

/** The registrations of these command files, loaded side by side. */
export async function loadCommandFiles(files: Iterable<CommandFile>): Promise<Map<CommandFile, Register[]>> {
  const list = [...new Set(files)];
  const loaded = await Promise.all(list.map((file) => COMMAND_FILES[file]()));
  return new Map(list.map((file, i) => [file, loaded[i]!]));
}

export const ALL_COMMAND_FILES = Object.keys(COMMAND_FILES) as CommandFile[];
