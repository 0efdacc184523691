// Single sign-on through the county's 统一身份认证 platform (OpenID Connect, issue 17): the login
// page's button leads to /start, the platform sends the browser back to /callback, and a person
// the rules of domain/single-sign-on.ts admit gets the console session a password sign-in gives.
// A refusal goes back to the login page, which shows it in words (`?ssoError=CODE`).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { claimedUsername, type SsoRefusal, ssoRefusal } from '../../domain/single-sign-on';
import { findAccount, findSignIn } from '../../db/repositories/accounts.repo';
import type { OidcSettings } from '../../env';
import { httpError } from '../errors';
import { errors } from '../schemas/common';
import { startSession } from '../sign-in';
import { isProviderRefusal, type SsoProvider, type SsoTransaction, ssoProvider } from '../single-sign-on';

/**
 * The transaction (state, nonce, PKCE verifier) rides in a cookie of its own, signed, for ten
 * minutes: the session cookie is SameSite=Strict, and a browser sends no Strict cookie with the
 * platform's redirect back (a navigation from another site). Lax is sent with it.
 */
const TRANSACTION_COOKIE = 'county_sso';
const TRANSACTION_PATH = '/v1/session/oidc';

/** A console path (never another site): where to go after sign-in. */
const Next = Type.String({ maxLength: 300, pattern: '^/(?![/\\\\])' });
const SsoInfo = Type.Object({ enabled: Type.Boolean(), label: Type.Union([Type.String(), Type.Null()]) });

const routes: FastifyPluginAsyncTypebox<{ oidc: OidcSettings | undefined; secure: boolean }> = async (app, { oidc, secure }) => {
  const { db } = app.deps;
  const now = () => new Date((app.deps.clock ?? Date.now)());
  const provider: SsoProvider | undefined = oidc && ssoProvider(oidc);
  const enabled = () => {
    if (!provider || !oidc) throw httpError(404, 'SSO_DISABLED', '本系统未启用统一身份认证登录，请使用用户名和密码登录');
    return { provider, oidc };
  };
  const toLogin = (reply: FastifyReply, code: SsoRefusal) => reply.redirect(`/login?ssoError=${code}`, 303);

  function transactionOf(request: FastifyRequest): SsoTransaction | null {
    const raw = request.cookies[TRANSACTION_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    if (!unsigned?.valid || !unsigned.value) return null;
    try {
      return JSON.parse(unsigned.value) as SsoTransaction;
    } catch {
      return null;
    }
  }

  app.get(
    '/session/sso',
    {
      config: { public: true },
      schema: { summary: '是否启用统一身份认证登录（登录页据此显示按钮）', tags: ['identity'], response: { 200: SsoInfo } },
    },
    async () => ({ enabled: !!oidc, label: oidc?.label ?? null }),
  );

  app.get(
    '/session/oidc/start',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary: '统一身份认证登录：转到统一身份认证平台（授权码 + PKCE）',
        tags: ['identity'],
        querystring: Type.Object({ next: Type.Optional(Next) }),
        response: { 303: Type.Null(), ...errors(404) },
      },
    },
    async (request, reply) => {
      const sso = enabled();
      let started: Awaited<ReturnType<SsoProvider['start']>>;
      try {
        started = await sso.provider.start(request.query.next ?? '/inbox');
      } catch (err) {
        request.log.error({ err }, '统一身份认证平台的配置无法读取 (SSO_PROVIDER_FAILED)');
        return toLogin(reply, 'SSO_PROVIDER_FAILED');
      }
      reply.setCookie(TRANSACTION_COOKIE, JSON.stringify(started.transaction), {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: TRANSACTION_PATH,
        maxAge: 600,
      });
      return reply.redirect(started.url.href, 303);
    },
  );

  app.get(
    '/session/oidc/callback',
    {
      // every sign-in through the platform, admitted or refused, is an audit-log entry
      config: { public: true, auditRead: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary: '统一身份认证登录：统一身份认证平台返回（校验后建立会话，转到控制台）',
        tags: ['identity'],
        querystring: Type.Object({ state: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 303: Type.Null(), ...errors(404) },
      },
    },
    async (request, reply) => {
      const sso = enabled();
      const transaction = transactionOf(request);
      reply.clearCookie(TRANSACTION_COOKIE, { path: TRANSACTION_PATH });
      // a callback this browser did not start (forged, replayed, or older than ten minutes)
      if (!transaction || request.query.state !== transaction.state)
        throw httpError(400, 'SSO_STATE_INVALID', '统一身份认证的登录请求已失效或来源不明，请回到登录页重新登录');

      let claims: Record<string, unknown>;
      try {
        claims = await sso.provider.finish(request.url.split('?')[1] ?? '', transaction);
      } catch (err) {
        if (isProviderRefusal(err)) return toLogin(reply, 'SSO_PROVIDER_REFUSED');
        request.log.error({ err }, '统一身份认证平台的应答未通过校验 (SSO_PROVIDER_FAILED)');
        return toLogin(reply, 'SSO_PROVIDER_FAILED');
      }
      const username = claimedUsername(claims, sso.oidc);
      if (!username) return toLogin(reply, 'SSO_USERNAME_MISSING');
      request.auditTarget = `/v1/session/${username}`;
      const signIn = await findSignIn(db, username);
      const refusal = ssoRefusal(claims, sso.oidc, signIn && (await findAccount(db, signIn.id)));
      if (refusal) {
        request.auditTarget += `?ssoError=${refusal}`;
        return toLogin(reply, refusal);
      }
      await startSession(app, request, signIn!, now(), 'sso');
      return reply.redirect(transaction.next, 303);
    },
  );
};

export default routes;
