import { sql } from 'drizzle-orm';
import { check, date, index, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { identityId, keptRecordColumns, ownerRef, requiredRef } from '../../db/columns.ts';
import { visibility } from '../../db/shared.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { CONTACT_KINDS, POST_ROLES } from './people.constants.ts';

export const postRole = pgEnum('post_role', POST_ROLES);
export const contactKind = pgEnum('contact_kind', CONTACT_KINDS);

/** A person around the ties: an official, a coordinator, a company's CEO (Popolo's Person). */
export const people = pgTable(
  'people',
  {
    id: identityId(),
    /** Null once the person's data has been erased; the history keeps the record's id only. */
    name: text('name'),
    /** Internal notes, never shown to anonymous visitors. */
    notes: text('notes'),
    /** The organisation whose editors keep this record. */
    keeperId: requiredRef('keeper_id', () => organizations.id),
    visibility: visibility('visibility').notNull().default('internal'),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    ...keptRecordColumns(),
  },
  (t) => [
    check(
      'people_name_present',
      sql`${t.erasedAt} is not null or length(btrim(${t.name})) between 1 and 200`,
    ),
    index('people_keeper_idx').on(t.keeperId),
  ],
);

/** A titled post a person holds in an organisation for a period (Popolo's Membership with a Post). */
export const posts = pgTable(
  'posts',
  {
    id: identityId(),
    personId: ownerRef('person_id', () => people.id),
    organizationId: requiredRef('organization_id', () => organizations.id),
    role: postRole('role').notNull(),
    /** The title as the organisation writes it, e.g. "Head of Growth". */
    title: text('title'),
    startedOn: date('started_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
  },
  (t) => [
    check('posts_dates_order', sql`${t.endedOn} >= ${t.startedOn}`),
    index('posts_person_idx').on(t.personId),
    index('posts_organization_idx').on(t.organizationId),
  ],
);

/** An email address or phone number: personal data, seen only by the person's organisations. */
export const contactPoints = pgTable(
  'contact_points',
  {
    id: identityId(),
    personId: ownerRef('person_id', () => people.id),
    kind: contactKind('kind').notNull(),
    value: text('value').notNull(),
  },
  (t) => [index('contact_points_person_idx').on(t.personId)],
);
