import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { nextVersion } from '../../db/rows.ts';
import { eventMedia } from '../../db/schema.ts';

export type MediaRow = typeof eventMedia.$inferSelect;
export type MediaInsert = typeof eventMedia.$inferInsert;
export type MediaChanges = Partial<Pick<MediaInsert, 'alt' | 'title' | 'caption' | 'credit' | 'deletedAt'>>;

/** The live photos and documents of the given events, in the order they were added. */
export async function findMediaOfEvents(db: DbOrTx, eventIds: readonly number[]): Promise<MediaRow[]> {
  if (eventIds.length === 0) return [];
  return db
    .select()
    .from(eventMedia)
    .where(and(inArray(eventMedia.eventId, [...eventIds]), isNull(eventMedia.deletedAt)))
    .orderBy(asc(eventMedia.eventId), asc(eventMedia.id));
}

/** One photo or document of an event, removed ones too; with `lock`, held until the transaction ends. */
export async function findMedia(db: DbOrTx, eventId: number, mediaId: number, lock = false) {
  const query = db
    .select()
    .from(eventMedia)
    .where(and(eq(eventMedia.id, mediaId), eq(eventMedia.eventId, eventId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertMedia(db: DbOrTx, values: MediaInsert): Promise<MediaRow> {
  const [row] = await db.insert(eventMedia).values(values).returning();
  return row!;
}

/** Writes changes to a photo or document and bumps its version. */
export async function updateMedia(db: DbOrTx, mediaId: number, changes: MediaChanges): Promise<MediaRow> {
  const [row] = await db
    .update(eventMedia)
    .set({ ...changes, ...nextVersion(eventMedia) })
    .where(eq(eventMedia.id, mediaId))
    .returning();
  return row!;
}
