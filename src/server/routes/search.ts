import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SEARCH_KINDS, SearchQuery, SearchResult } from '../../api/schemas/index.js';
import type { SearchKind } from '../../api/types.js';
import { agentOf } from '../auth/access.js';
import { ANY_ROLE } from '../context.js';
import { lookup } from '../domain/lookup.js';

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/v1/search',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['customers'],
        summary: 'One lookup: a phone, email, id, complaint number, #conversation, or part of a name or message',
        description: [
          'Recognises what was typed and answers grouped results. Phone numbers in any common writing are read as E.164 (national numbers in the desk’s region, `--region`); emails case-insensitively; `cus_`, `wal_`, `txn_`, `rfd_` ids; complaint numbers (C-YYYYMMDD-NNNNNN); `#123` or a number of up to 4 digits as a conversation number; anything else as part of a customer’s name (any script, ranked: whole name, start, anywhere) and, from 3 characters, of a message (`messages`: conversations mentioning it).',
          'Lists show phone and email partly masked; `GET /v1/customers/{id}` shows them whole and records the view. `tried` says what the query was tried as: with no results, what was looked for.',
          '422 `query_too_short` under 2 characters; 422 `invalid_phone_number` (with `reason`: too_short, too_long, invalid_country_code, invalid_length, invalid_number) for a number that cannot be one and matches nobody; 429 `rate_limited` with Retry-After past the per-agent limit.',
        ].join('\n\n'),
        querystring: SearchQuery,
        response: { 200: SearchResult },
      },
    },
    async (request) => {
      const kinds = new Set<SearchKind>(request.query.kinds ? (request.query.kinds.split(',') as SearchKind[]) : SEARCH_KINDS);
      return lookup(ctx, agentOf(request), request.query.q, kinds);
    },
  );
};
