import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { calendarFeeds } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { hashToken, randomToken } from '../auth/auth.crypto.ts';
import { authorize, policy } from '../auth/policy.ts';
import {
  findLiveOrganizationIds,
  findReadableOrganizations,
} from '../organizations/organizations.service.ts';

/**
 * An organisation's private calendar feed: an address with a secret in it, for its own people's calendar
 * applications, that carries its internal events too. Its editors make one (a new one replaces the old), and
 * revoke it; only the secret's hash is kept, so the address is shown once.
 */

/** The organisation, for an editor of it: not found where the actor may not read it, 401 or 403 where not an editor. */
async function editableOrganization(db: DbOrTx, actor: Actor | null, organizationId: number) {
  const readable = await findReadableOrganizations(db, actor, [organizationId]);
  const live = await findLiveOrganizationIds(db, [organizationId]);
  if (!readable.has(organizationId) || !live.has(organizationId))
    throw new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${organizationId}`);
  authorize(actor, policy.create(actor, [organizationId]));
  return actor;
}

/** Makes the organisation's private feed, or a new secret for it; answers the feed's address. */
export async function createCalendarFeed(
  db: DbOrTx,
  actor: Actor | null,
  organizationId: number,
  baseUrl: string,
) {
  return db.transaction(async (tx) => {
    const editor = await editableOrganization(tx, actor, organizationId);
    const secret = randomToken();
    const [row] = await tx
      .insert(calendarFeeds)
      .values({ organizationId, secretHash: hashToken(secret), createdBy: editor.id })
      .onConflictDoUpdate({
        target: calendarFeeds.organizationId,
        set: { secretHash: hashToken(secret), createdBy: editor.id, createdAt: new Date() },
      })
      .returning();
    await recordAudit(tx, editor, {
      action: 'create_calendar_feed',
      entityType: 'organization',
      entityId: organizationId,
    });
    return {
      url: `${baseUrl}/api/calendars/private/${secret}/events.ics`,
      createdAt: row!.createdAt.toISOString(),
    };
  });
}

/** Ends the organisation's private feed: its address answers 404 from now on. */
export async function revokeCalendarFeed(db: DbOrTx, actor: Actor | null, organizationId: number) {
  await db.transaction(async (tx) => {
    const editor = await editableOrganization(tx, actor, organizationId);
    const gone = await tx
      .delete(calendarFeeds)
      .where(eq(calendarFeeds.organizationId, organizationId))
      .returning({ organizationId: calendarFeeds.organizationId });
    if (gone.length === 0) throw new AppError('NOT_FOUND', 'The organisation has no private calendar feed');
    await recordAudit(tx, editor, {
      action: 'revoke_calendar_feed',
      entityType: 'organization',
      entityId: organizationId,
    });
  });
}

/** The organisation whose private feed this secret opens, if any. */
export async function feedOrganization(db: DbOrTx, secret: string): Promise<number | undefined> {
  const [row] = await db
    .select({ organizationId: calendarFeeds.organizationId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.secretHash, hashToken(secret)));
  return row?.organizationId;
}
