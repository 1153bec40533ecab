import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AddHolidaysRequest, Calendar, CalendarNameParam, CalendarPage, CreateCalendarRequest, UpdateCalendarRequest } from '../../api/schemas/index.js';
import { ADMINS, ANY_ROLE } from '../context.js';
import { addHolidays, createCalendar, deleteCalendar, updateCalendar } from '../domain/calendars.js';
import { notFound } from '../domain/errors.js';
import { calendarOf, findCalendarRow, listCalendars } from '../store/calendars.js';
import { runChange } from '../http/unit-of-work.js';

const INVALID =
  'A mistake (an unknown zone, overlapping hours, a stretch or a holiday that ends before it starts) is 422 `calendar_invalid`; an iCalendar file that does not parse is 422 `calendar_ics_invalid` naming its line. Either changes nothing.';
const VERSIONS = 'Each change gives the calendar a new version: clocks and deadlines already computed keep theirs, new ones use the new rules.';

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/calendars',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['calendars'], summary: 'Calendars by name: zone, business hours, holidays, the teams that work by them', response: { 200: CalendarPage } },
    },
    async () => ({ data: await listCalendars(ctx.db), nextCursor: null }),
  );

  app.get(
    '/v1/calendars/:name',
    { config: { access: ANY_ROLE }, schema: { tags: ['calendars'], summary: 'One calendar', params: CalendarNameParam, response: { 200: Calendar } } },
    async (request) => {
      const row = await findCalendarRow(ctx.db, request.params.name);
      if (!row) throw notFound(`calendar ${request.params.name}`);
      return calendarOf(ctx.db, row);
    },
  );

  app.post(
    '/v1/calendars',
    {
      config: { access: ADMINS, audit: { action: 'calendar.created', targetType: 'calendar' } },
      schema: {
        tags: ['calendars'],
        summary: 'Create a calendar (admins)',
        description: `Holidays listed, from an iCalendar file (\`ics\`), or both. ${INVALID} A name in use is 409 \`calendar_name_taken\`; a team that works by another calendar is 409 \`calendar_team_taken\`.`,
        body: CreateCalendarRequest,
        response: { 201: Calendar },
      },
    },
    async (request, reply) => reply.code(201).send(await runChange(request, (uow) => createCalendar(uow, request.body))),
  );

  app.patch(
    '/v1/calendars/:name',
    {
      config: { access: ADMINS, audit: { action: 'calendar.updated', targetType: 'calendar', targetParam: 'name' } },
      schema: {
        tags: ['calendars'],
        summary: 'Change a calendar (admins)',
        description: `Fields sent replace the stored ones. ${INVALID} ${VERSIONS}`,
        params: CalendarNameParam,
        body: UpdateCalendarRequest,
        response: { 200: Calendar },
      },
    },
    async (request) => runChange(request, (uow) => updateCalendar(uow, request.params.name, request.body)),
  );

  app.post(
    '/v1/calendars/:name/holidays',
    {
      config: { access: ADMINS, audit: { action: 'calendar.holidays_added', targetType: 'calendar', targetParam: 'name' } },
      schema: {
        tags: ['calendars'],
        summary: 'Add holidays to a calendar (admins)',
        description: `Listed, from an iCalendar file (\`ics\`), or both; a holiday already there is kept once. ${INVALID} ${VERSIONS}`,
        params: CalendarNameParam,
        body: AddHolidaysRequest,
        response: { 200: Calendar },
      },
    },
    async (request) => runChange(request, (uow) => addHolidays(uow, request.params.name, request.body)),
  );

  app.delete(
    '/v1/calendars/:name',
    {
      config: { access: ADMINS, audit: { action: 'calendar.deleted', targetType: 'calendar', targetParam: 'name' } },
      schema: {
        tags: ['calendars'],
        summary: 'Delete a calendar (admins)',
        description: 'Refused with 409 `calendar_in_use` while teams work by it. Clocks and deadlines computed with it keep their times.',
        params: CalendarNameParam,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await runChange(request, (uow) => deleteCalendar(uow, request.params.name));
      return reply.code(204).send(null);
    },
  );
};
