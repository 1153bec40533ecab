import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { accountRoutes } from './accounts.js';
import { auditRoutes } from './audit.js';
import { calendarRoutes } from './calendars.js';
import { agentRoutes } from './agents.js';
import { assistRoutes } from './assist.js';
import { authRoutes } from './auth.js';
import { channelRoutes } from './channels.js';
import { complaintRoutes } from './complaints.js';
import { conversationRoutes } from './conversations.js';
import { eventRoutes } from './events.js';
import { healthRoutes } from './health.js';
import { incidentRoutes } from './incidents.js';
import { announcementRoutes } from './announcements.js';
import { macroRoutes } from './macros.js';
import { customerRoutes } from './customers.js';
import { deskConversationRoutes } from './desk-conversations.js';
import { deskRoutes } from './desk.js';
import { deskSettingsRoutes } from './desk-settings.js';
import { openapiRoutes } from './openapi.js';
import { refundRoutes } from './refunds.js';
import { REVIEW_TAG, qualityReviewRoutes } from './quality-reviews.js';
import { REPORT_TAG, reportRoutes } from './reports.js';
import { searchRoutes } from './search.js';
import { slaRoutes } from './sla.js';
import { SURVEY_TAG, surveyRoutes } from './surveys.js';
import { workflowRoutes } from './workflow.js';

/** Every route plugin of the API, registered in this order. */
export const ROUTES: FastifyPluginAsyncTypebox[] = [
  openapiRoutes,
  healthRoutes,
  authRoutes,
  conversationRoutes,
  workflowRoutes,
  channelRoutes,
  agentRoutes,
  slaRoutes,
  eventRoutes,
  macroRoutes,
  complaintRoutes,
];

// Accounts, ledger, refunds, audit and customer context (issue 5).
ROUTES.push(accountRoutes, refundRoutes, auditRoutes, customerRoutes);

// One lookup and logged calls (issue 14).
ROUTES.push(searchRoutes, deskConversationRoutes);

// Satisfaction surveys, reports and quality review (issue 15).
ROUTES.push(surveyRoutes, reportRoutes, qualityReviewRoutes);
// Business hours, holidays and working days (issue 16).
ROUTES.push(calendarRoutes);
// The supervisor board (issue 15).
ROUTES.push(deskRoutes);
// Suggestions and triage (issue 18).
ROUTES.push(assistRoutes);
// Automatic triage and answers as desk settings, changed at runtime (issue 18).
ROUTES.push(deskSettingsRoutes);
// Incidents and announcements (issue 17).
ROUTES.push(incidentRoutes, announcementRoutes);

/** Tags of the OpenAPI document, one per area. */
export const TAGS = [
  { name: 'health', description: 'Liveness and readiness probes for load balancers' },
  { name: 'auth', description: 'Logging in and out' },
  { name: 'conversations', description: 'The queue, conversations and messages' },
  { name: 'workflow', description: 'Claim, transfer, snooze, resolve, reopen, tags and presence' },
  { name: 'channels', description: 'Customers’ conversations and messages arriving from channels' },
  { name: 'agents', description: 'Agents, teams and availability' },
  { name: 'sla', description: 'Service levels per priority' },
  { name: 'events', description: 'Live events (Server-Sent Events)' },
  { name: 'macros', description: 'Canned responses, filled in for a conversation' },
  { name: 'complaints', description: 'Complaint numbers, reply-by deadlines and second reviews' },
  { name: 'accounts', description: 'Wallet accounts: status (freeze, unfreeze, close), the ledger, transactions' },
  { name: 'refunds', description: 'Refunds with limits and four-eyes approval' },
  { name: 'audit', description: 'The append-only audit log' },
  { name: 'customers', description: 'Customer context: security, wallets, transactions, conversations' },
  SURVEY_TAG,
  REPORT_TAG,
  REVIEW_TAG,
  { name: 'calendars', description: 'Business hours, holidays and the teams that work by them' },
  { name: 'desk', description: 'The supervisor board: the desk at a glance, agents’ availability, the desk’s automation settings' },
  { name: 'assist', description: 'Suggested macros and replies, category, priority and language' },
  { name: 'announcements', description: 'Maintenance windows: for agents, and for the wallet app without a token' },
  { name: 'incidents', description: 'Incidents: linked conversations, broadcasts in the customer’s language' },
];
