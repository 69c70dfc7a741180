/**
 * What a merge asks of articles: the duplicate organisation's series go to the one that stays, and links naming a
 * duplicate place name the place that stays (where the story did not name it already). The undo puts each back.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { moveRows, repointRows } from '../../db/query.ts';

export interface MovedArticleRefs {
  articleSeries: number[];
  articleLinks: number[];
}

export async function moveArticleSeriesOnMerge(db: DbOrTx, fromId: number, intoId: number) {
  const moved = await repointRows(db, 'article_series', 'organization_id', fromId, intoId);
  return moved.length > 0 ? { articleSeries: moved } : {};
}

export async function restoreArticleSeriesAfterMerge(
  db: DbOrTx,
  fromId: number,
  moved: Partial<MovedArticleRefs>,
) {
  await moveRows(db, 'article_series', 'organization_id', moved.articleSeries ?? [], fromId);
}

export async function moveArticleLinksOnMerge(db: DbOrTx, fromId: number, intoId: number) {
  const moved = await repointRows(
    db,
    'article_links',
    'place_id',
    fromId,
    intoId,
    sql`not exists (select 1 from article_links other
                    where other.article_id = article_links.article_id and other.place_id = ${intoId})`,
  );
  return moved.length > 0 ? { articleLinks: moved } : {};
}

export async function restoreArticleLinksAfterMerge(
  db: DbOrTx,
  fromId: number,
  moved: Partial<MovedArticleRefs>,
) {
  await moveRows(db, 'article_links', 'place_id', moved.articleLinks ?? [], fromId);
}
