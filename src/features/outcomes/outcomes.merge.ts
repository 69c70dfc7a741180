/**
 * What a merge asks of outcomes and support requests: the duplicate organisation's outcomes and requests (as their
 * keeper, or as the company asking), and its part in outcomes, go to the one that stays; a duplicate place's
 * requests point at the place that stays. The undo puts each back.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { moveRows, repointRows } from '../../db/query.ts';

export interface MovedOutcomeRefs {
  /** Outcomes the duplicate organisation recorded. */
  outcomes: number[];
  /** Outcomes' links naming the duplicate as involved (where the one that stays was not named already). */
  outcomeLinks: number[];
  /** Support requests the duplicate organisation kept. */
  supportRequests: number[];
  /** Support requests the duplicate asked, as the company. */
  supportRequestCompanies: number[];
  /** Support requests toward the duplicate place. */
  supportRequestTargets: number[];
}

function nonEmpty<T extends Record<string, number[]>>(lists: T): Partial<T> {
  return Object.fromEntries(Object.entries(lists).filter(([, ids]) => ids.length > 0)) as Partial<T>;
}

export async function moveOutcomeRefsOnMerge(db: DbOrTx, fromId: number, intoId: number) {
  return nonEmpty({
    outcomes: await repointRows(db, 'outcomes', 'organization_id', fromId, intoId),
    outcomeLinks: await repointRows(
      db,
      'outcome_links',
      'organization_id',
      fromId,
      intoId,
      sql`not exists (select 1 from outcome_links other
                      where other.outcome_id = outcome_links.outcome_id and other.organization_id = ${intoId})`,
    ),
    supportRequests: await repointRows(db, 'support_requests', 'organization_id', fromId, intoId),
    supportRequestCompanies: await repointRows(db, 'support_requests', 'company_id', fromId, intoId),
  });
}

export async function restoreOutcomeRefsAfterMerge(
  db: DbOrTx,
  fromId: number,
  moved: Partial<MovedOutcomeRefs>,
) {
  await moveRows(db, 'outcomes', 'organization_id', moved.outcomes ?? [], fromId);
  await moveRows(db, 'outcome_links', 'organization_id', moved.outcomeLinks ?? [], fromId);
  await moveRows(db, 'support_requests', 'organization_id', moved.supportRequests ?? [], fromId);
  await moveRows(db, 'support_requests', 'company_id', moved.supportRequestCompanies ?? [], fromId);
}

export async function moveSupportTargetsOnMerge(db: DbOrTx, fromId: number, intoId: number) {
  return nonEmpty({
    supportRequestTargets: await repointRows(db, 'support_requests', 'target_place_id', fromId, intoId),
  });
}

export async function restoreSupportTargetsAfterMerge(
  db: DbOrTx,
  fromId: number,
  moved: Partial<MovedOutcomeRefs>,
) {
  await moveRows(db, 'support_requests', 'target_place_id', moved.supportRequestTargets ?? [], fromId);
}
