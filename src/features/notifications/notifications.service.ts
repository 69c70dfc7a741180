import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import * as repo from './notifications.repo.ts';
import type { NotificationListQuery, NotificationResponse } from './notifications.schema.ts';
import { notifications } from './notifications.tables.ts';

/** A notice for one user: what happened, what it names, where it leads. */
export interface Notice {
  userId: number;
  kind: string;
  data?: Record<string, unknown>;
  link?: string | null;
  organizationId?: number | null;
}

/** Tells users something in the workspace; written in the caller's transaction, so it goes with the change. */
export async function notify(db: DbOrTx, notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  await db.insert(notifications).values(
    notices.map((notice) => ({
      userId: notice.userId,
      kind: notice.kind,
      data: notice.data ?? {},
      link: notice.link ?? null,
      organizationId: notice.organizationId ?? null,
    })),
  );
}

/** The active users of organisations (editors only, when asked), with the language they read and their e-mail. */
export async function peopleOf(
  db: DbOrTx,
  organizationIds: readonly number[],
  options: { editorsOnly?: boolean } = {},
): Promise<{ userId: number; organizationId: number; email: string; language: string | null }[]> {
  if (organizationIds.length === 0) return [];
  return queryRows(
    db,
    sql`select u.id as "userId", m.organization_id as "organizationId", u.email, u.language
        from memberships m join users u on u.id = m.user_id
        where m.organization_id in (${idList(organizationIds)})
          ${options.editorsOnly ? sql`and m.role = 'editor'` : sql``}
          and u.disabled_at is null
        order by u.id`,
  );
}

export function presentNotification(row: repo.NotificationRow): NotificationResponse {
  return {
    id: row.id,
    kind: row.kind,
    data: row.data,
    link: row.link,
    organizationId: row.organizationId,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The signed-in user's own notifications, newest first, a page at a time, with how many are unread. */
export async function listNotifications(db: DbOrTx, actor: Actor | null, query: NotificationListQuery) {
  authorize(actor, policy.self(actor));
  const rows = await repo.listNotifications(db, actor.id, { ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(presentNotification),
    unread: await repo.countUnread(db, actor.id),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Marks one of the user's notifications read; another user's answers as one that does not exist. */
export async function readNotification(db: DbOrTx, actor: Actor | null, id: number, now = new Date()) {
  authorize(actor, policy.self(actor));
  const row = await repo.markRead(db, actor.id, id, now);
  if (!row) throw new AppError('NOTIFICATION_NOT_FOUND', `No notification ${id}`);
  return presentNotification(row);
}

/** Marks every one of the user's notifications read. */
export async function readAllNotifications(db: DbOrTx, actor: Actor | null, now = new Date()) {
  authorize(actor, policy.self(actor));
  return { read: await repo.markAllRead(db, actor.id, now) };
}
