/**
 * Sessions: signing in (with the sign-in limits and the browsers known to an account), the session cookie's
 * session and its expiry, signing out, and changing one's password, which ends the other sessions.
 */
import { AppError } from '../../core/errors.ts';
import { eventChannel } from '../../core/events.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from './actor.ts';
import type { MemberRole } from './auth.constants.ts';
import { hashPassword, hashToken, randomToken, verifyPassword } from './auth.crypto.ts';
import * as repo from './auth.repo.ts';
import { forgiveAttempt, reserveAttempt } from './sign-in-limits.ts';

export const SESSION_COOKIE = 'cb_session';
/** The cookie that marks a browser that has signed in to an account before (see knownDevices). */
export const DEVICE_COOKIE = 'cb_device';
/** A browser not used to sign in for this long is forgotten. */
export const DEVICE_MAX_MS = 400 * 24 * 60 * 60 * 1000;
/** A session ends after this long without use. */
export const SESSION_IDLE_MS = 14 * 24 * 60 * 60 * 1000;
/** A session ends this long after sign-in however much it is used: a stolen cookie does not live for ever. */
export const SESSION_MAX_MS = 30 * 24 * 60 * 60 * 1000;
/** How often a session's expiry is pushed forward (at most one write per session per hour). */
const SESSION_TOUCH_MS = 60 * 60 * 1000;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface SessionView {
  user: { id: number; email: string; name: string; isAdmin: boolean } | null;
  memberships: { organizationId: number; name: string; role: MemberRole }[];
  csrfToken: string | null;
}

export async function startSession(
  db: DbOrTx,
  userId: number,
  userAgent: string | undefined,
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + Math.min(SESSION_IDLE_MS, SESSION_MAX_MS));
  await repo.insertSession(db, {
    tokenHash: hashToken(token),
    userId,
    csrfToken,
    expiresAt,
    userAgent: userAgent?.slice(0, 300),
  });
  return { token, csrfToken, expiresAt };
}

/**
 * Why a sign-in was refused, for the metrics (the client hears only INVALID_CREDENTIALS or RATE_LIMITED):
 * `rate_limited` past the limit of the client's address, `locked_out` past the account's.
 */
export const SIGN_IN_REFUSALS = [
  'unknown_user',
  'wrong_password',
  'disabled_user',
  'rate_limited',
  'locked_out',
] as const;
export type SignInRefusal = (typeof SIGN_IN_REFUSALS)[number];

/** Every refused sign-in, on the database of the app that refused it. */
export const signInRefusals = eventChannel<{ db: DbOrTx; reason: SignInRefusal }>(
  'citybridge.auth.sign-in-refused',
);

/**
 * Checks email and password; answers a new session, or INVALID_CREDENTIALS without saying which was wrong.
 * Failed attempts are limited per client address and per account (RATE_LIMITED), before the password is checked.
 */
export async function signIn(
  db: DbOrTx,
  input: { email: string; password: string },
  client: { address: string; userAgent?: string; device?: string },
): Promise<{ session: NewSession; user: repo.UserRow; device: string }> {
  const user = await repo.findUserByEmail(db, input.email);
  const known = client.device ? await repo.findKnownDevice(db, hashToken(client.device)) : undefined;
  const knownDevice = !!user && known?.userId === user.id;
  const attempt = { address: client.address, account: input.email, knownDevice };
  const refuse = (reason: SignInRefusal) => signInRefusals.publish({ db, reason });
  try {
    await reserveAttempt(db, attempt);
  } catch (error) {
    if (error instanceof AppError && error.code === 'RATE_LIMITED') {
      refuse(error.details.some((detail) => detail.field === 'account') ? 'locked_out' : 'rate_limited');
    }
    throw error;
  }
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid || user.disabledAt) {
    refuse(!user ? 'unknown_user' : !valid ? 'wrong_password' : 'disabled_user');
    throw new AppError('INVALID_CREDENTIALS', 'The email address or password is wrong');
  }
  await forgiveAttempt(db, attempt);
  // The browser is remembered for this account: a token of its own per account, so it says nothing of others.
  let device = client.device;
  if (knownDevice && device) await repo.touchKnownDevice(db, hashToken(device), new Date());
  else {
    device = randomToken();
    await repo.insertKnownDevice(db, hashToken(device), user.id);
  }
  return { session: await startSession(db, user.id, client.userAgent), user, device };
}

