import { type SQL, sql } from 'drizzle-orm';
import { GOVERNMENT_KINDS } from './organizations.constants.ts';

/**
 * The ids of the live governments (city or regional) of a place, as a subquery: they speak for the place, in ties,
 * for its invitations and for its membership of networks.
 */
export const governmentsOf = (placeId: SQL): SQL =>
  sql`select g.id from organizations g where g.place_id = ${placeId}
      and g.kind in (${sql.join(
        GOVERNMENT_KINDS.map((kind) => sql`${kind}`),
        sql`, `,
      )}) and g.deleted_at is null and g.merged_into_id is null`;
