import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
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
