/**
 * Users and their memberships: adding a user (who chooses a password through a one-time link), changing or
 * disabling an account, the actor a user acts as, and the roles users hold in organisations.
 */
import { AppError, pgErrorCode } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from './actor.ts';
import type { MemberRole } from './auth.constants.ts';
import { issuePasswordLink } from './auth.links.service.ts';
import * as repo from './auth.repo.ts';
import { auditedUser, presentUser } from './auth.users.presenter.ts';

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

function emailTaken(error: unknown): boolean {
  return pgErrorCode(error) === '23505';
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
      throw new AppError('VERSION_CONFLICT', 'The user was changed by someone else', [], presentUser(before));
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

/**
 * Adds a user with a password already hashed, and a role in an organisation if given, without a link or an audit
 * event: for sample data that prints its users' passwords (citybridge demo), never for real accounts.
 */
export async function addUserWithPassword(
  db: DbOrTx,
  values: {
    email: string;
    name: string;
    isAdmin: boolean;
    passwordHash: string;
    membership?: { organizationId: number; role: MemberRole };
  },
): Promise<repo.UserRow> {
  const { membership, ...fields } = values;
  const user = await repo.insertUser(db, fields);
  if (membership) await repo.setMembership(db, user.id, membership.organizationId, membership.role);
  return user;
}
