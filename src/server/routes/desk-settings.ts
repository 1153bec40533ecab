import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DeskSettings, PatchDeskSettingsRequest } from '../../api/schemas/index.js';
import { ADMINS, SUPERVISORS } from '../context.js';
import { deskSettings, updateDeskSettings } from '../domain/desk-settings.js';
import { runChange } from '../http/unit-of-work.js';

const PRECEDENCE = 'A value the desk set wins; a value it has not set (source "server") is the server’s start flag (`support server --auto-triage`, `--auto-answer`, `--auto-answer-threshold`, `--auto-answer-categories`) or its built-in default.';

/** The desk's automation settings (issue 18): automatic triage and answers, changed at runtime. */
export const deskSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/desk/settings',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['desk'],
        summary: 'The desk’s automation: automatic triage and automatic answers, with where each value comes from (supervisors)',
        description: PRECEDENCE,
        response: { 200: DeskSettings },
      },
    },
    async () => deskSettings(ctx.db, ctx.settings),
  );

  app.patch(
    '/v1/desk/settings',
    {
      config: { access: ADMINS, audit: { action: 'desk_settings.update', targetType: 'desk_settings' } },
      schema: {
        tags: ['desk'],
        summary: 'Turn automatic triage and answers on or off, set the threshold and categories (admins)',
        description: `Fields not given stay as they are; null returns a field to the server’s default. Applies from the next inbound conversation, on every instance, without a restart. Audited (before and after) and announced as the live event desk.settings_updated. ${PRECEDENCE}`,
        body: PatchDeskSettingsRequest,
        response: { 200: DeskSettings },
      },
    },
    async (request) => runChange(request, (uow) => updateDeskSettings(uow, request.body)),
  );
};
