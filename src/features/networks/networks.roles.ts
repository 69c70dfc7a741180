import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { governmentsOf } from '../organizations/governments.ts';

/**
 * Who stands behind a network or working group, as the policy needs it. Coordinators run it (its members list,
 * working groups, campaigns): the organisations appointed to coordinate it and the secretariat of the network
 * (for a working group, of its parent network). Members are the organisations that are members today and the
 * governments of the places that are (an organisation merged into another is none: the one it went into speaks);
 * they read what the group keeps for itself and answer its campaigns.
 * Who is a member and who coordinates comes from the network's own records, never from the member.
 */
export interface NetworkRoles {
  coordinatorIds: number[];
  memberIds: number[];
}

export async function networkRoles(db: DbOrTx, networkId: number): Promise<NetworkRoles> {
  const [row] = await queryRows<{ coordinators: number[] | null; members: number[] | null }>(
    db,
    sql`with target as (
          select n.id, coalesce(n.secretariat_id, p.secretariat_id) as secretariat_id
          from networks n left join networks p on p.id = n.parent_id
          where n.id = ${networkId}
        ),
        current_members as (
          select m.place_id, m.organization_id from network_members m
          left join organizations o on o.id = m.organization_id
          where m.network_id = ${networkId} and (m.left_on is null or m.left_on >= current_date)
            and (o.id is null or o.merged_into_id is null)
        )
        select
          (select array_agg(distinct id) from (
             select secretariat_id as id from target where secretariat_id is not null
             union select c.organization_id from network_coordinators c where c.network_id = ${networkId}
          ) c) as coordinators,
          (select array_agg(distinct id) from (
             select organization_id as id from current_members where organization_id is not null
             union select government.id from current_members cm
               cross join lateral (${governmentsOf(sql`cm.place_id`)}) government
          ) m) as members`,
  );
  return { coordinatorIds: row?.coordinators ?? [], memberIds: row?.members ?? [] };
}
