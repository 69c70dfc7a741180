import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { identityId, keptRecordColumns, ownerRef, requiredRef } from '../../db/columns.ts';
import { visibility } from '../../db/shared.tables.ts';
import { events } from '../events/events.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { partnerships } from '../partnerships/partnerships.tables.ts';
import { people } from '../people/people.tables.ts';
import { places } from '../places/places.tables.ts';
import { OUTCOME_KINDS, SUPPORT_NEEDS, SUPPORT_STATUSES } from './outcomes.constants.ts';

type LocalizedText = Record<string, string>;

export const outcomeKind = pgEnum('outcome_kind', OUTCOME_KINDS);
export const supportNeed = pgEnum('support_need', SUPPORT_NEEDS);
export const supportStatus = pgEnum('support_status', SUPPORT_STATUSES);

/**
 * A company's request for help toward a target place or country (market entry, partner search, a delegation, a
 * trade fair), entered by a city's business-support staff: internal to the organisation that keeps it.
 */
export const supportRequests = pgTable(
  'support_requests',
  {
    id: identityId(),
    /** The organisation whose staff keep the request: its members read it, its editors write it. */
    organizationId: requiredRef('organization_id', () => organizations.id),
    /** The company asking (an organisation of kind company). */
    companyId: requiredRef('company_id', () => organizations.id),
    need: supportNeed('need').notNull(),
    status: supportStatus('status').notNull().default('new'),
    targetPlaceId: integer('target_place_id').references(() => places.id, { onDelete: 'restrict' }),
    targetCountry: text('target_country'),
    /** Or a first-level region, as GeoNames codes it ("CN.32"). */
    targetRegion: text('target_region'),
    description: text('description'),
    /** What the staff answered: the door opened, the contact given. */
    answer: text('answer'),
    /**
     * The way in the door-opener search gave, as its answer showed it when the staff chose it (a path of
     * GET /api/door-opener, checked by the request's schema on the way in).
     */
    answerPath: jsonb('answer_path').$type<Record<string, unknown>>(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    ...keptRecordColumns(),
  },
  (t) => [
    check(
      'support_requests_target',
      sql`num_nonnulls(${t.targetPlaceId}, ${t.targetCountry}, ${t.targetRegion}) >= 1`,
    ),
    check('support_requests_region_code', sql`${t.targetRegion} ~ '^[A-Z]{2}[.][A-Za-z0-9]{1,20}$'`),
    check('support_requests_country_code', sql`${t.targetCountry} ~ '^[A-Z]{2}$'`),
    index('support_requests_organization_idx').on(t.organizationId, t.receivedOn),
    index('support_requests_company_idx').on(t.companyId),
  ],
);

/**
 * What a tie, an event or a support request produced: a lead, a deal, an export, an investment, a joint project,
 * funding, learning or a policy change, with its value in its own currency (sums are per currency, never converted).
 */
export const outcomes = pgTable(
  'outcomes',
  {
    id: identityId(),
    kind: outcomeKind('kind').notNull(),
    achievedOn: date('achieved_on', { mode: 'string' }).notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull().default({}),
    /** The value in `currency` (ISO 4217), when there is one: both or neither. */
    value: numeric('value', { precision: 18, scale: 2, mode: 'string' }),
    currency: text('currency'),
    /** Evidence: a public page, a press release, a document's address. */
    evidenceUrl: text('evidence_url'),
    /** The organisation that records the outcome: its editors write it, its members read it while internal. */
    organizationId: requiredRef('organization_id', () => organizations.id),
    visibility: visibility('visibility').notNull().default('internal'),
    ...keptRecordColumns(),
  },
  (t) => [
    check('outcomes_value_currency', sql`(${t.value} is null) = (${t.currency} is null)`),
    check('outcomes_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('outcomes_value_not_negative', sql`${t.value} >= 0`),
    index('outcomes_organization_idx').on(t.organizationId, t.achievedOn),
  ],
);

/** What an outcome came of (ties, events, support requests) and who was involved (companies, organisations). */
export const outcomeLinks = pgTable(
  'outcome_links',
  {
    id: identityId(),
    outcomeId: ownerRef('outcome_id', () => outcomes.id),
    partnershipId: integer('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'cascade' }),
    supportRequestId: integer('support_request_id').references(() => supportRequests.id, {
      onDelete: 'cascade',
    }),
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [
    check(
      'outcome_links_one_target',
      sql`num_nonnulls(${t.partnershipId}, ${t.eventId}, ${t.supportRequestId}, ${t.organizationId}) = 1`,
    ),
    unique('outcome_links_unique')
      .on(t.outcomeId, t.partnershipId, t.eventId, t.supportRequestId, t.organizationId)
      .nullsNotDistinct(),
    index('outcome_links_partnership_idx').on(t.partnershipId),
    index('outcome_links_event_idx').on(t.eventId),
    index('outcome_links_support_request_idx').on(t.supportRequestId),
    index('outcome_links_organization_idx').on(t.organizationId),
  ],
);

/** A quote about an outcome, per language, from a named person who consented to its use on the date given. */
export const testimonials = pgTable(
  'testimonials',
  {
    id: identityId(),
    outcomeId: ownerRef('outcome_id', () => outcomes.id),
    personId: requiredRef('person_id', () => people.id),
    quote: jsonb('quote').$type<LocalizedText>().notNull(),
    consentOn: date('consent_on', { mode: 'string' }).notNull(),
    /** How the consent was given: "e-mail of 3 May 2020 to the international affairs office". */
    consentNote: text('consent_note'),
  },
  (t) => [index('testimonials_outcome_idx').on(t.outcomeId)],
);
