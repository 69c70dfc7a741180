/**
 * What a merge of two places or two organisations asks of the ties: move the duplicate's parties to the record
 * that stays, and put them back when the merge is undone.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { idList, moveRows, queryIds, queryRows } from '../../db/query.ts';
import { SINGLE_TIE_KINDS } from './partnerships.constants.ts';
import { type PartyInput, partyKeyFor, partyKeyOf } from './partnerships.schema.ts';

/** The kind of record a party is: a place or an organisation. */
export type PartyEntity = 'place' | 'organization';

/** What moving the parties changed, kept so that the undo changes exactly that back. */
export interface MovedTieParties {
  /** Party rows now pointing at the record that stays. */
  parties: number[];
  /** Ties that became duplicates of another tie (`into`): deleted, their sources (ids) moved to that tie. */
  duplicateTies: { id: number; into: number; sources: number[] }[];
}

const PARTY_COLUMN: Record<PartyEntity, string> = { place: 'place_id', organization: 'organization_id' };
const SINGLE_KINDS = sql.raw(SINGLE_TIE_KINDS.map((kind) => `'${kind}'`).join(', '));

const partyOf = (entity: PartyEntity, id: number): PartyInput =>
  entity === 'place' ? { placeId: id } : { organizationId: id };

/** The party a token of a party key stands for (see `partyKeyOf`). */
const partyOfToken = (token: string): PartyInput =>
  token.startsWith('o') ? { organizationId: Number(token.slice(1)) } : { placeId: Number(token) };

/** Rewrites the party keys of ties from their parties, with the same rule as the database's check. */
async function recomputePartyKeys(db: DbOrTx, tieIds: readonly number[]) {
  if (tieIds.length === 0) return;
  await db.execute(sql`update partnerships p set party_key = k.key, version = p.version + 1, updated_at = now()
    from (select partnership_id,
                 string_agg(coalesce(place_id::text, 'o' || organization_id::text), '-'
                            order by place_id is null, coalesce(place_id, organization_id)) as key
          from partnership_parties where partnership_id in (${idList(tieIds)}) group by partnership_id) k
    where p.id = k.partnership_id and p.party_key <> k.key`);
}

/**
 * Moves the ties of place or organisation `fromId` to `intoId`. A tie that would then duplicate another tie of a
 * kind two parties have only one of is deleted instead, and its sources join the other tie. Two records that are
 * parties of the same tie cannot be merged (409 CONFLICT).
 */
export async function moveTiePartiesOnMerge(
  db: DbOrTx,
  entity: PartyEntity,
  fromId: number,
  intoId: number,
): Promise<MovedTieParties> {
  const column = sql.raw(PARTY_COLUMN[entity]);
  const shared = await queryIds(
    db,
    sql`select distinct a.partnership_id as id from partnership_parties a join partnership_parties b
        on b.partnership_id = a.partnership_id where a.${column} = ${fromId} and b.${column} = ${intoId}`,
  );
  if (shared.length > 0) {
    throw new AppError(
      'CONFLICT',
      `Both are parties of the same ties (${shared.join(', ')}); change those first`,
      [{ field: 'body.intoId', message: `shares ties ${shared.join(', ')}` }],
    );
  }
  const fromToken = partyKeyOf(partyOf(entity, fromId));
  const intoToken = partyKeyOf(partyOf(entity, intoId));
  const ties = await queryRows<{ id: number; kind: string; party_key: string; deleted_at: string | null }>(
    db,
    sql`select p.id, p.kind, p.party_key, p.deleted_at from partnerships p
        where p.id in (select partnership_id from partnership_parties where ${column} = ${fromId})`,
  );
  const duplicateTies: MovedTieParties['duplicateTies'] = [];
  const moving: number[] = [];
  for (const tie of ties) {
    const key = partyKeyFor(
      tie.party_key.split('-').map((token) => partyOfToken(token === fromToken ? intoToken : token)),
    );
    const [twin] = await queryRows<{ id: number }>(
      db,
      sql`select id from partnerships where kind = ${tie.kind} and party_key = ${key} and id <> ${tie.id}
          and kind in (${SINGLE_KINDS})`,
    );
    if (twin && !tie.deleted_at) {
      const sources = await queryIds(
        db,
        sql`update partnership_sources s set partnership_id = ${twin.id} where partnership_id = ${tie.id}
            and not exists (select 1 from partnership_sources t where t.partnership_id = ${twin.id}
                            and t.source_id = s.source_id and t.record_key = s.record_key)
            returning id`,
      );
      await db.execute(
        sql`update partnerships set deleted_at = now(), version = version + 1 where id = ${tie.id}`,
      );
      duplicateTies.push({ id: tie.id, into: twin.id, sources });
    } else if (!twin) {
      moving.push(tie.id);
    }
  }
  const parties = await queryIds(
    db,
    sql`update partnership_parties set ${column} = ${intoId}
        where ${column} = ${fromId} and partnership_id in (${idList(moving)}) returning id`,
  );
  await recomputePartyKeys(db, moving);
  return { parties, duplicateTies };
}

/**
 * Undoes `moveTiePartiesOnMerge`: party rows still pointing at `intoId` go back to `fromId` (rows replaced by later
 * edits stay as edited), and the duplicate ties it deleted come back with their sources.
 */
export async function restoreTiePartiesAfterMerge(
  db: DbOrTx,
  entity: PartyEntity,
  fromId: number,
  intoId: number,
  moved: MovedTieParties,
): Promise<void> {
  const column = sql.raw(PARTY_COLUMN[entity]);
  const partyTies = await queryIds(
    db,
    sql`update partnership_parties set ${column} = ${fromId} where id in (${idList(moved.parties)})
        and ${column} = ${intoId} returning partnership_id as id`,
  );
  await recomputePartyKeys(db, partyTies);
  for (const tie of moved.duplicateTies) {
    await moveRows(db, 'partnership_sources', 'partnership_id', tie.sources, tie.id);
    await db.execute(
      sql`update partnerships set deleted_at = null, version = version + 1 where id = ${tie.id}`,
    );
  }
}

/** The places that are parties to these ties: whose partner counts a merge's deleted or restored ties change. */
export function placesOfTies(db: DbOrTx, tieIds: readonly number[]): Promise<number[]> {
  if (tieIds.length === 0) return Promise.resolve([]);
  return queryIds(
    db,
    sql`select distinct place_id as id from partnership_parties
        where partnership_id in (${idList(tieIds)}) and place_id is not null`,
  );
}
