import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LoginRequest, LoginResponse, Me } from '../../api/schemas/index.js';
import { agentOf } from '../auth/access.js';
import { burnPasswordCheck, verifyPassword } from '../auth/password.js';
import { clearAttempts, releaseAttempt, reserveAttempts } from '../auth/rate-limit.js';
import { issueToken, revokeToken } from '../auth/tokens.js';
import { ANY_ROLE } from '../context.js';
import { ProblemError } from '../domain/errors.js';
import { problemResponses } from '../http/responses.js';
import { findAgentByEmail, toAgent } from '../store/agents.js';
import { recordAudit } from '../store/audit.js';
import { iso } from '../store/time.js';
import { runChange } from '../http/unit-of-work.js';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.post(
    '/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Exchange email and password for a bearer token',
        body: LoginRequest,
        response: { 200: LoginResponse, ...problemResponses },
      },
    },
    async (request) => {
      const now = ctx.now();
      const email = request.body.email.trim().toLowerCase();
      // Each attempt takes its place in both windows before its password is checked, so parallel
      // guesses cannot all pass a "still below the limit" check first. Email first: an attempt the
      // address window refuses does not use up the email's window either.
      const reserved = await reserveAttempts(
        ctx.db,
        [
          { bucket: `login:email:${email}`, limit: ctx.settings.loginLimitPerEmail },
          { bucket: `login:ip:${request.ip}`, limit: ctx.settings.loginLimitPerIp },
        ],
        now,
      );
      if (!reserved.granted) {
        const seconds = Math.max(1, Math.ceil((reserved.resetAt - now) / 1000));
        throw new ProblemError('rate_limited', `too many failed logins; try again in ${seconds} s`, {
          headers: { 'retry-after': String(seconds) },
          extra: { retryAfterSeconds: seconds },
        });
      }
      const [emailPlace, addressPlace] = reserved.places as [(typeof reserved.places)[number], (typeof reserved.places)[number]];

      const agent = await findAgentByEmail(ctx.db, email);
      const ok = agent ? await verifyPassword(request.body.password, agent.password_hash) : (await burnPasswordCheck(request.body.password), false);
      if (!agent || !ok) {
        await recordAudit(ctx.db, now, {
          actorId: agent?.id ?? null,
          actorRole: agent?.role ?? null,
          action: 'auth.login',
          targetType: 'agent',
          targetId: agent?.id ?? email,
          requestId: request.id,
          outcome: 'failed',
        });
        throw new ProblemError('invalid_credentials', 'wrong email or password');
      }

      // Not a guess after all: the email's failures are forgiven, and the address gets its place back
      // (an office behind one address must not run out of logins by logging in).
      await clearAttempts(ctx.db, emailPlace.bucket);
      await releaseAttempt(ctx.db, addressPlace);
      const { token, expiresAt } = await issueToken(ctx.db, agent.id, now, ctx.settings.tokenTtlMs);
      await recordAudit(ctx.db, now, {
        actorId: agent.id,
        actorRole: agent.role,
        action: 'auth.login',
        targetType: 'agent',
        targetId: agent.id,
        requestId: request.id,
        outcome: 'succeeded',
      });
      return { token, expiresAt: iso(expiresAt), agent: toAgent(agent) };
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      config: { access: ANY_ROLE, audit: { action: 'auth.logout', targetType: 'agent' } },
      schema: { tags: ['auth'], summary: 'Revoke the token this request carries', response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      await runChange(request, async (uow) => {
        await revokeToken(uow.trx, uow.actor.tokenHash);
        await uow.audit({ targetId: uow.actor.id });
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/me',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['auth'], summary: 'The agent this token belongs to', response: { 200: Me } },
    },
    async (request) => {
      const agent = agentOf(request);
      return { agent: toAgent(agent), tokenExpiresAt: iso(agent.tokenExpiresAt) };
    },
  );
};
