import { AppError, pgErrorCode } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { MemberRole } from '../organizations/organizations.constants.ts';
import type { Actor } from './actor.ts';
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
const SETUP_LINK_MS = 24 * 60 * 60 * 1000;
const PASSWORD_LINK_MS = 72 * 60 * 60 * 1000;
const API_TOKEN_PREFIX = 'cbt_';

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

/** The user as the audit history records it: never the password hash. */
export function auditedUser(user: repo.UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    disabled: user.disabledAt !== null,
  };
}

/** Builds the actor of a request from a user row and their memberships. */
export async function loadActor(db: DbOrTx, user: repo.UserRow, via: Actor['via']): Promise<Actor> {
  const rows = await repo.findMemberships(db, user.id);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    memberships: new Map(rows.map((row) => [row.organizationId, row.role])),
    via,
  };
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
  await reserveAttempt(db, attempt);
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid || user.disabledAt) {
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

/** Resolves a bearer API token to its user. */
export async function resolveApiToken(db: DbOrTx, token: string) {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
  const row = await repo.findLiveApiToken(db, hashToken(token));
  if (!row) return undefined;
  const now = new Date();
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > SESSION_TOUCH_MS) {
    await repo.touchApiToken(db, row.token.id, now);
  }
  return row.user;
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
async function endCredentials(
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

export interface OneTimeLink {
  token: string;
  url: string;
  expiresAt: Date;
}

function linkUrl(baseUrl: string, page: 'setup' | 'password', token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/${page}#token=${token}`;
}

/**
 * While no user exists, a one-time link with which the first administrator chooses a password; the previous
 * link stops working. Answers nothing once the installation has a user.
 */
export async function issueSetupLink(db: DbOrTx, baseUrl: string): Promise<OneTimeLink | undefined> {
  return db.transaction(async (tx) => {
    if ((await repo.countUsers(tx)) > 0) return undefined;
    const now = new Date();
    await repo.retireOneTimeTokens(tx, 'setup', null, now);
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + SETUP_LINK_MS);
    await repo.insertOneTimeToken(tx, { tokenHash: hashToken(token), purpose: 'setup', expiresAt });
    return { token, url: linkUrl(baseUrl, 'setup', token), expiresAt };
  });
}

/** A one-time link with which a user chooses a (new) password; earlier links of theirs stop working. */
export async function issuePasswordLink(
  db: DbOrTx,
  actor: Actor | null,
  userId: number,
  baseUrl: string,
): Promise<OneTimeLink> {
  return db.transaction(async (tx) => {
    const user = await repo.findUserById(tx, userId);
    if (!user) throw new AppError('USER_NOT_FOUND', `No user ${userId}`);
    const now = new Date();
    await repo.retireOneTimeTokens(tx, 'password', userId, now);
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + PASSWORD_LINK_MS);
    await repo.insertOneTimeToken(tx, {
      tokenHash: hashToken(token),
      purpose: 'password',
      userId,
      expiresAt,
    });
    await recordAudit(tx, actor, { action: 'issue_password_link', entityType: 'user', entityId: userId });
    return { token, url: linkUrl(baseUrl, 'password', token), expiresAt };
  });
}

/** What a one-time link is for, so the page can say so; LINK_INVALID when unknown, used or expired. */
export async function inspectLink(db: DbOrTx, token: string) {
  const row = await repo.findOneTimeToken(db, hashToken(token), new Date());
  if (!row) throw new AppError('LINK_INVALID', 'This link is not valid: it is unknown, used or expired');
  return { purpose: row.purpose, email: row.email ?? null };
}

function emailTaken(error: unknown): boolean {
  return pgErrorCode(error) === '23505';
}

/**
 * Refuses an unknown, used or expired link before any password is hashed, so that made-up links cost the
 * server nothing; the link is consumed, and checked again, in the writing transaction.
 */
async function requireLiveLink(db: DbOrTx, token: string, purpose: 'setup' | 'password') {
  const row = await repo.findOneTimeToken(db, hashToken(token), new Date());
  if (row?.purpose !== purpose) {
    throw new AppError('LINK_INVALID', 'This link is not valid: it is unknown, used or expired');
  }
}

/** Redeems the setup link: creates the first administrator with the chosen password and signs them in. */
export async function completeSetup(
  db: DbOrTx,
  input: { token: string; email: string; name: string; password: string },
  userAgent?: string,
) {
  await requireLiveLink(db, input.token, 'setup');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const link = await repo.consumeOneTimeToken(tx, hashToken(input.token), new Date());
    if (link?.purpose !== 'setup') {
      throw new AppError('LINK_INVALID', 'This link is not valid: it is unknown, used or expired');
    }
    if ((await repo.countUsers(tx)) > 0) throw new AppError('ALREADY_SET_UP', 'This installation is set up');
    const user = await repo.insertUser(tx, {
      email: input.email,
      name: input.name,
      passwordHash,
      isAdmin: true,
    });
    await recordAudit(tx, null, {
      action: 'create',
      entityType: 'user',
      entityId: user.id,
      after: auditedUser(user),
    });
    return { session: await startSession(tx, user.id, userAgent), user };
  });
}

/**
 * Redeems a password link: sets the password, ends the user's other sessions and their API tokens (unless they
 * choose to keep them), and signs them in.
 */
