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
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { keptRecordColumns, ownerRef, requiredRef, versionedColumns } from '../../db/columns.ts';
import { users } from '../auth/auth.tables.ts';
import { networks } from '../networks/networks.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { CAMPAIGN_STATUSES, PREFILL_SOURCES, RESPONSE_STATUSES } from './campaigns.constants.ts';

export const campaignStatus = pgEnum('campaign_status', CAMPAIGN_STATUSES);
export const responseStatus = pgEnum('response_status', RESPONSE_STATUSES);

/**
 * A campaign's form: sections of questions, each with a stable key that answers refer to. Its shape is checked by
 * the campaign's schema (campaigns.schema.ts), not by the database.
 */
export type CampaignDefinition = { sections: unknown[] };

/**
 * A mapping survey: one round of questions put to the members of a network or working group between two dates
 * ("State of cooperation with China, 2020"). A later round points at the one before it, so that members start
 * from their last answers. The target's coordinators keep it.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The network or working group whose members answer. */
    networkId: requiredRef('network_id', () => networks.id),
    /** The round before this one, whose answers this one starts from. */
    previousId: integer('previous_id').references((): AnyPgColumn => campaigns.id, { onDelete: 'set null' }),
    title: jsonb('title').$type<Record<string, string>>().notNull(),
    description: jsonb('description').$type<Record<string, string>>().notNull().default({}),
    /** The country the registry tables ask about (ISO 3166-1 alpha-2): "your ties with China". */
    countryCode: text('country_code'),
    definition: jsonb('definition').$type<CampaignDefinition>().notNull().default({ sections: [] }),
    status: campaignStatus('status').notNull().default('draft'),
    opensOn: date('opens_on', { mode: 'string' }),
    closesOn: date('closes_on', { mode: 'string' }),
    /** When the coordinators shared the results with the members; until then each member sees only its own. */
    resultsSharedAt: timestamp('results_shared_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    ...keptRecordColumns(),
  },
  (t) => [
    check('campaigns_dates_order', sql`${t.closesOn} >= ${t.opensOn}`),
    check('campaigns_not_own_previous', sql`${t.previousId} <> ${t.id}`),
    check('campaigns_country_code', sql`${t.countryCode} ~ '^[A-Z]{2}$'`),
    index('campaigns_network_idx').on(t.networkId),
    index('campaigns_previous_idx').on(t.previousId),
  ],
);

/** One member organisation's response to a campaign: a draft its people fill in together, then submitted. */
export const campaignResponses = pgTable(
  'campaign_responses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    campaignId: ownerRef('campaign_id', () => campaigns.id),
    organizationId: requiredRef('organization_id', () => organizations.id),
    status: responseStatus('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: integer('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenedBy: integer('reopened_by').references(() => users.id, { onDelete: 'set null' }),
    /** When the member applied its registry-table answers to its ties. */
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    /** When the last reminder went to the member's people. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    ...versionedColumns(),
  },
  (t) => [
    uniqueIndex('campaign_responses_member_uq').on(t.campaignId, t.organizationId),
    check('campaign_responses_submitted', sql`(${t.status} = 'submitted') = (${t.submittedAt} is not null)`),
    index('campaign_responses_organization_idx').on(t.organizationId),
  ],
);

/**
 * The answer to one question of a response, with its own version: two people typing in different fields never
 * clash, and a later save of the same field from an older version is refused.
 */
export const campaignAnswers = pgTable(
  'campaign_answers',
  {
    responseId: ownerRef('response_id', () => campaignResponses.id),
    questionKey: text('question_key').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Where a pre-filled answer came from, until someone in the member saves it: the registry or the last round. */
    prefilled: text('prefilled', { enum: PREFILL_SOURCES }),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.questionKey] }),
    check('campaign_answers_prefilled', sql`${t.prefilled} in ('registry', 'previous')`),
  ],
);
