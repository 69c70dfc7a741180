import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { organizations, places } from '../../db/schema.ts';
import { createActivity } from '../activities/activities.service.ts';
import type { MemberRole } from '../auth/auth.constants.ts';
import { hashPassword, randomToken } from '../auth/auth.crypto.ts';
import { addUserWithPassword, loadActor } from '../auth/auth.users.service.ts';
import { createOrganization } from '../organizations/organizations.service.ts';
import type { PartyInput } from '../partnerships/partnerships.schema.ts';
import { partyKeyFor } from '../partnerships/partnerships.schema.ts';
import {
  confirmPartnership,
  createPartnership,
  findTieOfParties,
  getPartnership,
  updatePartnership,
} from '../partnerships/partnerships.write.service.ts';
import { createPerson } from '../people/people.service.ts';
import { loadDemoArticles } from './demo.articles.ts';
import { loadDemoCampaigns } from './demo.campaigns.ts';
import { loadDemoEvents } from './demo.events.ts';
import { loadDemoNetworks } from './demo.networks.ts';
import { loadDemoOutcomes } from './demo.outcomes.ts';

export const DEMO_ORGANIZATION = 'City of Espoo';

export class DemoError extends Error {}

export interface DemoUser {
  email: string;
  name: string;
  password: string;
  role: string;
}

/** The best-known place of a name in a country: the one with the most ties. */
async function placeNamed(db: DbOrTx, name: string, country: string) {
  const [row] = await db
    .select({ id: places.id })
    .from(places)
    .where(and(eq(places.country, country), sql`lower(${places.name}) = lower(${name})`))
    .orderBy(desc(places.partnerCount));
  if (!row)
    throw new DemoError(`The registry has no place ${name} (${country}); import the world data first`);
  return row.id;
}

async function demoUser(
  db: DbOrTx,
  values: { email: string; name: string; isAdmin?: boolean; organizationId?: number; role?: MemberRole },
): Promise<{ row: Awaited<ReturnType<typeof addUserWithPassword>>; printed: DemoUser }> {
  const password = randomToken(12);
  const user = await addUserWithPassword(db, {
    email: values.email,
    name: values.name,
    isAdmin: !!values.isAdmin,
    passwordHash: await hashPassword(password),
    membership:
      values.organizationId && values.role
        ? { organizationId: values.organizationId, role: values.role }
        : undefined,
  });
  const role = values.isAdmin ? 'administrator' : `${values.role}`;
  return { row: user, printed: { email: user.email, name: user.name, password, role } };
}

/**
 * Loads the demo workspace built from the City of Espoo's news item of December 2020: Espoo and Shanghai as
 * organisations, their twin-town tie since 1998 confirmed by Espoo, Team Finland in Shanghai, Air0, Shanghai
 * Media Group and C21, the officials the item names (by role only), a few logged activities, the events, Air0's
 * outcome at CIIE 2019 with its testimonial, a support request answered by the door-opener search, and the news item
 * itself as the first article of "International Espoo" in Swedish, Finnish and English. Demo users get
 * random passwords, answered once. Refuses to run twice.
 */