export async function completePasswordLink(
  db: DbOrTx,
  input: { token: string; password: string; keepApiTokens?: boolean },
  userAgent?: string,
) {
  await requireLiveLink(db, input.token, 'password');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const link = await repo.consumeOneTimeToken(tx, hashToken(input.token), new Date());
    if (link?.purpose !== 'password' || link.userId === null) {
      throw new AppError('LINK_INVALID', 'This link is not valid: it is unknown, used or expired');
    }
    const user = await repo.updateUser(tx, link.userId, { passwordHash });
    if (!user || user.disabledAt) {
      throw new AppError('LINK_INVALID', 'This link is not valid: the account is disabled');
    }
    await endCredentials(tx, null, 'set_password', user.id, { keepApiTokens: input.keepApiTokens });
    return { session: await startSession(tx, user.id, userAgent), user };
  });
}

/** Adds a user without a password; the answer holds a one-time link with which they choose one. */
export async function addUser(
  db: DbOrTx,
  actor: Actor | null,
  input: { email: string; name: string; isAdmin?: boolean },
  baseUrl: string,
) {
  try {
    const user = await db.transaction(async (tx) => {
      const row = await repo.insertUser(tx, {
        email: input.email,
        name: input.name,
        isAdmin: !!input.isAdmin,
      });
      await recordAudit(tx, actor, {
        action: 'create',
        entityType: 'user',
        entityId: row.id,
        after: auditedUser(row),
      });
      return row;
    });
    const link = await issuePasswordLink(db, actor, user.id, baseUrl);
    return { user, link };
  } catch (error) {
    if (emailTaken(error)) {
      throw new AppError('EMAIL_TAKEN', `A user with the email address ${input.email} exists`, [
        { field: 'body.email', message: 'is taken' },
      ]);
    }
    throw error;
  }
}

/** Changes a user's name, administrator flag or disabled state; disabling ends their sessions and API tokens. */
export async function updateUserAccount(
  db: DbOrTx,
  actor: Actor | null,
  userId: number,
  input: { name?: string; isAdmin?: boolean; disabled?: boolean; version?: number },
) {
  return db.transaction(async (tx) => {
    const before = await repo.findUserById(tx, userId);
    if (!before) throw new AppError('USER_NOT_FOUND', `No user ${userId}`);
    if (input.version !== undefined && input.version !== before.version) {
      throw new AppError(
        'VERSION_CONFLICT',
        'The user was changed by someone else',
        [],
        toUserResponse(before),
      );
    }
    if (actor && actor.id === userId && (input.disabled || input.isAdmin === false)) {
      throw new AppError('FORBIDDEN', 'You cannot disable yourself or take away your own administrator role');
    }
    const disabledAt =
      input.disabled === undefined ? undefined : input.disabled ? (before.disabledAt ?? new Date()) : null;
    const after = await repo.updateUser(tx, userId, { name: input.name, isAdmin: input.isAdmin, disabledAt });
    // Disabling ends what the user holds: enabling them again does not bring back their sessions or tokens.
    if (input.disabled) {
      await repo.deleteUserSessions(tx, userId);
      await repo.revokeUserApiTokens(tx, userId, new Date());
    }
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'user',
      entityId: userId,
      before: auditedUser(before),
      after: auditedUser(after!),
    });
    return after!;
  });
}

export function toUserResponse(user: repo.UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    disabled: user.disabledAt !== null,
    hasPassword: user.passwordHash !== null,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Gives a user a role in an organisation (or changes it). */
export async function grantMembership(
  db: DbOrTx,
  actor: Actor | null,
  input: { userId: number; organizationId: number; role: MemberRole },
) {
  await db.transaction(async (tx) => {
    await repo.setMembership(tx, input.userId, input.organizationId, input.role);
    await recordAudit(tx, actor, {
      action: 'grant',
      entityType: 'user',
      entityId: input.userId,
      after: { organizationId: input.organizationId, role: input.role },
    });
  });
}

export async function revokeMembership(
  db: DbOrTx,
  actor: Actor | null,
  input: { userId: number; organizationId: number },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await repo.deleteMembership(tx, input.userId, input.organizationId);
    if (removed) {
      await recordAudit(tx, actor, {
        action: 'revoke',
        entityType: 'user',
        entityId: input.userId,
        before: { organizationId: input.organizationId },
      });
    }
    return removed;
  });
}

/** Creates a personal API token; the token itself is answered once and never stored. */
export async function createApiToken(db: DbOrTx, actor: Actor, name: string) {
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const row = await db.transaction(async (tx) => {
    const inserted = await repo.insertApiToken(tx, {
      userId: actor.id,
      name,
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      tokenHash: hashToken(token),
    });
    await recordAudit(tx, actor, {
      action: 'create_token',
      entityType: 'user',
      entityId: actor.id,
      after: { tokenId: inserted.id, name },
    });
    return inserted;
  });
  return { token, row };
}

export async function revokeToken(db: DbOrTx, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const row = await repo.revokeApiToken(tx, actor.id, id, new Date());
    if (!row) throw new AppError('TOKEN_NOT_FOUND', `No live API token ${id}`);
    await recordAudit(tx, actor, {
      action: 'revoke_token',
      entityType: 'user',
      entityId: actor.id,
      before: { tokenId: id, name: row.name },
    });
  });
}
