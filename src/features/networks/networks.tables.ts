import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, identityId, keptRecordColumns, ownerRef, requiredRef } from '../../db/columns.ts';
import { visibility } from '../../db/shared.tables.ts';
import { users } from '../auth/auth.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { places } from '../places/places.tables.ts';
import { NETWORK_KINDS } from './networks.constants.ts';

export const networkKind = pgEnum('network_kind', NETWORK_KINDS);

/** Text in several languages: BCP 47 code → text. */
type LocalizedText = Record<string, string>;

/**
 * A network of cities (C21, Eurocities, the Union of the Baltic Cities) or a working group within one (C21's China
 * working group, whose parent is C21). The secretariat's editors keep the network and its working groups.
 */
export const networks = pgTable(
  'networks',
  {
    id: identityId(),
    kind: networkKind('kind').notNull(),
    /** The network a working group belongs to; null for a network. */
    parentId: integer('parent_id').references((): AnyPgColumn => networks.id, { onDelete: 'restrict' }),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    /** A short name used in every language ("C21", "UBC"). */
    shortName: text('short_name'),
    description: jsonb('description').$type<LocalizedText>().notNull().default({}),
    /** A working group's theme ("China"), per language. */
    theme: jsonb('theme').$type<LocalizedText>().notNull().default({}),
    /** The country a working group is about (ISO 3166-1 alpha-2), which its campaigns' registry tables use. */
    countryCode: text('country_code'),
    /** The organisation that runs the network; its editors keep the record. Set by administrators. */
    secretariatId: integer('secretariat_id').references(() => organizations.id, { onDelete: 'restrict' }),
    website: text('website'),
    foundedOn: date('founded_on', { mode: 'string' }),
    visibility: visibility('visibility').notNull().default('published'),
    ...keptRecordColumns(),
  },
  (t) => [
    check('networks_parent_matches_kind', sql`(${t.kind} = 'working_group') = (${t.parentId} is not null)`),
    check('networks_not_own_parent', sql`${t.parentId} <> ${t.id}`),
    check('networks_country_code', sql`${t.countryCode} ~ '^[A-Z]{2}$'`),
    index('networks_parent_idx').on(t.parentId),
    index('networks_secretariat_idx').on(t.secretariatId),
  ],
);

/**
 * A member of a network or working group: a place (a city, spoken for by its governments) or an organisation, from
 * the day it joined to the day it left. A working group's members are members of its network.
 */
export const networkMembers = pgTable(
  'network_members',
  {
    id: identityId(),
    networkId: ownerRef('network_id', () => networks.id),
    placeId: integer('place_id').references(() => places.id, { onDelete: 'restrict' }),
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    joinedOn: date('joined_on', { mode: 'string' }),
    leftOn: date('left_on', { mode: 'string' }),
    addedBy: integer('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    check('network_members_one_member', sql`(${t.placeId} is null) <> (${t.organizationId} is null)`),
    check('network_members_dates_order', sql`${t.leftOn} >= ${t.joinedOn}`),
    uniqueIndex('network_members_place_uq').on(t.networkId, t.placeId),
    uniqueIndex('network_members_organization_uq').on(t.networkId, t.organizationId),
    index('network_members_place_idx').on(t.placeId),
    index('network_members_organization_idx').on(t.organizationId),
  ],
);

/**
 * The organisations that coordinate a network or working group: their editors run its campaigns and its members
 * list. Set by the secretariat's editors or administrators, never by a coordinator about itself.
 */
export const networkCoordinators = pgTable(
  'network_coordinators',
  {
    networkId: ownerRef('network_id', () => networks.id),
    organizationId: requiredRef('organization_id', () => organizations.id),
    addedBy: integer('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.organizationId] }),
    index('network_coordinators_organization_idx').on(t.organizationId),
  ],
);

/** A link in a discussion post to a record of the registry. */
export interface PostLink {
  type: 'place' | 'partnership' | 'event' | 'organization';
  id: number;
}

/**
 * A post in a working group's discussion, or a reply to one. Seen by the group's members and coordinators only;
 * edits and deletions are kept in the history.
 */
export const networkPosts = pgTable(
  'network_posts',
  {
    id: identityId(),
    networkId: ownerRef('network_id', () => networks.id),
    /** The post this one answers; replies are one level deep. */
    parentId: integer('parent_id').references((): AnyPgColumn => networkPosts.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The organisation the author wrote for: a member or coordinator of the group. */
    organizationId: requiredRef('organization_id', () => organizations.id),
    body: text('body').notNull(),
    /** The member organisations the post mentions. */
    mentions: integer('mentions').array().notNull().default(sql`'{}'::integer[]`),
    links: jsonb('links').$type<PostLink[]>().notNull().default([]),
    ...keptRecordColumns(),
  },
  (t) => [
    check('network_posts_body_present', sql`length(btrim(${t.body})) between 1 and 10000`),
    check('network_posts_not_own_parent', sql`${t.parentId} <> ${t.id}`),
    index('network_posts_network_idx').on(t.networkId, t.createdAt),
    index('network_posts_parent_idx').on(t.parentId),
  ],
);
