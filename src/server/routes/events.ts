import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { LiveEvent } from '../../api/events.js';
import { EventsQuery, LiveEventEnvelope } from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { ANY_ROLE } from '../context.js';
import { canSee } from '../events/audience.js';
import { latestEventId, readEventsAfter } from '../events/bus.js';
import { ProblemError } from '../domain/errors.js';
import { tokenExpiry } from '../auth/tokens.js';

const REPLAY_BATCH = 500;
/** A client this far behind is cut off; it resumes from its Last-Event-ID without losing anything. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const RETRY_MS = 2000;
const SHUTDOWN_RETRY_MS = 500;

function resumePoint(header: string | string[] | undefined, after: number | undefined): number | undefined {
  if (header === undefined) return after;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) {
    throw new ProblemError('validation_failed', 'the Last-Event-ID header must be an event id (a whole number)', {
      errors: [{ field: 'Last-Event-ID (header)', message: 'must be a whole number' }],
    });
  }
  return Number(value.trim());
}

/**
 * GET /v1/events: Server-Sent Events. A stream replays the stored events after the resume point
 * (Last-Event-ID, or ?after=), then forwards what the bus delivers, skipping ids already sent: a
 * client that reconnects with the last id it saw misses nothing and receives nothing twice.
 */
export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  const open = new Set<(last?: string) => void>();
  // Streams never end by themselves: end them before the server waits for its connections, with a
  // short, spread retry so clients reconnect soon (to another instance) without all arriving at once.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end(`retry: ${SHUTDOWN_RETRY_MS + Math.floor(Math.random() * SHUTDOWN_RETRY_MS)}\n\n`);
  });

  app.get(
    '/v1/events',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['events'],
        summary: 'Live events (Server-Sent Events), resumable with Last-Event-ID',
        description:
          'Types: conversation.created, conversation.updated, conversation.assigned, message.created, presence, sla.breached. Each event has `id:` (resume after it with the Last-Event-ID header or ?after=), `event:` (the type) and `data:` (JSON: {id, type, conversationId, at, data}). The stream opens with `id:` alone, the resume point; without one it is the newest event, so the stream starts with the next. A comment line keeps idle streams alive.',
        querystring: EventsQuery,
        response: {
          200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: LiveEventEnvelope } } },
        },
      },
    },
    async (request, reply) => {
      const agent = agentOf(request);
      const resume = resumePoint(request.headers['last-event-id'], request.query.after);
      const latest = await latestEventId(ctx.db);
      // An id beyond the newest comes from another database (a reset demo): start from the newest.
      let lastSent = resume === undefined || resume > latest ? latest : resume;

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      // The resume point as an id without data: a client that sees no event before a drop still resumes here.
      raw.write(`retry: ${RETRY_MS}\nid: ${lastSent}\n\n`);

      let ended = false;
      let replaying = true;
      const held: LiveEvent[] = [];
      const end = (last?: string) => {
        if (ended) return;
        ended = true;
        unsubscribe();
        clearInterval(keepAlive);
        open.delete(end);
        if (last && !raw.destroyed) raw.end(last);
        else raw.end();
      };
      const send = (event: LiveEvent) => {
        if (ended || event.id <= lastSent) return;
        lastSent = event.id;
        if (!canSee(agent, event)) return;
        raw.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        if (raw.writableLength > MAX_BUFFERED_BYTES) end();
      };
      // Subscribe before replaying, holding live events back: together they cover every id.
      const unsubscribe = ctx.bus.subscribe((event) => (replaying ? held.push(event) : send(event)));
      const keepAlive = setInterval(() => {
        void (async () => {
          // A token that expired or was logged out ends the stream; the client's reconnect then gets 401.
          const expiresAt = await tokenExpiry(ctx.db, agent.tokenHash);
          if (expiresAt === undefined || expiresAt <= ctx.now()) end();
          else if (!ended) raw.write(': keep-alive\n\n');
        })().catch(() => end());
      }, ctx.settings.eventsKeepAliveMs);
      open.add(end);
      raw.on('close', end);

      try {
        for (;;) {
          const batch = await readEventsAfter(ctx.db, lastSent, REPLAY_BATCH);
          for (const event of batch) send(event);
          if (batch.length < REPLAY_BATCH || ended) break;
        }
      } catch (error) {
        request.log.error({ err: error }, 'event replay failed');
        end();
        return;
      }
      replaying = false;
      for (const event of held.splice(0)) send(event);
    },
  );
};
