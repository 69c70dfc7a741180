import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { type MergeMoves, merges } from '../../db/schema.ts';
import { moveActivitiesOnMerge, restoreActivitiesAfterMerge } from '../activities/activities.merge.ts';
import {
  moveArticleLinksOnMerge,
  moveArticleSeriesOnMerge,
  restoreArticleLinksAfterMerge,
  restoreArticleSeriesAfterMerge,
} from '../articles/articles.merge.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import {
  moveCampaignResponsesOnMerge,
  restoreCampaignResponsesAfterMerge,
} from '../campaigns/campaigns.merge.ts';
import {
  moveEventHostsOnMerge,
  moveEventVenuesOnMerge,
  moveInvitationsOnMerge,
  restoreEventHostsAfterMerge,
  restoreEventVenuesAfterMerge,
  restoreInvitationsAfterMerge,
} from '../events/events.merge.ts';
import {
  moveNetworkMembersOnMerge,
  moveNetworkPostsOnMerge,
  moveNetworkRolesOnMerge,
  restoreNetworkMembersAfterMerge,
  restoreNetworkPostsAfterMerge,
  restoreNetworkRolesAfterMerge,
} from '../networks/networks.merge.ts';
import {
  lockOrganizationForMerge,
  moveOrganizationRefsOnMerge,
  moveOrganizationsOfPlaceOnMerge,
  restoreOrganizationRefsAfterMerge,
  restoreOrganizationsOfPlaceAfterMerge,
  setOrganizationMergedInto,
} from '../organizations/organizations.merge.ts';
import {
  moveOutcomeRefsOnMerge,
  moveSupportTargetsOnMerge,
  restoreOutcomeRefsAfterMerge,
  restoreSupportTargetsAfterMerge,
} from '../outcomes/outcomes.merge.ts';
import {
  moveTiePartiesOnMerge,
  placesOfTies,
  restoreTiePartiesAfterMerge,
} from '../partnerships/partnerships.merge.ts';
import { movePeopleOnMerge, restorePeopleAfterMerge } from '../people/people.merge.ts';
import {
  lockPlaceForMerge,
  movePlaceRefsOnMerge,
  restorePlaceRefsAfterMerge,
  setPlaceMergedInto,
} from '../places/places.merge.ts';
import { announceCommitted, EVERYTHING } from '../registry/registry.changes.ts';
import { bumpRegistryRevision, recountPartners } from '../registry/registry.service.ts';
import { markDuplicateMergeUndone } from './duplicates.repo.ts';

type Entity = 'place' | 'organization';

/** Locks a record that is to be merged: it must exist and not be merged already. */
async function lockRecord(db: DbOrTx, entity: Entity, id: number) {
  const row = entity === 'place' ? await lockPlaceForMerge(db, id) : await lockOrganizationForMerge(db, id);
  if (!row) {
    throw new AppError(
      entity === 'place' ? 'PLACE_NOT_FOUND' : 'ORGANIZATION_NOT_FOUND',
      `No ${entity} ${id}`,
    );
  }
  if (row.mergedIntoId !== null) {
    throw new AppError('CONFLICT', `${entity} ${id} is merged into ${row.mergedIntoId} already`);
  }
}

/** Merges a duplicate place into another: ties, names (as aliases), origins, organisations and districts. */
async function mergePlaces(db: DbOrTx, fromId: number, intoId: number): Promise<MergeMoves> {
  const { parties, duplicateTies } = await moveTiePartiesOnMerge(db, 'place', fromId, intoId);
  const { names, origins, children } = await movePlaceRefsOnMerge(db, fromId, intoId);
  const organizations = await moveOrganizationsOfPlaceOnMerge(db, fromId, intoId);
  const { eventVenues } = await moveEventVenuesOnMerge(db, fromId, intoId);
  const { invitations, eventSeats } = await moveInvitationsOnMerge(db, 'place', fromId, intoId);
  const networkMembers = await moveNetworkMembersOnMerge(db, 'place', fromId, intoId);
  const supportTargets = await moveSupportTargetsOnMerge(db, fromId, intoId);
  const articleLinks = await moveArticleLinksOnMerge(db, fromId, intoId);
  await setPlaceMergedInto(db, fromId, intoId);
  // A tie that became a duplicate is deleted: its other parties have one partner fewer.
  const partners = await placesOfTies(
    db,
    duplicateTies.map((tie) => tie.id),
  );
  await recountPartners(db, [...new Set([fromId, intoId, ...partners])]);
  return {
    parties,
    duplicateTies,
    names,
    origins,
    organizations,
    children,
    eventVenues,
    invitations,
    eventSeats,
    ...networkMembers,
    ...supportTargets,
    ...articleLinks,
  };
}

/**
 * Merges a duplicate organisation into another: ties, members, posts, kept records, activities, names, its part in
 * events and networks (membership, coordination, discussions), its campaign responses, outcomes and support
 * requests.
 */
