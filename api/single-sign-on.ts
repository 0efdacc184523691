// The county's 统一身份认证 platform as an OpenID Connect provider (issue 17), through
// openid-client: discovery, the authorization code flow with PKCE (S256), state and nonce, and
// the ID token's validation (signature, issuer, audience, expiry, nonce) are the library's.
import * as oidc from 'openid-client';
import type { OidcSettings } from '../env';

/** What one sign-in keeps between leaving for the provider and coming back. */
export interface SsoTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** the console page to open after sign-in */
  next: string;
}

export interface SsoProvider {
  /** the provider's authorization URL, and the transaction to keep until the callback */
  start(next: string): Promise<{ url: URL; transaction: SsoTransaction }>;
  /** the claims of the person the provider signed in; throws when the provider refused or the response fails validation */
  finish(query: string, transaction: SsoTransaction): Promise<Record<string, unknown>>;
}

export function ssoProvider(settings: OidcSettings): SsoProvider {
  // Discovered at the first sign-in, not at start-up: the API starts while the platform is down,
  // and a failed discovery is tried again at the next sign-in.
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        settings.issuer,
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret ? undefined : oidc.None(),
        // env.ts admits http:// only for a provider on this machine
        settings.issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err) => {
        discovered = null;
        throw err;
      });
    return discovered;
  };

  return {
    async start(next) {
      const config = await configuration();
      const transaction = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), next };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl.href,
        scope: settings.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
        state: transaction.state,
        nonce: transaction.nonce,
      });
      return { url, transaction };
    },

    async finish(query, transaction) {
      const config = await configuration();
      // the callback as the provider was told it, whatever host the request came through
      const callback = new URL(settings.redirectUrl);
      callback.search = query;
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      const claims: Record<string, unknown> = { ...tokens.claims() };
      // A provider may keep profile claims out of the ID token (OpenID Connect Core 5.4): ask UserInfo.
      const wanted = [settings.usernameClaim, settings.departmentClaim, settings.roleClaim].filter((c): c is string => !!c);
      if (wanted.some((c) => claims[c] === undefined) && config.serverMetadata().userinfo_endpoint) {
        Object.assign(claims, await oidc.fetchUserInfo(config, tokens.access_token, claims.sub as string));
      }
      return claims;
    },
  };
}

export const isProviderRefusal = (err: unknown): boolean => err instanceof oidc.AuthorizationResponseError;