export async function loadDemo(db: DbOrTx, options: { documentsDir?: string } = {}) {
  const [existing] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.name, DEMO_ORGANIZATION));
  if (existing) throw new DemoError('The demo workspace is loaded already');
  const espoo = await placeNamed(db, 'Espoo', 'FI');
  const shanghai = await placeNamed(db, 'Shanghai', 'CN');

  const admin = await demoUser(db, { email: 'admin@example.org', name: 'Demo Administrator', isAdmin: true });
  const adminActor = await loadActor(db, admin.row, 'session');
  const org = (values: Parameters<typeof createOrganization>[2]) =>
    createOrganization(db, adminActor, values);
  const base = {
    aliases: [],
    placeId: null,
    website: null,
    description: null,
    keeperId: null,
    visibility: 'published' as const,
    sector: null,
  };
  const cityOfEspoo = await org({
    ...base,
    kind: 'city_government',
    name: DEMO_ORGANIZATION,
    aliases: ['Espoon kaupunki', 'Esbo stad'],
    placeId: espoo,
    website: 'https://www.espoo.fi',
  });
  const cityOfShanghai = await org({
    ...base,
    kind: 'city_government',
    name: 'Shanghai Municipal People’s Government',
    placeId: shanghai,
  });
  const teamFinland = await org({
    ...base,
    kind: 'national_agency',
    name: 'Team Finland Shanghai',
    placeId: shanghai,
    keeperId: cityOfEspoo.id,
    description:
      'Finland’s export and investment promotion network in Shanghai; supports Espoo’s China activities.',
  });
  const air0 = await org({
    ...base,
    kind: 'company',
    name: 'Air0',
    placeId: espoo,
    keeperId: cityOfEspoo.id,
    description: 'Finnish company that took part in CIIE 2019.',
    // Demo: the news item does not name the company's line of business; C is NACE Rev. 2 manufacturing.
    sector: 'C',
  });
  const smg = await org({
    ...base,
    kind: 'media',
    name: 'Shanghai Media Group',
    placeId: shanghai,
    keeperId: cityOfEspoo.id,
  });
  const c21 = await org({
    ...base,
    kind: 'network_secretariat',
    name: 'C21 – China working group',
    keeperId: cityOfEspoo.id,
    description:
      'Network of Finland’s 21 largest cities; its China working group maps the state of cooperation, near-term plans and upcoming needs.',
  });

  const editor = await demoUser(db, {
    email: 'coordinator@example.org',
    name: 'Espoo Coordinator',
    organizationId: cityOfEspoo.id,
    role: 'editor',
  });
  const viewer = await demoUser(db, {
    email: 'viewer@example.org',
    name: 'Espoo Viewer',
    organizationId: cityOfEspoo.id,
    role: 'viewer',
  });
  const partner = await demoUser(db, {
    email: 'shanghai@example.org',
    name: 'Shanghai Editor',
    organizationId: cityOfShanghai.id,
    role: 'editor',
  });
  const espooActor = await loadActor(db, editor.row, 'session');
  const shanghaiActor = await loadActor(db, partner.row, 'session');

  // The tie: the world data already knows Espoo–Shanghai; Espoo's editor completes and confirms it.
  const parties: PartyInput[] = [{ placeId: espoo }, { placeId: shanghai }];
  const known = await findTieOfParties(db, 'twin_town', partyKeyFor(parties));
  const details = {
    status: 'active' as const,
    startedOn: '1998-01-01',
    themes: ['sustainable_development', 'business', 'education', 'culture'] as (
      | 'sustainable_development'
      | 'business'
      | 'education'
      | 'culture'
    )[],
    descriptions: {
      en: 'Twin towns since 1998. The tie opens doors, enables interaction between many parties, and helps with the challenges of sustainable development.',
      fi: 'Ystävyyskaupungit vuodesta 1998. Suhde avaa ovia, mahdollistaa vuorovaikutuksen eri toimijoiden välillä ja auttaa kestävän kehityksen haasteissa.',
      sv: 'Vänorter sedan 1998. Samarbetet öppnar dörrar, möjliggör växelverkan mellan olika parter och hjälper i utmaningarna med hållbar utveckling.',
    },
    notes: 'Only the year is known (1998); the start date is entered as 1 January.',
  };
  let tieId: number;
  if (known && !known.deletedAt) {
    const { row } = await getPartnership(db, espooActor, known.id);
    const updated = await updatePartnership(db, espooActor, known.id, { version: row.version, ...details });
    await confirmPartnership(db, espooActor, known.id, {
      version: updated.version,
      party: { placeId: espoo },
    });
    tieId = known.id;
  } else {
    tieId = (
      await createPartnership(db, espooActor, {
        kind: 'twin_town',
        parties,
        signedOn: null,
        endedOn: null,
        endReason: null,
        renewalOn: null,
        visibility: 'published',
        ...details,
      })
    ).id;
  }

  // The people the news item names, by role only, with example.org addresses. A post is written by its
  // organisation's editors: Shanghai's editor keeps Shanghai's officials, Espoo's editor everyone else.
  const person = (
    name: string,
    organizationId: number,
    role: Parameters<typeof createPerson>[2]['posts'][number]['role'],
    title: string,
    email?: string,
  ) =>
    createPerson(db, organizationId === cityOfShanghai.id ? shanghaiActor : espooActor, {
      name,
      keeperId: organizationId === cityOfShanghai.id ? cityOfShanghai.id : cityOfEspoo.id,
      visibility: 'published',
      notes: null,
      posts: [{ organizationId, role, title, startedOn: null, endedOn: null }],
      contactPoints: email ? [{ kind: 'email', value: email }] : [],
    });
  const coordinator = await person(
    'Coordinator for International Affairs, Espoo',
    cityOfEspoo.id,
    'international_affairs_coordinator',
    'Coordinator for international affairs',
    'international@example.org',
  );
  const cityManager = await person('City Manager of Espoo', cityOfEspoo.id, 'city_manager', 'City manager');
  const mayor = await person('Mayor of Shanghai', cityOfShanghai.id, 'mayor', 'Mayor');
  await person('Vice Mayor of Shanghai', cityOfShanghai.id, 'deputy_mayor', 'Vice mayor');
  await person(
    'Vice Chair, Shanghai People’s Congress',
    cityOfShanghai.id,
    'vice_chair',
    'Vice chair of the Shanghai People’s Congress',
  );
  const ceo = await person('CEO of Air0', air0.id, 'ceo', 'Chief executive officer', 'ceo@example.org');
  await person('Head of Growth, Air0', air0.id, 'head_of_growth', 'Head of Growth', 'growth@example.org');
  const teamFinlandContact = await person(
    'Team Finland representative in Shanghai',
    teamFinland.id,
    'trade_representative',
    'Representative',
    'teamfinland.shanghai@example.org',
  );

  const activity = (
    values: Omit<
      Parameters<typeof createActivity>[2],
      'organizationId' | 'summary' | 'followUp' | 'followUpOn' | 'organizationIds'
    > & { summary?: string; organizationIds?: number[] },
  ) =>
    createActivity(db, espooActor, {
      summary: null,
      followUp: null,
      followUpOn: null,
      organizationIds: [],
      ...values,
      organizationId: cityOfEspoo.id,
    });
  await activity({
    kind: 'event',
    occurredOn: '2020-11-10',
    title: 'Shanghai’s virtual twin-town forum, closing event of CIIE 2020',
    summary:
      'Close to 100 twin towns invited. Espoo sat in panel 2, city management and cooperation during the pandemic, and answered on sustainable development; the city manager spoke on community and doing things together.',
    partnershipIds: [tieId],
    organizationIds: [cityOfShanghai.id, smg.id],
    personIds: [cityManager.id, mayor.id],
  });
  await activity({
    kind: 'meeting',
    occurredOn: '2020-10-20',
    title: 'Regular check-in with Team Finland Shanghai',
    summary: 'Preparing the forum and Espoo’s China activities.',
    partnershipIds: [tieId],
    organizationIds: [teamFinland.id],
    personIds: [coordinator.id, teamFinlandContact.id],
  });
  await activity({
    kind: 'call',
    occurredOn: '2020-12-01',
    title: 'C21 China working group: mapping cooperation',
    partnershipIds: [],
    summary: 'State of cooperation, near-term plans and upcoming cooperation needs of the member cities.',
    organizationIds: [c21.id],
    personIds: [coordinator.id],
  });
  await activity({
    kind: 'meeting',
    occurredOn: '2020-12-10',
    title: 'Interview with Air0 on CIIE 2019',
    summary: 'How the Espoo–Shanghai tie mattered to the company’s business.',
    partnershipIds: [tieId],
    organizationIds: [air0.id],
    personIds: [ceo.id],
  });

  const events = await loadDemoEvents(db, {
    espoo,
    shanghai,
    cityOfEspoo: cityOfEspoo.id,
    cityOfShanghai: cityOfShanghai.id,
    air0: air0.id,
    smg: smg.id,
    mayor,
    cityManager,
    shanghaiActor,
    espooActor,
    documentsDir: options.documentsDir,
  });

  const outcomes = await loadDemoOutcomes(db, {
    espooActor,
    cityOfEspoo: cityOfEspoo.id,
    air0: air0.id,
    shanghai,
    tieId,
    ciie2019Id: events.ciie2019Id,
    ceo,
  });

  const networks = await loadDemoNetworks(db, { admin: adminActor, espoo, cityOfEspoo: cityOfEspoo.id });
  await loadDemoCampaigns(db, { networks, admin: adminActor, coordinator: espooActor });
  const articles = await loadDemoArticles(db, {
    espooActor,
    cityOfEspoo: cityOfEspoo.id,
    espoo,
    shanghai,
    tieId,
    forumId: events.forumId,
    workingGroupId: networks.workingGroupId,
    outcomeId: outcomes.outcomeId,
    coordinatorPostId: coordinator.posts[0]!.id,
  });

  return {
    users: [admin, editor, viewer, partner].map((user) => user.printed),
    partnershipId: tieId,
    events,
    outcomes,
    networks,
    articles,
  };
}
