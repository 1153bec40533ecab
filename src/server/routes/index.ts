import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authRoutes } from './auth.js';
import { complaintRoutes } from './complaints.js';
import { conversationRoutes } from './conversations.js';
import { macroRoutes } from './macros.js';
import { openapiRoutes } from './openapi.js';

/** Every route plugin of the API, registered in this order. */
export const ROUTES: FastifyPluginAsyncTypebox[] = [openapiRoutes, authRoutes, conversationRoutes];
ROUTES.push(macroRoutes, complaintRoutes);

/** Tags of the OpenAPI document, one per area. */
export const TAGS = [
  { name: 'auth', description: 'Logging in and out' },
  { name: 'conversations', description: 'The queue, conversations and messages' },
  { name: 'macros', description: 'Canned responses, filled in for a conversation' },
  { name: 'complaints', description: 'Complaint numbers, reply-by deadlines and second reviews' },
];
