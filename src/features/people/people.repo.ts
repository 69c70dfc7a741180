import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import { activities, activityLinks, contactPoints, organizations, people, posts } from '../../db/schema.ts';
import type { ReadScope } from '../auth/policy.ts';

export type PersonRow = typeof people.$inferSelect;

export const findPerson = (db: DbOrTx, id: number, lock = false) => findById(db, people, id, lock);

export async function findPosts(db: DbOrTx, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  return db
    .select({
      id: posts.id,
      personId: posts.personId,
      organizationId: posts.organizationId,
      organizationName: organizations.name,
      role: posts.role,
      title: posts.title,
      startedOn: posts.startedOn,
      endedOn: posts.endedOn,
    })
    .from(posts)
    .innerJoin(organizations, eq(organizations.id, posts.organizationId))
    .where(inArray(posts.personId, [...personIds]))
    .orderBy(asc(posts.startedOn), asc(posts.id));
}

export async function findContactPoints(db: DbOrTx, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  return db
    .select()
    .from(contactPoints)
    .where(inArray(contactPoints.personId, [...personIds]))
    .orderBy(asc(contactPoints.id));
}

/** The people a read scope covers: published ones, and those its organisations keep or hold posts in. */
function visiblePeople(scope: ReadScope): SQL | undefined {
  if (scope.all) return undefined;
  const mine = [...scope.organizationIds];
  if (mine.length === 0) return eq(people.visibility, 'published');
  return or(
    eq(people.visibility, 'published'),
    inArray(people.keeperId, mine),
    sql`exists (select 1 from posts p where p.person_id = ${people.id} and p.organization_id in (${sql.join(
      mine.map((id) => sql`${id}`),
      sql`, `,
    )}))`,
  );
}

export async function listPeople(
  db: DbOrTx,
  scope: ReadScope,
  filter: { organizationId?: number; limit: number },
) {
  return db
    .select()
    .from(people)
    .where(
      and(
        isNull(people.deletedAt),
        isNull(people.erasedAt),
        visiblePeople(scope),
        filter.organizationId
          ? sql`exists (select 1 from posts p where p.person_id = ${people.id} and p.organization_id = ${filter.organizationId})`
          : undefined,
      ),
    )
    .orderBy(asc(people.name), asc(people.id))
    .limit(filter.limit);
}

type PostValues = Omit<typeof posts.$inferInsert, 'personId'>;
type ContactValues = Omit<typeof contactPoints.$inferInsert, 'personId'>;

/** A new person: the record, the posts they hold and their contact points. */
export type PersonInsert = typeof people.$inferInsert & {
  posts: PostValues[];
  contactPoints: ContactValues[];
};

/** Changes to a person: fields of the record, and the posts and contact points that replace theirs. */
export type PersonChanges = Partial<typeof people.$inferInsert> & {
  posts?: PostValues[];
  contactPoints?: ContactValues[];
};

export async function insertPerson(
  db: DbOrTx,
  { posts: postRows, contactPoints: contacts, ...values }: PersonInsert,
) {
  const [row] = await db.insert(people).values(values).returning({ id: people.id });
  await replacePosts(db, row!.id, postRows);
  await replaceContactPoints(db, row!.id, contacts);
  return row!.id;
}

/** Writes changes to a person and bumps the version. */
export async function updatePerson(
  db: DbOrTx,
  id: number,
  { posts: postRows, contactPoints: contacts, ...values }: PersonChanges,
) {
  await db
    .update(people)
    .set({ ...values, ...nextVersion(people) })
    .where(eq(people.id, id));
  if (postRows) await replacePosts(db, id, postRows);
  if (contacts) await replaceContactPoints(db, id, contacts);
}

async function replacePosts(db: DbOrTx, personId: number, rows: PostValues[]) {
  await db.delete(posts).where(eq(posts.personId, personId));
  if (rows.length > 0) await db.insert(posts).values(rows.map((row) => ({ ...row, personId })));
}

async function replaceContactPoints(db: DbOrTx, personId: number, rows: ContactValues[]) {
  await db.delete(contactPoints).where(eq(contactPoints.personId, personId));
  if (rows.length > 0) await db.insert(contactPoints).values(rows.map((row) => ({ ...row, personId })));
}

/** The activities a person took part in, for their data export. */
export async function findActivitiesOf(db: DbOrTx, personId: number) {
  return db
    .select({
      id: activities.id,
      kind: activities.kind,
      occurredOn: activities.occurredOn,
      title: activities.title,
    })
    .from(activities)
    .innerJoin(activityLinks, eq(activityLinks.activityId, activities.id))
    .where(eq(activityLinks.personId, personId))
    .orderBy(asc(activities.occurredOn));
}
