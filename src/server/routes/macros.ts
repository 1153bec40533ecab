import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateMacroRequest,
  Macro,
  MacroPage,
  MacroQuery,
  MacroRefParam,
  RenderedMacro,
  RenderMacroQuery,
  UpdateMacroRequest,
} from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { ADMINS, ANY_ROLE } from '../context.js';
import { createMacro, deleteMacro, renderMacro, updateMacro } from '../domain/macros.js';
import { notFound } from '../domain/errors.js';
import { findMacro, listMacros, toMacro } from '../store/macros.js';
import { runChange } from '../http/unit-of-work.js';

const BY_REF = 'The path takes the macro id (mac_…) or its shortcut.';

export const macroRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/macros',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['macros'],
        summary: 'Macros (canned responses) in shortcut order',
        description: '`q` matches part of the name or shortcut; `language` keeps macros that have a text in it.',
        querystring: MacroQuery,
        response: { 200: MacroPage },
      },
    },
    async (request) => {
      const q = request.query;
      const { rows, nextCursor } = await listMacros(ctx.db, { category: q.category, language: q.language, search: q.q?.trim() || undefined }, q.limit ?? 50, q.cursor);
      return { data: rows.map(toMacro), nextCursor };
    },
  );

  app.get(
    '/v1/macros/:macro',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['macros'], summary: 'One macro', description: BY_REF, params: MacroRefParam, response: { 200: Macro } },
    },
    async (request) => {
      const row = await findMacro(ctx.db, request.params.macro);
      if (!row) throw notFound(`macro ${request.params.macro}`);
      return toMacro(row);
    },
  );

  app.get(
    '/v1/macros/:macro/render',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['macros'],
        summary: 'A macro filled in for a conversation, ready to send',
        description: `${BY_REF} The text is in the customer's language, else English (\`fallback\`: true, and \`notice\` says so). {{transaction.id}} is \`transactionId\`, else the one transaction of the customer the conversation mentions; {{account.id}} is \`accountId\`, else that transaction's account, else the customer's only wallet. A variable with no value is 422 \`macro_variable_unfillable\`, one \`errors[]\` entry per variable; an unknown one is 422 \`macro_variable_unknown\`.`,
        params: MacroRefParam,
        querystring: RenderMacroQuery,
        response: { 200: RenderedMacro },
      },
    },
    async (request) => renderMacro(ctx, agentOf(request), request.params.macro, request.query),
  );

  app.post(
    '/v1/macros',
    {
      config: { access: ADMINS, audit: { action: 'macro.created', targetType: 'macro' } },
      schema: {
        tags: ['macros'],
        summary: 'Create a macro (admins)',
        description: 'English is required. A text with an unknown variable is 422 `macro_variable_unknown`; unbalanced braces are 422 `macro_template_malformed`; a name or shortcut in use is 409.',
        body: CreateMacroRequest,
        response: { 201: Macro },
      },
    },
    async (request, reply) => reply.code(201).send(await runChange(request, (uow) => createMacro(uow, request.body))),
  );

  app.patch(
    '/v1/macros/:macro',
    {
      config: { access: ADMINS, audit: { action: 'macro.updated', targetType: 'macro', targetParam: 'macro' } },
      schema: {
        tags: ['macros'],
        summary: 'Change a macro (admins)',
        description: `${BY_REF} Fields sent replace the stored ones; in \`bodies\`, a language set to null is removed (English cannot be). The same checks as creation apply to the result.`,
        params: MacroRefParam,
        body: UpdateMacroRequest,
        response: { 200: Macro },
      },
    },
    async (request) => runChange(request, (uow) => updateMacro(uow, request.params.macro, request.body)),
  );

  app.delete(
    '/v1/macros/:macro',
    {
      config: { access: ADMINS, audit: { action: 'macro.deleted', targetType: 'macro', targetParam: 'macro' } },
      schema: { tags: ['macros'], summary: 'Delete a macro (admins)', description: BY_REF, params: MacroRefParam, response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      await runChange(request, (uow) => deleteMacro(uow, request.params.macro));
      return reply.code(204).send(null);
    },
  );
};
