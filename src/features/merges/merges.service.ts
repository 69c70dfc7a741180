import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { type MergeMoves, merges } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import { SINGLE_TIE_KINDS } from '../partnerships/partnerships.constants.ts';
import { announceCommitted, EVERYTHING } from '../registry/registry.changes.ts';
import { bumpRegistryRevision, recountPartners } from '../registry/registry.service.ts';

type Entity = 'place' | 'organization';
const TABLE: Record<Entity, string> = { place: 'places', organization: 'organizations' };
const PARTY_COLUMN: Record<Entity, string> = { place: 'place_id', organization: 'organization_id' };
const SINGLE_KINDS = sql.raw(SINGLE_TIE_KINDS.map((kind) => `'${kind}'`).join(', '));

/** A text array as SQL, built from parameters (drivers differ in how they send JS arrays). */
const textArray = (values: readonly string[]) =>
  values.length === 0
    ? sql`'{}'::text[]`
    : sql`array[${sql.join(
        values.map((value) => sql`${value}`),
        sql`, `,
      )}]::text[]`;

/** Row ids as a SQL list; never empty (an empty list matches nothing). */
const idList = (ids: readonly number[]) =>
  ids.length === 0
    ? sql`null`
    : sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      );

/** Sets a column to `to` on the rows with the given ids; answers the ids changed. */
async function moveRows(db: DbOrTx, table: string, column: string, ids: readonly number[], to: number) {
  if (ids.length === 0) return;
  await db.execute(sql`update ${sql.raw(table)} set ${sql.raw(column)} = ${to} where id in (${idList(ids)})`);
}

async function ids(db: DbOrTx, query: ReturnType<typeof sql>): Promise<number[]> {
  return (await queryRows<{ id: number }>(db, query)).map((row) => row.id);
}

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

async function lockRecord(db: DbOrTx, entity: Entity, id: number) {
  const [row] = await queryRows<{ id: number; merged_into_id: number | null; name: string }>(
    db,
    sql`select id, merged_into_id, name from ${sql.raw(TABLE[entity])} where id = ${id} for update`,
  );
  if (!row) {
    throw new AppError(
      entity === 'place' ? 'PLACE_NOT_FOUND' : 'ORGANIZATION_NOT_FOUND',
      `No ${entity} ${id}`,
    );
  }
  if (row.merged_into_id !== null) {
    throw new AppError('CONFLICT', `${entity} ${id} is merged into ${row.merged_into_id} already`);
  }
  return row;
}

/**
 * Moves the ties of `from` to `into`. A tie that would then duplicate another tie of a kind two parties have
 * only one of is deleted instead, and its sources join the other tie.
 */
