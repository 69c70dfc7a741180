import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';

/**
 * The tables whose rows refer to stored files (by `sha256`), charge them to an organisation (`organization_id`,
 * `size`) and let them go with `deleted_at`: a tie's documents, an event's photos and documents, and the images in
 * articles. A file stays on the disk while a live row of any of them refers to it, and an organisation's quota
 * counts the files of all of them. A new table that keeps files joins this list.
 */
const FILE_TABLES = ['partnership_documents', 'event_media', 'article_images'] as const;

const liveFiles = sql.join(
  FILE_TABLES.map(
    (table) =>
      sql`select sha256, size, organization_id from ${sql.identifier(table)} where deleted_at is null`,
  ),
  sql` union all `,
);

/** Whether a live row of any table that keeps files (on any record, deleted records included) refers to it. */
export async function isFileInUse(db: DbOrTx, sha256: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from (${liveFiles}) f where f.sha256 = ${sha256} limit 1`,
  );
  return rows.length > 0;
}

/** The bytes of the live files charged to an organisation, whichever records they are on. */
export async function sumStoredBytes(db: DbOrTx, organizationId: number): Promise<number> {
  const [row] = await queryRows<{ total: string | number }>(
    db,
    sql`select coalesce(sum(f.size), 0) as total from (${liveFiles}) f where f.organization_id = ${organizationId}`,
  );
  return Number(row?.total ?? 0);
}

/**
 * Holds a stored file until the transaction ends, so that removing its last reference and adding a new one of
 * the same content do not interleave.
 */
export async function lockStoredFile(db: DbOrTx, sha256: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`document-file:${sha256}`}, 0))`);
}

/** Holds an organisation's file storage until the transaction ends, so parallel uploads see each other. */
export async function lockStorageQuota(db: DbOrTx, organizationId: number) {
  await db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`document-quota:${organizationId}`}, 0))`,
  );
}
