import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';

/**
 * What the Popolo export reads: published live organisations, the published people, and their posts in published
 * organisations. A person's contact points and notes are never read.
 */

export function findPublicOrganizations(db: DbOrTx) {
  return queryRows<{
    id: number;
    name: string;
    kind: string;
    aliases: string[];
    website: string | null;
    placeId: number | null;
  }>(
    db,
    sql`select id, name, kind, aliases, website, place_id as "placeId" from organizations
        where visibility = 'published' and deleted_at is null and merged_into_id is null order by id`,
  );
}

export function findPublicPeople(db: DbOrTx) {
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from people
        where visibility = 'published' and deleted_at is null and erased_at is null and name is not null
        order by id`,
  );
}

export function findPublicPosts(db: DbOrTx) {
  return queryRows<{
    id: number;
    personId: number;
    organizationId: number;
    role: string;
    title: string | null;
    startedOn: string | null;
    endedOn: string | null;
  }>(
    db,
    sql`select p.id, p.person_id as "personId", p.organization_id as "organizationId", p.role, p.title,
               p.started_on::text as "startedOn", p.ended_on::text as "endedOn"
        from posts p join people pe on pe.id = p.person_id join organizations o on o.id = p.organization_id
        where pe.visibility = 'published' and pe.deleted_at is null and pe.erased_at is null
          and o.visibility = 'published' and o.deleted_at is null and o.merged_into_id is null
        order by p.id`,
  );
}