async function moveParties(db: DbOrTx, entity: Entity, fromId: number, intoId: number) {
  const column = sql.raw(PARTY_COLUMN[entity]);
  const shared = await ids(
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
  const token = entity === 'place' ? (id: number) => String(id) : (id: number) => `o${id}`;
  const ties = await queryRows<{ id: number; kind: string; party_key: string; deleted_at: string | null }>(
    db,
    sql`select p.id, p.kind, p.party_key, p.deleted_at from partnerships p
        where p.id in (select partnership_id from partnership_parties where ${column} = ${fromId})`,
  );
  const duplicateTies: MergeMoves['duplicateTies'] = [];
  const moving: number[] = [];
  for (const tie of ties) {
    const parts = tie.party_key.split('-').map((part) => (part === token(fromId) ? token(intoId) : part));
    const places = parts.filter((part) => !part.startsWith('o')).sort((a, b) => Number(a) - Number(b));
    const orgs = parts
      .filter((part) => part.startsWith('o'))
      .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    const key = [...places, ...orgs].join('-');
    const [twin] = await queryRows<{ id: number }>(
      db,
      sql`select id from partnerships where kind = ${tie.kind} and party_key = ${key} and id <> ${tie.id}
          and kind in (${SINGLE_KINDS})`,
    );
    if (twin && !tie.deleted_at) {
      const sources = await ids(
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
  const parties = await ids(
    db,
    sql`update partnership_parties set ${column} = ${intoId}
        where ${column} = ${fromId} and partnership_id in (${idList(moving)}) returning id`,
  );
  await recomputePartyKeys(db, moving);
  return { parties, duplicateTies };
}

/** Merges a duplicate place into another: ties, names (as aliases), origins, organisations and districts. */
async function mergePlaces(db: DbOrTx, fromId: number, intoId: number): Promise<MergeMoves> {
  const { parties, duplicateTies } = await moveParties(db, 'place', fromId, intoId);
  const names = await queryRows<{ id: number; kind: 'official' | 'alias' }>(
    db,
    sql`with moved as (
          select n.id, n.kind from place_names n where n.place_id = ${fromId}
          and not exists (select 1 from place_names m where m.place_id = ${intoId} and m.lang = n.lang and m.name = n.name)
        )
        update place_names n set place_id = ${intoId}, kind = 'alias' from moved where n.id = moved.id
        returning n.id, moved.kind`,
  );
  const origins = await ids(
    db,
    sql`update place_origins set place_id = ${intoId} where place_id = ${fromId} returning id`,
  );
  const organizations = await ids(
    db,
    sql`update organizations set place_id = ${intoId} where place_id = ${fromId} returning id`,
  );
  const children = await ids(
    db,
    sql`update places set parent_id = ${intoId} where parent_id = ${fromId} and id <> ${intoId} returning id`,
  );
  await db.execute(
    sql`update places set merged_into_id = ${intoId}, version = version + 1, updated_at = now() where id = ${fromId}`,
  );
  await recountPartners(db, [fromId, intoId]);
  return { parties, duplicateTies, names, origins, organizations, children };
}

/** Merges a duplicate organisation into another: ties, members, posts, kept records, activities and names. */
async function mergeOrganizations(db: DbOrTx, fromId: number, intoId: number): Promise<MergeMoves> {
  const { parties, duplicateTies } = await moveParties(db, 'organization', fromId, intoId);
  const memberships = await ids(
    db,
    sql`update memberships m set organization_id = ${intoId} where organization_id = ${fromId}
        and not exists (select 1 from memberships o where o.user_id = m.user_id and o.organization_id = ${intoId})
        returning user_id as id`,
  );
  const posts = await ids(
    db,
    sql`update posts set organization_id = ${intoId} where organization_id = ${fromId} returning id`,
  );
  const keptPeople = await ids(
    db,
    sql`update people set keeper_id = ${intoId} where keeper_id = ${fromId} returning id`,
  );
  const keptOrganizations = await ids(
    db,
    sql`update organizations set keeper_id = ${intoId} where keeper_id = ${fromId} and id <> ${intoId} returning id`,
  );
  const activities = await ids(
    db,
    sql`update activities set organization_id = ${intoId} where organization_id = ${fromId} returning id`,
  );
  const activityLinks = await ids(
    db,
    sql`update activity_links l set organization_id = ${intoId} where organization_id = ${fromId}
        and not exists (select 1 from activity_links o where o.activity_id = l.activity_id and o.organization_id = ${intoId})
        returning id`,
  );
  const [from] = await queryRows<{ name: string; aliases: string[] }>(
    db,
    sql`select name, aliases from organizations where id = ${fromId}`,
  );
  const [into] = await queryRows<{ name: string; aliases: string[] }>(
    db,
    sql`select name, aliases from organizations where id = ${intoId}`,
  );
  const aliasesAdded = [...new Set([from!.name, ...from!.aliases])].filter(
    (name) => name !== into!.name && !into!.aliases.includes(name),
  );
  await db.execute(sql`update organizations set aliases = aliases || ${textArray(aliasesAdded)}, version = version + 1,
    updated_at = now() where id = ${intoId}`);
  await db.execute(sql`update organizations set merged_into_id = ${intoId}, version = version + 1, updated_at = now()
    where id = ${fromId}`);
  return {
    parties,
    duplicateTies,
    memberships,
    posts,
    keptPeople,
    keptOrganizations,
    activities,
    activityLinks,
    aliasesAdded,
  };
}

export function presentMerge(row: typeof merges.$inferSelect) {
  return {
    id: row.id,
    entityType: row.entityType,
    fromId: row.fromId,
    intoId: row.intoId,
    moved: Object.fromEntries(
      Object.entries(row.moved).map(([key, value]) => [key, Array.isArray(value) ? value.length : 0]),
    ),
    createdAt: row.createdAt.toISOString(),
    undoneAt: row.undoneAt?.toISOString() ?? null,
  };
}

/** Merges a duplicate into another record of the same kind; administrators only; undoable. */
export async function mergeRecords(
  db: DbOrTx,
  actor: Actor | null,
  entity: Entity,
  fromId: number,
  intoId: number,
) {
  authorize(actor, policy.administer(actor));
  if (fromId === intoId) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request: body.intoId', [
      { field: 'body.intoId', message: 'must be another record' },
    ]);
  }
  const { row, notice } = await db.transaction(async (tx) => {
    // Lock in id order, so that two merges of the same pair cannot deadlock.
    for (const id of [fromId, intoId].sort((a, b) => a - b)) await lockRecord(tx, entity, id);
    const moved =
      entity === 'place'
        ? await mergePlaces(tx, fromId, intoId)
        : await mergeOrganizations(tx, fromId, intoId);
    const [row] = await tx
      .insert(merges)
      .values({ entityType: entity, fromId, intoId, moved, mergedBy: actor.id })
      .returning();
    const summary = presentMerge(row!);
    await recordAudit(tx, actor, {
      action: 'merge',
      entityType: entity,
      entityId: fromId,
      after: { mergeId: row!.id, intoId, moved: summary.moved },
    });
    await recordAudit(tx, actor, {
      action: 'merge',
      entityType: entity,
      entityId: intoId,
      after: { mergeId: row!.id, fromId, moved: summary.moved },
    });
    for (const tie of moved.duplicateTies) {
      await recordAudit(tx, actor, {
        action: 'delete',
        entityType: 'partnership',
        entityId: tie.id,
        after: { duplicateOf: tie.into, mergeId: row!.id },
      });
    }
    const notice = await bumpRegistryRevision(tx, EVERYTHING);
    return { row: row!, notice };
  });
  announceCommitted(db, notice);
  return row;
}

/** Undoes a merge: every reference it moved goes back, the duplicate ties it deleted come back. */
export async function undoMerge(db: DbOrTx, actor: Actor | null, mergeId: number) {
  authorize(actor, policy.administer(actor));
  const { row, notice } = await db.transaction(async (tx) => {
    const [merge] = await tx.select().from(merges).where(eq(merges.id, mergeId)).for('update');
    if (!merge) throw new AppError('MERGE_NOT_FOUND', `No merge ${mergeId}`);
    if (merge.undoneAt) throw new AppError('CONFLICT', 'The merge is undone already');
    const { fromId, intoId, moved } = merge;
    const entity = merge.entityType;
    const column = PARTY_COLUMN[entity];
    // Party rows still pointing at the surviving record go back; rows replaced by later edits stay as edited.
    const partyTies = await ids(
      tx,
      sql`update partnership_parties set ${sql.raw(column)} = ${fromId} where id in (${idList(moved.parties)})
          and ${sql.raw(column)} = ${intoId} returning partnership_id as id`,
    );
    await recomputePartyKeys(tx, partyTies);
    for (const tie of moved.duplicateTies) {
      await moveRows(tx, 'partnership_sources', 'partnership_id', tie.sources, tie.id);
      await tx.execute(
        sql`update partnerships set deleted_at = null, version = version + 1 where id = ${tie.id}`,
      );
    }
    if (entity === 'place') {
      for (const name of moved.names ?? []) {
        await tx.execute(
          sql`update place_names set place_id = ${fromId}, kind = ${name.kind} where id = ${name.id}`,
        );
      }
      await moveRows(tx, 'place_origins', 'place_id', moved.origins ?? [], fromId);
      await moveRows(tx, 'organizations', 'place_id', moved.organizations ?? [], fromId);
      await moveRows(tx, 'places', 'parent_id', moved.children ?? [], fromId);
      await tx.execute(
        sql`update places set merged_into_id = null, version = version + 1, updated_at = now() where id = ${fromId}`,
      );
      await recountPartners(tx, [fromId, intoId]);
    } else {
      if (moved.memberships?.length) {
        await tx.execute(sql`update memberships set organization_id = ${fromId}
          where organization_id = ${intoId} and user_id in (${idList(moved.memberships)})`);
      }
      await moveRows(tx, 'posts', 'organization_id', moved.posts ?? [], fromId);
      await moveRows(tx, 'people', 'keeper_id', moved.keptPeople ?? [], fromId);
      await moveRows(tx, 'organizations', 'keeper_id', moved.keptOrganizations ?? [], fromId);
      await moveRows(tx, 'activities', 'organization_id', moved.activities ?? [], fromId);
      await moveRows(tx, 'activity_links', 'organization_id', moved.activityLinks ?? [], fromId);
      await tx.execute(sql`update organizations set aliases = array(select a from unnest(aliases) with ordinality u(a, n)
          where a <> all(${textArray(moved.aliasesAdded ?? [])}) order by n),
        version = version + 1, updated_at = now() where id = ${intoId}`);
      await tx.execute(
        sql`update organizations set merged_into_id = null, version = version + 1, updated_at = now() where id = ${fromId}`,
      );
    }
    const [row] = await tx
      .update(merges)
      .set({ undoneAt: new Date() })
      .where(eq(merges.id, mergeId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'unmerge',
      entityType: entity,
      entityId: fromId,
      after: { mergeId, intoId },
    });
    await recordAudit(tx, actor, {
      action: 'unmerge',
      entityType: entity,
      entityId: intoId,
      after: { mergeId, fromId },
    });
    const notice = await bumpRegistryRevision(tx, EVERYTHING);
    return { row: row!, notice };
  });
  announceCommitted(db, notice);
  return row;
}
