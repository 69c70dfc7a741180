import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../../test/helpers/app.ts';
import { makeUser, sessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { networkMembers, networks } from '../networks/networks.tables.ts';

/**
 * The world campaign tests run in: C21 and its China working group (coordinated by the C21 secretariat), whose
 * members are Espoo, Vantaa and Turku (through their city governments) and a university; ties of Espoo with
 * Shanghai and Beijing, and with Tallinn (not in China); a user for each role.
 */
export async function makeCampaignWorld(db: Db) {
  const espoo = await makePlace(db, { name: 'Espoo', country: 'FI', lat: 60.2, lng: 24.66 });
  const vantaa = await makePlace(db, { name: 'Vantaa', country: 'FI', lat: 60.29, lng: 25.04 });
  const turku = await makePlace(db, { name: 'Turku', country: 'FI', lat: 60.45, lng: 22.27 });
  const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN', lat: 31.23, lng: 121.47 });
  const beijing = await makePlace(db, { name: 'Beijing', country: 'CN', lat: 39.9, lng: 116.4 });
  const wuhan = await makePlace(db, { name: 'Wuhan', country: 'CN', lat: 30.59, lng: 114.3 });
  const tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE', lat: 59.44, lng: 24.75 });
  const cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  const cityOfVantaa = await makeOrganization(db, { name: 'City of Vantaa', placeId: vantaa.id });
  const cityOfTurku = await makeOrganization(db, { name: 'City of Turku', placeId: turku.id });
  const secretariat = await makeOrganization(db, { name: 'C21 secretariat', kind: 'network_secretariat' });
  const outsiderOrg = await makeOrganization(db, { name: 'City of Tallinn', placeId: tallinn.id });
  const [c21] = await db
    .insert(networks)
    .values({
      kind: 'network',
      name: { en: 'C21', fi: 'C21', sv: 'C21' },
      shortName: 'C21',
      secretariatId: secretariat.id,
    })
    .returning();
  const [china] = await db
    .insert(networks)
    .values({
      kind: 'working_group',
      parentId: c21!.id,
      name: { en: 'China working group', fi: 'Kiina-työryhmä', sv: 'Kinaarbetsgruppen' },
      countryCode: 'CN',
    })
    .returning();
  for (const place of [espoo, vantaa, turku])
    await db.insert(networkMembers).values({ networkId: china!.id, placeId: place.id });
  for (const place of [espoo, vantaa, turku])
    await db.insert(networkMembers).values({ networkId: c21!.id, placeId: place.id });
  const twinTown = await makePartnership(db, [espoo.id, shanghai.id], {
    kind: 'twin_town',
    status: 'active',
    startedOn: '1998-09-29',
  });
  const mou = await makePartnership(db, [espoo.id, beijing.id], {
    kind: 'mou',
    status: 'dormant',
    startedOn: '2015-04-01',
  });
  const baltic = await makePartnership(db, [espoo.id, tallinn.id], { kind: 'twin_town', status: 'active' });
  const vantaaTie = await makePartnership(db, [vantaa.id, wuhan.id], {
    kind: 'friendship_city',
    status: 'active',
  });

  const session = async (options: Parameters<typeof makeUser>[1] & { language?: 'fi' | 'sv' | 'en' }) => {
    const { language, ...rest } = options;
    const user = await makeUser(db, rest);
    if (language) await db.update(users).set({ language }).where(eq(users.id, user.id));
    return { user, headers: await sessionHeaders(db, user.id) };
  };
  const coordinator = await session({
    name: 'C21 coordinator',
    memberships: [{ organizationId: secretariat.id, role: 'editor' }],
  });
  const coordinatorViewer = await session({
    memberships: [{ organizationId: secretariat.id, role: 'viewer' }],
  });
  const espooEditor = await session({
    name: 'Espoo editor',
    email: `espoo.editor.${process.pid}@example.org`,
    language: 'sv',
    memberships: [{ organizationId: cityOfEspoo.id, role: 'editor' }],
  });
  const espooViewer = await session({
    email: `espoo.viewer.${process.pid}@example.org`,
    memberships: [{ organizationId: cityOfEspoo.id, role: 'viewer' }],
  });
  const vantaaEditor = await session({
    email: `vantaa.editor.${process.pid}@example.org`,
    memberships: [{ organizationId: cityOfVantaa.id, role: 'editor' }],
  });
  const turkuEditor = await session({
    email: `turku.editor.${process.pid}@example.org`,
    language: 'en',
    memberships: [{ organizationId: cityOfTurku.id, role: 'editor' }],
  });
  const outsider = await session({ memberships: [{ organizationId: outsiderOrg.id, role: 'editor' }] });
  const admin = await session({ isAdmin: true });
  return {
    places: { espoo, vantaa, turku, shanghai, beijing, wuhan, tallinn },
    orgs: { cityOfEspoo, cityOfVantaa, cityOfTurku, secretariat, outsiderOrg },
    networks: { c21: c21!, china: china! },
    ties: { twinTown, mou, baltic, vantaaTie },
    users: {
      coordinator,
      coordinatorViewer,
      espooEditor,
      espooViewer,
      vantaaEditor,
      turkuEditor,
      outsider,
      admin,
    },
  };
}
export type CampaignWorld = Awaited<ReturnType<typeof makeCampaignWorld>>;

/** Sends a request and answers the response, failing with its body when the status is not the one expected. */
export async function expectStatus(
  response: Promise<LightMyRequestResponse> | LightMyRequestResponse,
  status: number,
): Promise<LightMyRequestResponse> {
  const answered = await response;
  if (answered.statusCode !== status) {
    throw new Error(`expected ${status}, got ${answered.statusCode}: ${answered.body}`);
  }
  return answered;
}

/** A campaign of the China working group from the template, created by the coordinator and, unless a draft is wanted, opened. */
export async function makeCampaign(
  t: TestApp,
  world: CampaignWorld,
  options: { open?: boolean; previousId?: number; closesOn?: string | null } = {},
) {
  const template = (
    await expectStatus(
      t.request('GET', '/api/campaigns/templates?countryCode=CN', world.users.coordinator.headers),
      200,
    )
  ).json().items[0];
  const created = (
    await expectStatus(
      t.request('POST', '/api/campaigns', world.users.coordinator.headers, {
        networkId: world.networks.china.id,
        title: template.title,
        description: template.description,
        definition: template.definition,
        previousId: options.previousId ?? null,
        closesOn: options.closesOn ?? null,
      }),
      201,
    )
  ).json();
  if (options.open === false) return created;
  return (
    await expectStatus(
      t.request('POST', `/api/campaigns/${created.id}/open`, world.users.coordinator.headers, {
        version: created.version,
      }),
      200,
    )
  ).json();
}

/** Saves answers one after another for a member, each from the version it has now. */
export async function answer(
  t: TestApp,
  headers: Record<string, string>,
  campaignId: number,
  organizationId: number,
  answers: Record<string, unknown>,
) {
  const response = (
    await expectStatus(
      t.request('GET', `/api/campaigns/${campaignId}/responses/${organizationId}`, headers),
      200,
    )
  ).json();
  for (const [key, value] of Object.entries(answers)) {
    const version = response.answers[key]?.version ?? 0;
    await expectStatus(
      t.request('PUT', `/api/campaigns/${campaignId}/responses/${organizationId}/answers/${key}`, headers, {
        value,
        version,
      }),
      200,
    );
  }
  return (
    await expectStatus(
      t.request('GET', `/api/campaigns/${campaignId}/responses/${organizationId}`, headers),
      200,
    )
  ).json();
}

/** The template's required answers, with a yes that shows the contact person's role. */
export const REQUIRED_ANSWERS = {
  cooperation_forms: ['twin_town', 'projects'],
  activity_level: 4,
  has_contact_person: true,
  contact_person_role: 'International affairs coordinator',
  visit_planned: false,
  importance_outlook: 'grows',
};

/** Answers the required questions and submits. */
export async function answerAndSubmit(
  t: TestApp,
  headers: Record<string, string>,
  campaignId: number,
  organizationId: number,
  answers: Record<string, unknown> = REQUIRED_ANSWERS,
) {
  const response = await answer(t, headers, campaignId, organizationId, answers);
  return (
    await expectStatus(
      t.request('POST', `/api/campaigns/${campaignId}/responses/${organizationId}/submit`, headers, {
        version: response.version,
      }),
      200,
    )
  ).json();
}
