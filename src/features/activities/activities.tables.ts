import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { identityId, keptRecordColumns, ownerRef, requiredRef } from '../../db/columns.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { partnerships } from '../partnerships/partnerships.tables.ts';
import { people } from '../people/people.tables.ts';
import { ACTIVITY_KINDS } from './activities.constants.ts';

export const activityKind = pgEnum('activity_kind', ACTIVITY_KINDS);

/** One entry of the contact log: a meeting, call, visit or email, as a summary (never a mail body). */
export const activities = pgTable(
  'activities',
  {
    id: identityId(),
    kind: activityKind('kind').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    followUp: text('follow_up'),
    followUpOn: date('follow_up_on', { mode: 'string' }),
    /** The organisation whose log this is: its members read it, its editors write it. */
    organizationId: requiredRef('organization_id', () => organizations.id),
    ...keptRecordColumns(),
  },
  (t) => [
    check('activities_title_present', sql`length(btrim(${t.title})) between 1 and 200`),
    index('activities_organization_idx').on(t.organizationId, t.occurredOn),
  ],
);

/** What an activity concerns: ties, other organisations, and the people who took part. */
export const activityLinks = pgTable(
  'activity_links',
  {
    id: identityId(),
    activityId: ownerRef('activity_id', () => activities.id),
    partnershipId: integer('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    personId: integer('person_id').references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [
    check(
      'activity_links_one_target',
      sql`num_nonnulls(${t.partnershipId}, ${t.organizationId}, ${t.personId}) = 1`,
    ),
    unique('activity_links_unique')
      .on(t.activityId, t.partnershipId, t.organizationId, t.personId)
      .nullsNotDistinct(),
    index('activity_links_partnership_idx').on(t.partnershipId),
    index('activity_links_organization_idx').on(t.organizationId),
    index('activity_links_person_idx').on(t.personId),
  ],
);
