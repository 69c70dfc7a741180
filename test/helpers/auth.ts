import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.ts';
import type { MemberRole } from '../../src/features/auth/auth.constants.ts';
import { hashPassword } from '../../src/features/auth/auth.crypto.ts';
import { insertUser, setMembership } from '../../src/features/auth/auth.repo.ts';
import { SESSION_COOKIE, startSession } from '../../src/features/auth/auth.sessions.service.ts';

let sequence = 0;

/** Inserts a user, with a password only when one is given (hashing is slow), and their memberships. */
export async function makeUser(
  db: Db,
  overrides: {
    email?: string;
    name?: string;
    isAdmin?: boolean;
    password?: string;
    memberships?: { organizationId: number; role: MemberRole }[];
  } = {},
) {
  sequence += 1;
  const user = await insertUser(db, {
    email: overrides.email ?? `user${sequence}-${process.pid}@example.org`,
    name: overrides.name ?? `User ${sequence}`,
    isAdmin: overrides.isAdmin ?? false,
    passwordHash: overrides.password ? await hashPassword(overrides.password) : null,
  });
  for (const membership of overrides.memberships ?? []) {
    await setMembership(db, user.id, membership.organizationId, membership.role);
  }
  return user;
}

/** Request headers of a signed-in browser: the session cookie and the CSRF token. */
export type SessionHeaders = Record<string, string>;

/** A session for the user, made directly in the database. */
export async function sessionHeaders(db: Db, userId: number): Promise<SessionHeaders> {
  const session = await startSession(db, userId, 'test');
  return { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': session.csrfToken };
}

/** Signs in through the API and answers the session's headers. */
export async function signInHeaders(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<SessionHeaders> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((entry) => entry.name === SESSION_COOKIE);
  return {
    cookie: `${SESSION_COOKIE}=${cookie!.value}`,
    'x-csrf-token': response.json().csrfToken as string,
  };
}

/** Inserts a user (as makeUser does) and starts a session for them. */
export async function makeSignedInUser(db: Db, overrides: Parameters<typeof makeUser>[1] = {}) {
  const user = await makeUser(db, overrides);
  return { user, headers: await sessionHeaders(db, user.id) };
}

/** The session of a new user who has the role in the organisation, and no other. */
export async function memberHeaders(
  db: Db,
  organizationId: number,
  role: MemberRole,
  overrides: { name?: string } = {},
): Promise<SessionHeaders> {
  return (await makeSignedInUser(db, { ...overrides, memberships: [{ organizationId, role }] })).headers;
}

/** The session of a new administrator. */
export async function adminHeaders(db: Db, overrides: { name?: string } = {}): Promise<SessionHeaders> {
  return (await makeSignedInUser(db, { ...overrides, isAdmin: true })).headers;
}

/**
 * Whom access tests ask about: nobody signed in, an editor and a viewer of one organisation, an editor of
 * another, and an administrator.
 */
export type Readers = Record<'anonymous' | 'editor' | 'viewer' | 'otherEditor' | 'admin', SessionHeaders>;

/**
 * Sessions for the readers of access tests: the editor and viewer of `own`, the editor of `other`, and an
 * administrator. Users are named after their organisation's label ("Espoo Editor", "Shanghai Editor") and the
 * administrator "Admin", so that histories show who did what.
 */
export async function makeReaders(
  db: Db,
  own: { organizationId: number; label: string },
  other: { organizationId: number; label: string },
): Promise<Readers> {
  return {
    anonymous: {},
    editor: await memberHeaders(db, own.organizationId, 'editor', { name: `${own.label} Editor` }),
    viewer: await memberHeaders(db, own.organizationId, 'viewer', { name: `${own.label} Viewer` }),
    otherEditor: await memberHeaders(db, other.organizationId, 'editor', { name: `${other.label} Editor` }),
    admin: await adminHeaders(db, { name: 'Admin' }),
  };
}
