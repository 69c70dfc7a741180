import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.ts';
import { places } from '../places/places.tables.ts';
import { importRuns } from '../sources/sources.tables.ts';

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

export const DUPLICATE_CONFIDENCES = ['certain', 'possible'] as const;
export const duplicateConfidence = pgEnum('duplicate_confidence', DUPLICATE_CONFIDENCES);

export const DUPLICATE_STATUSES = ['pending', 'merged', 'distinct'] as const;
export const duplicateStatus = pgEnum('duplicate_status', DUPLICATE_STATUSES);

/**
 * A pair of places the duplicate finder took for one place: merged during an import (certain pairs), waiting for
 * an administrator (possible pairs), or decided. A "not the same" decision is kept, so later imports and runs of
 * the finder leave the pair alone.
 */
export const placeDuplicates = pgTable(
  'place_duplicates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The pair in id order, whichever stays. */
    lowId: integer('low_id')
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    highId: integer('high_id')
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    /** The place the finder would keep. */
    suggestedIntoId: integer('suggested_into_id').notNull(),
    confidence: duplicateConfidence('confidence').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    distanceKm: doublePrecision('distance_km'),
    status: duplicateStatus('status').notNull().default('pending'),
    /** The merge that joined the pair, when it was merged. */
    mergeId: integer('merge_id').references(() => merges.id, { onDelete: 'set null' }),
    /** The import run that found the pair; null when found by a run of the finder alone. */
    importRunId: integer('import_run_id').references(() => importRuns.id, { onDelete: 'set null' }),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('place_duplicates_pair').on(t.lowId, t.highId),
    check('place_duplicates_order', sql`${t.lowId} < ${t.highId}`),
    check('place_duplicates_suggestion', sql`${t.suggestedIntoId} in (${t.lowId}, ${t.highId})`),
    index('place_duplicates_status_idx').on(t.status),
  ],
);
