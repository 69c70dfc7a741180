import { index, integer, jsonb, pgEnum, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.ts';

/** The references a merge moved: row ids per kind, and the names it added. */
export interface MergeMoves {
  /** Party rows now pointing at the surviving record. */
  parties: number[];
  /** Ties that became duplicates of another tie: deleted, their sources moved to `into` ties. */
  duplicateTies: { id: number; into: number; sources: number[] }[];
  /** Place merges: names moved as aliases, with their former kind. */
  names?: { id: number; kind: 'official' | 'alias' }[];
  origins?: number[];
  organizations?: number[];
  children?: number[];
  /** Organisation merges. */
  memberships?: number[];
  posts?: number[];
  keptPeople?: number[];
  keptOrganizations?: number[];
  activities?: number[];
  activityLinks?: number[];
  aliasesAdded?: string[];
  /** Events: held at the duplicate place; hosted by the duplicate organisation (moved, or dropped where both hosted). */
  eventVenues?: number[];
  eventHosts?: number[];
  eventHostsDropped?: number[];
  /**
   * Invitations of the duplicate (as the invited place or organisation), now the surviving record's; where both
   * were invited to one event, the duplicate's invitation stays as it was answered.
   */
  invitations?: number[];
  /** Invitations the duplicate organisation supported. */
  invitationSupporters?: number[];
  /** Seats of the duplicate in events' programmes. */
  eventSeats?: number[];
  /**
   * Networks: memberships of the duplicate (where the surviving record was not a member already), networks the
   * duplicate organisation coordinated (moved, or dropped where both did) and those it was the secretariat of.
   */
  networkMembers?: number[];
  networkCoordinators?: number[];
  networkCoordinatorsDropped?: number[];
  networkSecretariats?: number[];
  /**
   * Discussion posts the duplicate organisation wrote for; posts that mentioned it (now mentioning the one that
   * stays), and those that mentioned both (the duplicate's mention dropped).
   */
  networkPosts?: number[];
  networkPostMentions?: number[];
  networkPostMentionsDropped?: { id: number; position: number }[];
  /** Campaign responses of the duplicate, where the surviving organisation had none to that campaign. */
  campaignResponses?: number[];
  /** Outcomes and support requests: see outcomes.merge.ts. */
  outcomes?: number[];
  outcomeLinks?: number[];
  supportRequests?: number[];
  supportRequestCompanies?: number[];
  supportRequestTargets?: number[];
  /** Articles: series the duplicate organisation kept; links naming the duplicate place (see articles.merge.ts). */
  articleSeries?: number[];
  articleLinks?: number[];
}

export const MERGE_ENTITIES = ['place', 'organization'] as const;
export const mergeEntity = pgEnum('merge_entity', MERGE_ENTITIES);

/**
 * A merge of a duplicate place or organisation into another: which references moved, so that the merge can
 * be undone exactly.
 */
export const merges = pgTable(
  'merges',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    entityType: mergeEntity('entity_type').notNull(),
    fromId: integer('from_id').notNull(),
    intoId: integer('into_id').notNull(),
    /** What moved, per kind of reference, so that the undo can move exactly that back. */
    moved: jsonb('moved').$type<MergeMoves>().notNull(),
    mergedBy: integer('merged_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('merges_from_idx').on(t.entityType, t.fromId)],
);
