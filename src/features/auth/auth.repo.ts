import { and, asc, eq, gt, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { nextVersion } from '../../db/rows.ts';
import {
  apiTokens,
  knownDevices,
  memberships,
  oneTimeTokens,
  organizations,
  sessions,
  users,
} from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function findUserById(db: DbOrTx, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function listUsers(db: DbOrTx): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.id));
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(
  db: DbOrTx,
  id: number,
  values: Partial<Pick<UserRow, 'name' | 'passwordHash' | 'isAdmin' | 'disabledAt'>>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...values, ...nextVersion(users) })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/** The organisations a user belongs to, with the role in each. */
export async function findMemberships(db: DbOrTx, userId: number) {
  return db
    .select({ organizationId: memberships.organizationId, role: memberships.role, name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), isNull(organizations.deletedAt)))
    .orderBy(asc(organizations.name));
}

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/**
 * A live session with its user, or nothing when expired, begun before `startedAfter`, unknown, or the user is
 * disabled.
 */
export async function findLiveSession(db: DbOrTx, tokenHash: string, now: Date, startedAfter: Date) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, now),
        gt(sessions.createdAt, startedAfter),
        isNull(users.disabledAt),
      ),
    );
  return row;
}

export async function touchSession(db: DbOrTx, tokenHash: string, lastSeenAt: Date, expiresAt: Date) {
  await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user, except `keep` when given; answers how many ended. */
export async function deleteUserSessions(db: DbOrTx, userId: number, keep?: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep ? sql`${sessions.tokenHash} <> ${keep}` : undefined))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}

export async function insertOneTimeToken(db: DbOrTx, values: typeof oneTimeTokens.$inferInsert) {
  await db.insert(oneTimeTokens).values(values);
}

/** Retires the unused links of a purpose (and user), so that only the newest link works. */
export async function retireOneTimeTokens(
  db: DbOrTx,
  purpose: 'setup' | 'password',
  userId: number | null,
  now: Date,
): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeTokens.purpose, purpose),
        userId === null ? isNull(oneTimeTokens.userId) : eq(oneTimeTokens.userId, userId),
        isNull(oneTimeTokens.usedAt),
      ),
    );
}

/** Marks a link used if it is live; answers it, or nothing when unknown, used or expired. */
export async function consumeOneTimeToken(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

export async function findOneTimeToken(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ purpose: oneTimeTokens.purpose, userId: oneTimeTokens.userId, email: users.email })
    .from(oneTimeTokens)
    .leftJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    );
  return row;
}

export async function insertApiToken(db: DbOrTx, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function listApiTokens(db: DbOrTx, userId: number) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.id));
}

export async function revokeApiToken(db: DbOrTx, userId: number, id: number, now: Date) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

/** Revokes every live API token of a user; answers how many. */
export async function revokeUserApiTokens(db: DbOrTx, userId: number, now: Date): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

/** Removes sessions that have ended and one-time links that are used or expired; answers how many of each. */
export async function purgeEndedSessions(db: DbOrTx, now: Date) {
  const ended = await db
    .delete(sessions)
    .where(lte(sessions.expiresAt, now))
    .returning({ tokenHash: sessions.tokenHash });
  const links = await db
    .delete(oneTimeTokens)
    .where(or(lte(oneTimeTokens.expiresAt, now), isNotNull(oneTimeTokens.usedAt)))
    .returning({ tokenHash: oneTimeTokens.tokenHash });
  return { sessions: ended.length, links: links.length };
}

/** A live API token with its user, or nothing when unknown, revoked or the user is disabled. */
export async function findLiveApiToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
  return row;
}

export async function touchApiToken(db: DbOrTx, id: number, now: Date) {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

export async function setMembership(
  db: DbOrTx,
  userId: number,
  organizationId: number,
  role: 'editor' | 'viewer',
) {
  await db
    .insert(memberships)
    .values({ userId, organizationId, role })
    .onConflictDoUpdate({ target: [memberships.userId, memberships.organizationId], set: { role } });
}

export async function deleteMembership(db: DbOrTx, userId: number, organizationId: number) {
  const rows = await db
    .delete(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)))
    .returning();
  return rows.length > 0;
}

/** The user a known browser signed in as, or nothing. */
export async function findKnownDevice(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select().from(knownDevices).where(eq(knownDevices.tokenHash, tokenHash));
  return row;
}

export async function insertKnownDevice(db: DbOrTx, tokenHash: string, userId: number): Promise<void> {
  await db.insert(knownDevices).values({ tokenHash, userId });
}

export async function touchKnownDevice(db: DbOrTx, tokenHash: string, now: Date): Promise<void> {
  await db.update(knownDevices).set({ lastUsedAt: now }).where(eq(knownDevices.tokenHash, tokenHash));
}

/** Forgets browsers unused since `before`; answers how many. */
export async function purgeKnownDevices(db: DbOrTx, before: Date): Promise<number> {
  const rows = await db
    .delete(knownDevices)
    .where(lte(knownDevices.lastUsedAt, before))
    .returning({ tokenHash: knownDevices.tokenHash });
  return rows.length;
}
