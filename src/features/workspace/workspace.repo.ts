import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import type { VISIBILITIES } from '../../db/shared.tables.ts';
import { GOVERNMENT_KINDS } from '../organizations/organizations.constants.ts';
import type { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.constants.ts';

export interface OrganizationTieRow {
  id: number;
  kind: (typeof PARTNERSHIP_KINDS)[number];
  status: (typeof PARTNERSHIP_STATUSES)[number];
  startedOn: string | null;
  signedOn: string | null;
  endedOn: string | null;
  renewalOn: string | null;
  visibility: (typeof VISIBILITIES)[number];
  /** The other parties' names, joined. */
  partners: string;
}

/** The live ties an organisation speaks for: as a party itself, or as the government of a party place. */
export async function findOrganizationTies(db: DbOrTx, organizationId: number) {
  const governments = sql.raw(GOVERNMENT_KINDS.map((kind) => `'${kind}'`).join(', '));
  return queryRows<OrganizationTieRow>(
    db,
    sql`with org as (
        select id, case when kind in (${governments}) then place_id end as place_id
        from organizations where id = ${organizationId}
      ),
      mine as (
        select distinct pp.partnership_id from partnership_parties pp, org
        where pp.organization_id = org.id or pp.place_id = org.place_id
      )
      select p.id, p.kind, p.status, p.started_on::text as "startedOn", p.signed_on::text as "signedOn",
             p.ended_on::text as "endedOn", p.renewal_on::text as "renewalOn", p.visibility,
             coalesce((select string_agg(coalesce(pl.name, o.name), ', ' order by coalesce(pl.name, o.name))
                from partnership_parties pp
                left join places pl on pl.id = pp.place_id
                left join organizations o on o.id = pp.organization_id, org
                where pp.partnership_id = p.id
                  and pp.place_id is distinct from org.place_id and pp.organization_id is distinct from org.id), '')
               as partners
      from partnerships p join mine on mine.partnership_id = p.id
      where p.deleted_at is null
      order by p.id`,
  );
}