async function mergeOrganizations(db: DbOrTx, fromId: number, intoId: number): Promise<MergeMoves> {
  const { parties, duplicateTies } = await moveTiePartiesOnMerge(db, 'organization', fromId, intoId);
  const { posts, keptPeople } = await movePeopleOnMerge(db, fromId, intoId);
  const { activities, activityLinks } = await moveActivitiesOnMerge(db, fromId, intoId);
  const { eventHosts, eventHostsDropped } = await moveEventHostsOnMerge(db, fromId, intoId);
  const { invitations, invitationSupporters, eventSeats } = await moveInvitationsOnMerge(
    db,
    'organization',
    fromId,
    intoId,
  );
  const networkMembers = await moveNetworkMembersOnMerge(db, 'organization', fromId, intoId);
  const networkRoles = await moveNetworkRolesOnMerge(db, fromId, intoId);
  const networkPosts = await moveNetworkPostsOnMerge(db, fromId, intoId);
  const campaignResponses = await moveCampaignResponsesOnMerge(db, fromId, intoId);
  const outcomeRefs = await moveOutcomeRefsOnMerge(db, fromId, intoId);
  const articleSeries = await moveArticleSeriesOnMerge(db, fromId, intoId);
  const { memberships, keptOrganizations, aliasesAdded } = await moveOrganizationRefsOnMerge(
    db,
    fromId,
    intoId,
  );
  await setOrganizationMergedInto(db, fromId, intoId);
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
    eventHosts,
    eventHostsDropped,
    invitations,
    invitationSupporters,
    eventSeats,
    ...networkMembers,
    ...networkRoles,
    ...networkPosts,
    ...campaignResponses,
    ...outcomeRefs,
    ...articleSeries,
  };
}

/** Moves back what a merge moved, feature by feature, and clears the duplicate's mark. */
async function unmerge(db: DbOrTx, entity: Entity, fromId: number, intoId: number, moved: MergeMoves) {
  await restoreTiePartiesAfterMerge(db, entity, fromId, intoId, moved);
  if (entity === 'place') {
    await restorePlaceRefsAfterMerge(db, fromId, moved);
    await restoreOrganizationsOfPlaceAfterMerge(db, fromId, moved.organizations ?? []);
    await restoreEventVenuesAfterMerge(db, fromId, moved);
    await restoreInvitationsAfterMerge(db, 'place', fromId, moved);
    await restoreNetworkMembersAfterMerge(db, 'place', fromId, moved);
    await restoreSupportTargetsAfterMerge(db, fromId, moved);
    await restoreArticleLinksAfterMerge(db, fromId, moved);
    await setPlaceMergedInto(db, fromId, null);
    const partners = await placesOfTies(
      db,
      moved.duplicateTies.map((tie) => tie.id),
    );
    await recountPartners(db, [...new Set([fromId, intoId, ...partners])]);
  } else {
    await restorePeopleAfterMerge(db, fromId, moved);
    await restoreActivitiesAfterMerge(db, fromId, moved);
    await restoreEventHostsAfterMerge(db, fromId, intoId, moved);
    await restoreInvitationsAfterMerge(db, 'organization', fromId, moved);
    await restoreNetworkMembersAfterMerge(db, 'organization', fromId, moved);
    await restoreNetworkRolesAfterMerge(db, fromId, intoId, moved);
    await restoreNetworkPostsAfterMerge(db, fromId, intoId, moved);
    await restoreCampaignResponsesAfterMerge(db, fromId, moved);
    await restoreOutcomeRefsAfterMerge(db, fromId, moved);
    await restoreArticleSeriesAfterMerge(db, fromId, moved);
    await restoreOrganizationRefsAfterMerge(db, fromId, intoId, moved);
    await setOrganizationMergedInto(db, fromId, null);
  }
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

/**
 * Merges a duplicate into another record of the same kind in the caller's transaction, with the merge's history;
 * the caller announces the registry's change. Rights are the caller's to check.
 */
export async function mergeInTransaction(
  tx: DbOrTx,
  actor: Actor | null,
  entity: Entity,
  fromId: number,
  intoId: number,
) {
  if (fromId === intoId) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request: body.intoId', [
      { field: 'body.intoId', message: 'must be another record' },
    ]);
  }
  // Lock in id order, so that two merges of the same pair cannot deadlock.
  for (const id of [fromId, intoId].sort((a, b) => a - b)) await lockRecord(tx, entity, id);
  const moved =
    entity === 'place' ? await mergePlaces(tx, fromId, intoId) : await mergeOrganizations(tx, fromId, intoId);
  const [row] = await tx
    .insert(merges)
    .values({ entityType: entity, fromId, intoId, moved, mergedBy: actor?.id ?? null })
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
  return row!;
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
  const { row, notice } = await db.transaction(async (tx) => {
    const row = await mergeInTransaction(tx, actor, entity, fromId, intoId);
    const notice = await bumpRegistryRevision(tx, EVERYTHING);
    return { row, notice };
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
    await unmerge(tx, entity, fromId, intoId, moved);
    const [row] = await tx
      .update(merges)
      .set({ undoneAt: new Date() })
      .where(eq(merges.id, mergeId))
      .returning();
    // A merge of a found duplicate, undone, says the pair is two places: later imports leave it apart.
    await markDuplicateMergeUndone(tx, mergeId, actor?.id ?? null);
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
