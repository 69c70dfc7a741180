/**
 * One-time links: the setup link with which the first administrator chooses a password, and the password links
 * with which a user chooses a (new) one. Only a hash of a link's token is stored; redeeming one signs the user in.
 */
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from './actor.ts';
import { hashPassword, hashToken, randomToken } from './auth.crypto.ts';
import * as repo from './auth.repo.ts';
import { endCredentials, startSession } from './auth.sessions.service.ts';
import { auditedUser } from './auth.users.presenter.ts';

const SETUP_LINK_MS = 24 * 60 * 60 * 1000;
const PASSWORD_LINK_MS = 72 * 60 * 60 * 1000;

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
