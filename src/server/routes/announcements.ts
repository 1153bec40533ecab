import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Announcement, AnnouncementPage, AnnouncementQuery, CreateAnnouncementRequest, IdParam, PublicAnnouncements } from '../../api/schemas/index.js';
import { ANY_ROLE, SUPERVISORS } from '../context.js';
import { cancelAnnouncement, createAnnouncement, listAnnouncements, toAnnouncements } from '../domain/announcements.js';
import { runChange } from '../http/unit-of-work.js';
import { parseTexts } from '../store/incidents.js';

/** Maintenance windows (issue 17): supervisors schedule and cancel; agents see them; the wallet app reads the active ones without a token. */
export const announcementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/announcements/active',
    {
      config: { access: 'public' },
      schema: {
        tags: ['announcements'],
        summary: 'Maintenance windows for the wallet app: running or still to come, customer-facing fields only',
        description: 'No token. Neither agent names nor internal titles: the texts per language and the window.',
        response: { 200: PublicAnnouncements },
      },
    },
    async (_request, reply) => {
      const now = ctx.now();
      const rows = await listAnnouncements(ctx.db, now, false);
      reply.header('cache-control', 'public, max-age=30');
      return { data: rows.map((r) => ({ id: r.id, texts: parseTexts(r.texts) ?? {}, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(), inProgress: r.starts_at <= now })) };
    },
  );

  app.get(
    '/v1/announcements',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['announcements'], summary: 'Maintenance windows, soonest first (not ended or cancelled, unless all=true)', querystring: AnnouncementQuery, response: { 200: AnnouncementPage } },
    },
    async (request) => {
      const now = ctx.now();
      return { data: await toAnnouncements(ctx.db, await listAnnouncements(ctx.db, now, request.query.all ?? false), now) };
    },
  );

  app.post(
    '/v1/announcements',
    {
      config: { access: SUPERVISORS, audit: { action: 'announcement.created', targetType: 'announcement' } },
      schema: {
        tags: ['announcements'],
        summary: 'Schedule a maintenance window',
        description: 'endsAt after startsAt and not past; an English text at least (the app falls back to it).',
        body: CreateAnnouncementRequest,
        response: { 201: Announcement },
      },
    },
    async (request, reply) => reply.code(201).send(await runChange(request, (uow) => createAnnouncement(uow, request.body))),
  );

  app.post(
    '/v1/announcements/:id/cancel',
    {
      config: { access: SUPERVISORS, audit: { action: 'announcement.cancelled', targetType: 'announcement', targetParam: 'id' } },
      schema: { tags: ['announcements'], summary: 'Cancel a scheduled or running window (409 `announcement_over` once ended or cancelled)', params: IdParam, response: { 200: Announcement } },
    },
    async (request) => runChange(request, (uow) => cancelAnnouncement(uow, request.params.id)),
  );
};
