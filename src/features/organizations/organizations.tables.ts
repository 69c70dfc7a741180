import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, identityId, keptRecordColumns, ownerRef } from '../../db/columns.ts';
import { visibility } from '../../db/shared.tables.ts';
import { MEMBER_ROLES } from '../auth/auth.constants.ts';
import { users } from '../auth/auth.tables.ts';
import { places } from '../places/places.tables.ts';
import { ORGANIZATION_KINDS } from './organizations.constants.ts';

export const organizationKind = pgEnum('organization_kind', ORGANIZATION_KINDS);
export const memberRole = pgEnum('member_role', MEMBER_ROLES);

/**
 * A city government, regional body, national agency, company, media house, university, NGO or network
 * secretariat. Organisations with members are tenants: their editors keep their records.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: identityId(),
    kind: organizationKind('kind').notNull(),
    name: text('name').notNull(),
    /** Other names it is known by; a merged organisation's names land here. */
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    /** The place it is based in; a city or regional government speaks for this place in its ties. */
    placeId: integer('place_id').references(() => places.id, { onDelete: 'restrict' }),
    website: text('website'),
    description: text('description'),
    /** A company's sector: the section letter of NACE Rev. 2 / TOL 2008 (A–U), see src/data/sectors. */
    sector: text('sector'),
    /** The organisation whose editors keep this record (e.g. Espoo keeps Team Finland Shanghai's entry). */
    keeperId: integer('keeper_id').references((): AnyPgColumn => organizations.id, { onDelete: 'set null' }),
    visibility: visibility('visibility').notNull().default('published'),
    /** Set when merged into another organisation; undoing the merge clears it. */
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => organizations.id),
    ...keptRecordColumns(),
  },
  (t) => [
    check('organizations_name_present', sql`length(btrim(${t.name})) between 1 and 200`),
    check('organizations_not_own_keeper', sql`${t.keeperId} <> ${t.id}`),
    check('organizations_sector', sql`${t.sector} ~ '^[A-U]$'`),
    index('organizations_place_idx').on(t.placeId),
    index('organizations_keeper_idx').on(t.keeperId),
  ],
);

/** A user's role in an organisation: editor (writes its records) or viewer (reads its internal records). */
export const memberships = pgTable(
  'memberships',
  {
    userId: ownerRef('user_id', () => users.id),
    organizationId: ownerRef('organization_id', () => organizations.id),
    role: memberRole('role').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organizationId] }),
    index('memberships_organization_idx').on(t.organizationId),
  ],
);