/** Resolves a session cookie to its user, extending the session while it is used. */
export async function resolveSession(db: DbOrTx, token: string) {
  const now = new Date();
  const tokenHash = hashToken(token);
  const row = await repo.findLiveSession(db, tokenHash, now, new Date(now.getTime() - SESSION_MAX_MS));
  if (!row) return undefined;
  if (now.getTime() - row.session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    const idleEnd = now.getTime() + SESSION_IDLE_MS;
    const absoluteEnd = row.session.createdAt.getTime() + SESSION_MAX_MS;
    await repo.touchSession(db, tokenHash, now, new Date(Math.min(idleEnd, absoluteEnd)));
  }
  return { user: row.user, tokenHash, csrfToken: row.session.csrfToken };
}

export async function signOut(db: DbOrTx, tokenHash: string): Promise<void> {
  await repo.deleteSession(db, tokenHash);
}

export async function signOutEverywhere(db: DbOrTx, actor: Actor): Promise<number> {
  return repo.deleteUserSessions(db, actor.id);
}

export async function sessionView(
  db: DbOrTx,
  actor: Actor | null,
  csrfToken: string | null,
): Promise<SessionView> {
  if (!actor) return { user: null, memberships: [], csrfToken: null };
  const rows = await repo.findMemberships(db, actor.id);
  return {
    user: { id: actor.id, email: actor.email, name: actor.name, isAdmin: actor.isAdmin },
    memberships: rows,
    csrfToken,
  };
}

/**
 * Changes the actor's password after checking the current one (wrong guesses count against the sign-in limits);
 * every other session of theirs ends, and so do their API tokens unless they choose to keep them.
 */
export async function changePassword(
  db: DbOrTx,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepApiTokens?: boolean },
  client: { address: string; keepSession?: string },
): Promise<void> {
  const attempt = { address: client.address, account: actor.email };
  await reserveAttempt(db, attempt);
  const user = await repo.findUserById(db, actor.id);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'The current password is wrong', [
      { field: 'body.currentPassword', message: 'is wrong' },
    ]);
  }
  await forgiveAttempt(db, attempt);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, actor.id, { passwordHash });
    await endCredentials(tx, actor, 'change_password', actor.id, {
      keepSession: client.keepSession,
      keepApiTokens: input.keepApiTokens,
    });
  });
}

/**
 * After a new password: ends the user's sessions (but `keepSession`) and, unless kept, revokes their API tokens,
 * and records the change.
 */
export async function endCredentials(
  tx: DbOrTx,
  actor: Actor | null,
  action: 'change_password' | 'set_password',
  userId: number,
  keep: { keepSession?: string; keepApiTokens?: boolean },
) {
  await repo.deleteUserSessions(tx, userId, keep.keepSession);
  const revoked = keep.keepApiTokens ? 0 : await repo.revokeUserApiTokens(tx, userId, new Date());
  await recordAudit(tx, actor, {
    action,
    entityType: 'user',
    entityId: userId,
    after: { apiTokensRevoked: revoked },
  });
}

/**
 * Removes sessions that have ended, one-time links that are used or expired, and browsers unused for longer than
 * DEVICE_MAX_MS; answers how many of each.
 */
export async function purgeEndedCredentials(db: DbOrTx, now: Date) {
  const ended = await repo.purgeEndedSessions(db, now);
  const knownDevices = await repo.purgeKnownDevices(db, new Date(now.getTime() - DEVICE_MAX_MS));
  return { ...ended, knownDevices };
}
