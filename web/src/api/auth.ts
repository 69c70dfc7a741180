/** Who is signed in, their session and API tokens, and the one-time links that set passwords. */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  ApiToken,
  ChangePasswordBody,
  CreateApiTokenBody,
  CreatedApiToken,
  InspectLinkResponse,
  PasswordLinkBody,
  SessionResponse,
  SetupBody,
  SignInBody,
} from '../../../src/contract.ts';
import { getJson } from './client.ts';
import { rememberCsrfToken, sendJson, useWrite } from './writes.ts';

export type { ApiToken, SessionResponse as Session } from '../../../src/contract.ts';

export const authKeys = {
  session: ['session'] as const,
  tokens: ['tokens'] as const,
  link: (token: string) => ['link', token] as const,
};

/** Who is signed in; reading it also gives the writes the session's CSRF token. */
export const useSession = () =>
  useQuery({
    queryKey: authKeys.session,
    queryFn: async () => {
      const session = await getJson<SessionResponse>('/api/auth/session');
      rememberCsrfToken(session.csrfToken);
      return session;
    },
  });

/** Signing in, setting up or changing sessions: every cached read may now answer differently. */
const startSession = async (session: SessionResponse | undefined, client: QueryClient) => {
  rememberCsrfToken(session?.csrfToken ?? null);
  await client.invalidateQueries();
};

export const useSignIn = () =>
  useWrite(
    (body: SignInBody) => sendJson<SessionResponse>('POST', '/api/auth/sign-in', body),
    (client, session) => startSession(session, client),
  );

export const useSignOut = () =>
  useWrite(
    () => sendJson('POST', '/api/auth/sign-out'),
    (client) => startSession(undefined, client),
  );

export const useSignOutEverywhere = () =>
  useWrite(
    () => sendJson('POST', '/api/auth/sign-out-everywhere'),
    (client) => startSession(undefined, client),
  );

/** What a one-time link is for (setup or a new password), or an ApiError when it is unknown, used or expired. */
export const useLink = (token: string) =>
  useQuery({
    queryKey: authKeys.link(token),
    queryFn: () => sendJson<InspectLinkResponse>('POST', '/api/auth/links/inspect', { token }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Creates the first administrator and signs them in. */
export const useSetup = () =>
  useWrite(
    (body: SetupBody) => sendJson<SessionResponse>('POST', '/api/auth/setup', body),
    (client, session) => startSession(session, client),
  );

/** Sets a password with a one-time link and signs in. */
export const useSetPasswordWithLink = () =>
  useWrite(
    (body: PasswordLinkBody) => sendJson<SessionResponse>('POST', '/api/auth/password-link', body),
    (client, session) => startSession(session, client),
  );

export const useChangePassword = () =>
  useWrite(
    (body: ChangePasswordBody) => sendJson('POST', '/api/auth/password', body),
    (client) => client.invalidateQueries({ queryKey: authKeys.tokens }),
  );

export const useApiTokens = (enabled: boolean) =>
  useQuery({
    queryKey: authKeys.tokens,
    queryFn: () => getJson<{ items: ApiToken[] }>('/api/auth/tokens'),
    enabled,
  });

export const useCreateApiToken = () =>
  useWrite(
    (body: CreateApiTokenBody) => sendJson<CreatedApiToken>('POST', '/api/auth/tokens', body),
    (client) => client.invalidateQueries({ queryKey: authKeys.tokens }),
  );

export const useRevokeApiToken = () =>
  useWrite(
    (id: number) => sendJson('DELETE', `/api/auth/tokens/${id}`),
    (client) => client.invalidateQueries({ queryKey: authKeys.tokens }),
  );
