import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, identityId, keptRecordColumns, ownerRef } from '../../db/columns.ts';
import { VISIBILITIES, visibility } from '../../db/shared.tables.ts';
import { users } from '../auth/auth.tables.ts';
import { networks } from '../networks/networks.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { places } from '../places/places.tables.ts';
import { provenanceColumns } from '../sources/sources.tables.ts';
import {
  PARTNERSHIP_KINDS,
  PARTNERSHIP_STATUSES,
  PARTNERSHIP_THEMES,
  SINGLE_TIE_KINDS,
} from './partnerships.constants.ts';

export { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES, PARTNERSHIP_THEMES, VISIBILITIES, visibility };

export const partnershipKind = pgEnum('partnership_kind', PARTNERSHIP_KINDS);

export const partnershipStatus = pgEnum('partnership_status', PARTNERSHIP_STATUSES);

/** A tie between two or more parties: a twin-town agreement, an MoU, a project, a network membership. */
export const partnerships = pgTable(
  'partnerships',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    kind: partnershipKind('kind').notNull(),
    status: partnershipStatus('status').notNull().default('active'),
    /** When the agreement was signed, when known. */
    signedOn: date('signed_on', { mode: 'string' }),
    /** Null when the start date is unknown. */
    startedOn: date('started_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    /** When the agreement is due for renewal or expires. */
    renewalOn: date('renewal_on', { mode: 'string' }),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    /** Description per language: `{ "fi": "…", "sv": "…", "en": "…" }`. */
    descriptions: jsonb('descriptions').$type<Partial<Record<string, string>>>().notNull().default({}),
    /** Internal notes, never shown to anonymous visitors. */
    notes: text('notes'),
    visibility: visibility('visibility').notNull().default('published'),
    /**
     * The parties, sorted: place ids first (`12-345`), then organisation ids with an `o` (`12-o7`); the database
     * checks it against the parties.
     */
    partyKey: text('party_key').notNull(),
    /** The network a tie of kind network membership is a membership of. */
    networkId: integer('network_id').references((): AnyPgColumn => networks.id, { onDelete: 'restrict' }),
    createdBy: integer('created_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    ...keptRecordColumns(),
    /** What anonymous visitors see: published and not deleted. */
    isPublic: boolean('is_public')
      .notNull()
      .generatedAlwaysAs(sql`visibility = 'published' and deleted_at is null`),
  },
  (t) => [
    uniqueIndex('partnerships_kind_parties')
      .on(t.kind, t.partyKey)
      .where(sql`${t.kind} in (${sql.raw(SINGLE_TIE_KINDS.map((kind) => `'${kind}'`).join(', '))})`),
    check('partnerships_party_key_format', sql`${t.partyKey} ~ '^o?[0-9]+(-o?[0-9]+)+$'`),
    check(
      'partnerships_themes_known',
      sql`${t.themes} <@ array[${sql.raw(PARTNERSHIP_THEMES.map((theme) => `'${theme}'`).join(', '))}]::text[]`,
    ),
    check('partnerships_renewal_order', sql`${t.renewalOn} >= ${t.startedOn}`),
    check('partnerships_dates_order', sql`${t.endedOn} >= ${t.startedOn}`),
    check('partnerships_end_matches_status', sql`${t.endedOn} is null or ${t.status} = 'ended'`),
    check('partnerships_network_kind', sql`${t.networkId} is null or ${t.kind} = 'network_membership'`),
    index('partnerships_kind_idx').on(t.kind),
    index('partnerships_network_idx').on(t.networkId),
    index('partnerships_started_idx').on(t.startedOn),
  ],
);

/** One party of a tie, with its own confirmation. */
export const partnershipParties = pgTable(
  'partnership_parties',
  {
    id: identityId(),
    partnershipId: ownerRef('partnership_id', () => partnerships.id),
    /** The party is a place or an organisation, never both. */
    placeId: integer('place_id').references(() => places.id, { onDelete: 'restrict' }),
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    /** When an editor of this party confirmed the tie; null while only reported by sources or the other side. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: integer('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    unique('partnership_parties_unique').on(t.partnershipId, t.placeId),
    unique('partnership_parties_org_unique').on(t.partnershipId, t.organizationId),
    check('partnership_parties_one_party', sql`num_nonnulls(${t.placeId}, ${t.organizationId}) = 1`),
    index('partnership_parties_place_idx').on(t.placeId),
    index('partnership_parties_org_idx').on(t.organizationId),
  ],
);

/** Provenance: a record of a source that reports the tie, with the source's own row. */
export const partnershipSources = pgTable(
  'partnership_sources',
  {
    id: identityId(),
    partnershipId: ownerRef('partnership_id', () => partnerships.id),
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

/** A signed agreement, a scan or a photo attached to a tie; the file lives under DATA_DIR/documents. */
export const partnershipDocuments = pgTable(
  'partnership_documents',
  {
    id: identityId(),
    partnershipId: ownerRef('partnership_id', () => partnerships.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    /** The organisation on whose behalf the file was uploaded: its storage quota pays for the file. */
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    createdAt: createdAtColumn(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    check('partnership_documents_size', sql`${t.size} > 0`),
    index('partnership_documents_partnership_idx').on(t.partnershipId),
    index('partnership_documents_sha256_idx').on(t.sha256),
    index('partnership_documents_organization_idx').on(t.organizationId),
  ],
);
