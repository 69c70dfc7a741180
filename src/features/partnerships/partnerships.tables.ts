import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { places } from '../places/places.tables.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from './partnerships.constants.ts';

export { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES };

import { provenanceColumns } from '../sources/sources.tables.ts';

export const partnershipKind = pgEnum('partnership_kind', PARTNERSHIP_KINDS);

export const partnershipStatus = pgEnum('partnership_status', PARTNERSHIP_STATUSES);

export const VISIBILITIES = ['published', 'internal'] as const;
export const visibility = pgEnum('visibility', VISIBILITIES);

/** A tie between two or more parties: a twin-town agreement, an MoU, a project, a network membership. */
export const partnerships = pgTable(
  'partnerships',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    kind: partnershipKind('kind').notNull(),
    status: partnershipStatus('status').notNull().default('active'),
    /** Null when the start date is unknown. */
    startedOn: date('started_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    visibility: visibility('visibility').notNull().default('published'),
    /** The sorted place ids of the parties (`12-345`); the database checks it against the parties. */
    partyKey: text('party_key').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('partnerships_kind_parties').on(t.kind, t.partyKey),
    check('partnerships_party_key_format', sql`${t.partyKey} ~ '^[0-9]+(-[0-9]+)+$'`),
    check('partnerships_dates_order', sql`${t.endedOn} >= ${t.startedOn}`),
    check('partnerships_end_matches_status', sql`${t.endedOn} is null or ${t.status} = 'ended'`),
    index('partnerships_kind_idx').on(t.kind),
    index('partnerships_started_idx').on(t.startedOn),
  ],
);

/** One party of a tie, with its own confirmation. */
export const partnershipParties = pgTable(
  'partnership_parties',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    partnershipId: integer('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id, { onDelete: 'restrict' }),
    /** When an editor of this party confirmed the tie; null while only reported by sources. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [
    unique('partnership_parties_unique').on(t.partnershipId, t.placeId),
    index('partnership_parties_place_idx').on(t.placeId),
  ],
);

/** Provenance: a record of a source that reports the tie, with the source's own row. */
export const partnershipSources = pgTable(
  'partnership_sources',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    partnershipId: integer('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    /** Identifies the record within its source, so a re-import recognises it. */
    recordKey: text('record_key').notNull(),
    /** `raw` is the row as the source has it, with its line number. */
    ...provenanceColumns(),
  },
  (t) => [
    unique('partnership_sources_record').on(t.sourceId, t.recordKey),
    index('partnership_sources_partnership_idx').on(t.partnershipId),
  ],
);
