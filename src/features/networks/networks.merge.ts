/**
 * What a merge asks of networks: the duplicate's memberships go to the place or organisation that stays (except in
 * a network where that one is a member already: there the duplicate's membership stays as it was, and the network
 * no longer shows it), a duplicate organisation's coordination and secretariats go too; the undo puts them back.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, moveRows, queryIds, queryRows, repointRows } from '../../db/query.ts';

/**
 * What moving the networks' references changed, kept so that the undo changes exactly that back. A kind of reference
 * none of which moved is left out, so that a merge's summary names only what it touched of networks.
 */
export interface MovedNetworkRefs {
  /** Memberships of the duplicate, now the surviving record's. */
  networkMembers: number[];
  /** Networks the duplicate organisation coordinated, now coordinated by the one that stays. */
  networkCoordinators: number[];
  /** Networks both coordinated: the duplicate's row went. */
  networkCoordinatorsDropped: number[];
  /** Networks whose secretariat the duplicate organisation was. */
  networkSecretariats: number[];
  /** Discussion posts written for the duplicate organisation. */
  networkPosts: number[];
  /** Posts that mentioned the duplicate and now mention the one that stays. */
  networkPostMentions: number[];
  /** Posts that mentioned both: the duplicate's mention went, from this place (1-based) in the list. */
  networkPostMentionsDropped: { id: number; position: number }[];
}

/** The lists that hold something. */
function nonEmpty<T extends Record<string, unknown[]>>(lists: T): Partial<T> {
  return Object.fromEntries(Object.entries(lists).filter(([, ids]) => ids.length > 0)) as Partial<T>;
}

/** Hands the memberships of member `fromId` (a place or an organisation) to `intoId`, where it is not a member. */
export async function moveNetworkMembersOnMerge(
  db: DbOrTx,
  member: 'place' | 'organization',
  fromId: number,
  intoId: number,
): Promise<Partial<Pick<MovedNetworkRefs, 'networkMembers'>>> {
  const column = member === 'place' ? 'place_id' : 'organization_id';
  const networkMembers = await repointRows(
    db,
    'network_members',
    column,
    fromId,
    intoId,
    sql`not exists (select 1 from network_members other
                    where other.network_id = network_members.network_id and other.${sql.raw(column)} = ${intoId})`,
  );
  return nonEmpty({ networkMembers });
}

/** Undoes `moveNetworkMembersOnMerge`. */
export async function restoreNetworkMembersAfterMerge(
  db: DbOrTx,
  member: 'place' | 'organization',
  fromId: number,
  moved: Partial<MovedNetworkRefs>,
): Promise<void> {
  await moveRows(
    db,
    'network_members',
    member === 'place' ? 'place_id' : 'organization_id',
    moved.networkMembers ?? [],
    fromId,
  );
}

const networkIds = async (db: DbOrTx, query: ReturnType<typeof sql>) =>
  (await queryRows<{ network_id: number }>(db, query)).map((row) => Number(row.network_id));

/** Hands what organisation `fromId` runs (coordination, secretariats) to `intoId`. */
export async function moveNetworkRolesOnMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
): Promise<Partial<Omit<MovedNetworkRefs, 'networkMembers'>>> {
  const networkCoordinatorsDropped = await networkIds(
    db,
    sql`delete from network_coordinators c where organization_id = ${fromId}
        and exists (select 1 from network_coordinators o where o.network_id = c.network_id and o.organization_id = ${intoId})
        returning network_id`,
  );
  const networkCoordinators = await networkIds(
    db,
    sql`update network_coordinators set organization_id = ${intoId} where organization_id = ${fromId}
        returning network_id`,
  );
  const networkSecretariats = await repointRows(db, 'networks', 'secretariat_id', fromId, intoId);
  return nonEmpty({ networkCoordinators, networkCoordinatorsDropped, networkSecretariats });
}

/**
 * Hands organisation `fromId`'s part in the discussions to `intoId`: the posts written for it, and its mentions
 * (a post that mentioned both keeps one mention).
 */
export async function moveNetworkPostsOnMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
): Promise<
  Partial<Pick<MovedNetworkRefs, 'networkPosts' | 'networkPostMentions' | 'networkPostMentionsDropped'>>
> {
  const networkPosts = await repointRows(db, 'network_posts', 'organization_id', fromId, intoId);
  const networkPostMentionsDropped = await queryRows<{ id: number; position: number }>(
    db,
    sql`with old as (
          select id, array_position(mentions, ${fromId}::int) as position from network_posts
          where ${fromId}::int = any(mentions) and ${intoId}::int = any(mentions) for update
        )
        update network_posts p set mentions = array_remove(p.mentions, ${fromId}::int)
        from old where p.id = old.id returning old.id, old.position`,
  );
  const networkPostMentions = await queryIds(
    db,
    sql`update network_posts set mentions = array_replace(mentions, ${fromId}::int, ${intoId}::int)
        where ${fromId}::int = any(mentions) returning id`,
  );
  return nonEmpty({ networkPosts, networkPostMentions, networkPostMentionsDropped });
}

/** Undoes `moveNetworkPostsOnMerge`. */
export async function restoreNetworkPostsAfterMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
  moved: Partial<MovedNetworkRefs>,
): Promise<void> {
  await moveRows(db, 'network_posts', 'organization_id', moved.networkPosts ?? [], fromId);
  const replaced = moved.networkPostMentions ?? [];
  if (replaced.length > 0)
    await db.execute(
      sql`update network_posts set mentions = array_replace(mentions, ${intoId}::int, ${fromId}::int)
          where id in (${idList(replaced)})`,
    );
  for (const { id, position } of moved.networkPostMentionsDropped ?? [])
    await db.execute(
      sql`update network_posts
          set mentions = mentions[1:${position - 1}] || ${fromId}::int || mentions[${position}:]
          where id = ${id} and not (${fromId}::int = any(mentions))`,
    );
}

/** Undoes `moveNetworkRolesOnMerge`: organisation `fromId` runs its networks again. */
export async function restoreNetworkRolesAfterMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
  moved: Partial<MovedNetworkRefs>,
): Promise<void> {
  const handed = moved.networkCoordinators ?? [];
  if (handed.length > 0)
    await db.execute(
      sql`update network_coordinators set organization_id = ${fromId}
          where organization_id = ${intoId} and network_id in (${idList(handed)})`,
    );
  const dropped = moved.networkCoordinatorsDropped ?? [];
  if (dropped.length > 0)
    await db.execute(
      sql`insert into network_coordinators (network_id, organization_id)
          select id, ${fromId}::int from networks where id in (${idList(dropped)}) on conflict do nothing`,
    );
  await moveRows(db, 'networks', 'secretariat_id', moved.networkSecretariats ?? [], fromId);
}
