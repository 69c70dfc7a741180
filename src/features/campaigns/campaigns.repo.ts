import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import { campaigns, networks, organizations } from '../../db/schema.ts';
import { governmentsOf } from '../organizations/governments.ts';
import type { CampaignStatus } from './campaigns.constants.ts';

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignInsert = typeof campaigns.$inferInsert;
export type CampaignChanges = Partial<CampaignInsert>;

export interface NetworkRow {
  id: number;
  kind: string;
  name: Record<string, string>;
  shortName: string | null;
  countryCode: string | null;
  visibility: 'published' | 'internal';
  deletedAt: Date | null;
}

export const findCampaign = (db: DbOrTx, id: number, lock = false) => findById(db, campaigns, id, lock);

export async function findNetwork(db: DbOrTx, id: number): Promise<NetworkRow | undefined> {
  const [row] = await db
    .select({
      id: networks.id,
      kind: networks.kind,
      name: networks.name,
      shortName: networks.shortName,
      countryCode: networks.countryCode,
      visibility: networks.visibility,
      deletedAt: networks.deletedAt,
    })
    .from(networks)
    .where(eq(networks.id, id));
  return row;
}

/** The names of organisations, by id. */
export async function findOrganizationNames(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

export async function insertCampaign(db: DbOrTx, values: CampaignInsert): Promise<number> {
  const [row] = await db.insert(campaigns).values(values).returning({ id: campaigns.id });
  return row!.id;
}

export async function updateCampaign(db: DbOrTx, id: number, changes: CampaignChanges): Promise<void> {
  await db
    .update(campaigns)
    .set({ ...changes, ...nextVersion(campaigns) })
    .where(eq(campaigns.id, id));
}

export interface CampaignListRow {
  id: number;
  networkId: number;
  networkName: Record<string, string>;
  title: Record<string, string>;
  status: CampaignStatus;
  opensOn: string | null;
  closesOn: string | null;
  countryCode: string | null;
  resultsSharedAt: Date | string | null;
  version: number;
  /** The organisations that coordinate the campaign's target. */
  coordinatorIds: number[];
}

/**
 * Live campaigns a reader may see: every one for `all`; otherwise those of the groups coordinated by one of
 * `organizationIds` (the secretariat of the network or its parent, or an appointed coordinator), and the open and
 * closed ones of groups that one of them is a current member of (itself, or as a government of a member place).
 */
export async function listCampaigns(
  db: DbOrTx,
  filter: { all: boolean; organizationIds: readonly number[]; networkId?: number; status?: CampaignStatus },
): Promise<CampaignListRow[]> {
  const orgs = sql`array[${sql.join(
    [0, ...filter.organizationIds].map((id) => sql`${id}`),
    sql`, `,
  )}]::int[]`;
  const isMember = sql`exists (
    select 1 from network_members m
    where m.network_id = c.network_id and (m.left_on is null or m.left_on >= current_date)
      and (m.organization_id = any(${orgs})
           or m.place_id in (select g.place_id from organizations g where g.id = any(${orgs})
                             and g.id in (${governmentsOf(sql`g.place_id`)}))))`;
  return queryRows<CampaignListRow>(
    db,
    sql`select * from (
          select c.id, c.network_id as "networkId", n.name as "networkName", c.title, c.status,
                 c.opens_on::text as "opensOn", c.closes_on::text as "closesOn", c.country_code as "countryCode",
                 c.results_shared_at as "resultsSharedAt", c.version, c.opens_on, c.created_at,
                 array(select coalesce(n.secretariat_id, p.secretariat_id) where coalesce(n.secretariat_id, p.secretariat_id) is not null
                       union select nc.organization_id from network_coordinators nc where nc.network_id = n.id)
                   as "coordinatorIds",
                 ${filter.all ? sql`true` : sql`(c.status <> 'draft' and ${isMember})`} as readable
          from campaigns c
          join networks n on n.id = c.network_id
          left join networks p on p.id = n.parent_id
          where c.deleted_at is null and n.deleted_at is null
            ${filter.networkId === undefined ? sql`` : sql`and c.network_id = ${filter.networkId}`}
            ${filter.status === undefined ? sql`` : sql`and c.status = ${filter.status}`}
        ) listed
        where readable or "coordinatorIds" && ${orgs}
        order by coalesce(opens_on, created_at::date) desc, id desc`,
  );
}

/**
 * Who has responded to each of some campaigns: the organisations with a response, and those that submitted it; an
 * organisation merged into another is left out (the one it went into counts).
 */
export async function findResponseTallies(db: DbOrTx, campaignIds: readonly number[]) {
  if (campaignIds.length === 0) return new Map<number, { responded: number[]; submitted: number }>();
  const rows = await queryRows<{ campaignId: number; responded: number[]; submitted: number }>(
    db,
    sql`select r.campaign_id as "campaignId", array_agg(r.organization_id) as responded,
               (count(*) filter (where r.status = 'submitted'))::int as submitted
        from campaign_responses r join organizations o on o.id = r.organization_id
        where r.campaign_id in (${idList(campaignIds)}) and o.merged_into_id is null
        group by r.campaign_id`,
  );
  return new Map(rows.map((row) => [row.campaignId, { responded: row.responded, submitted: row.submitted }]));
}
