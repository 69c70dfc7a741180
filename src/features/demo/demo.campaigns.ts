import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import type { Actor } from '../auth/actor.ts';
import type { RegistryRow } from '../campaigns/campaigns.schema.ts';
import { actOnCampaign, createCampaign, updateCampaign } from '../campaigns/campaigns.service.ts';
import { campaignTemplates } from '../campaigns/campaigns.template.ts';
import { getResponse, saveAnswer, submitResponse } from '../campaigns/responses.service.ts';
import { createOrganization, findGovernmentsOf } from '../organizations/organizations.service.ts';
import type { DemoNetworks } from './demo.networks.ts';

/**
 * The 2020 round of the C21 China working group's mapping campaign, from the ready template: Espoo and two more
 * members answered and submitted, one began a draft, one did not start. Every answer in words says it is demo data;
 * the round is closed, dated November–December 2020, and its results shared with the members.
 */

const DEMO = ' (demo data)';

/** What each answering member says, besides its ties (confirmed as the registry has them). */
const ANSWERS: Record<string, unknown>[] = [
  {
    cooperation_forms: ['twin_town', 'business', 'networks'],
    activity_level: 4,
    contacts_last_year: 14,
    has_contact_person: true,
    contact_person_role: `Coordinator for international affairs${DEMO}`,
    team_finland: true,
    planned_projects: [
      {
        name: `Follow-up of the virtual twin-town forum${DEMO}`,
        theme: 'sustainable_development',
        starts_on: '2021-02-01',
      },
      {
        name: `Business delegation to CIIE 2021 with Espoo companies${DEMO}`,
        theme: 'business',
        budget_eur: 20000,
      },
    ],
    visit_planned: false,
    importance_outlook: 'grows',
    support_needs: ['contacts', 'peer_exchange'],
    dialogue_topics: `Reopening city economies after the pandemic; sustainable development${DEMO}`,
  },
  {
    cooperation_forms: ['mou', 'education'],
    activity_level: 3,
    contacts_last_year: 6,
    has_contact_person: true,
    contact_person_role: `International relations unit${DEMO}`,
    team_finland: false,
    visit_planned: true,
    visit_details: `A virtual visit of school heads in spring 2021${DEMO}`,
    importance_outlook: 'stays',
    support_needs: ['country_information', 'training'],
  },
  {
    cooperation_forms: ['projects'],
    activity_level: 2,
    contacts_last_year: 2,
    has_contact_person: false,
    team_finland: false,
    visit_planned: false,
    importance_outlook: 'stays',
    support_needs: ['business_support', 'funding'],
    other_comments: `Cooperation paused during the pandemic${DEMO}`,
  },
];

/** The governments that answer for the group's member places, one per place (made for the demo where none is known). */
async function memberGovernments(db: DbOrTx, admin: Actor, placeIds: readonly number[]): Promise<number[]> {
  const governments = await findGovernmentsOf(db, placeIds);
  const names = new Map(
    (
      await queryRows<{ id: number; name: string }>(
        db,
        sql`select id, name from places where id in (${idList(placeIds)})`,
      )
    ).map((place) => [place.id, place.name]),
  );
  const ids: number[] = [];
  for (const placeId of placeIds) {
    const known = governments.find((government) => government.placeId === placeId);
    if (known) {
      ids.push(known.id);
      continue;
    }
    const made = await createOrganization(db, admin, {
      kind: 'city_government',
      name: `City of ${names.get(placeId) ?? placeId}`,
      aliases: [],
      sector: null,
      placeId,
      website: null,
      description: 'A member city’s government, added for the demo.',
      keeperId: null,
      visibility: 'published',
    });
    ids.push(made.id);
  }
  return ids;
}

/**
 * Adds the 2020 round: the working group's coordinator (Espoo's editor) copies the template, opens it, and the
 * members answer (Espoo's editor for Espoo, the administrator for the others); then it is closed and shared.
 */
export async function loadDemoCampaigns(
  db: DbOrTx,
  cast: { networks: DemoNetworks; admin: Actor; coordinator: Actor },
): Promise<{ campaignId: number }> {
  const { networks, admin, coordinator } = cast;
  const [template] = campaignTemplates('CN');
  const members = await memberGovernments(db, admin, networks.workingGroupPlaceIds);
  const note = {
    fi: ' Esittelyaineisto: vastaukset on keksitty esittelyä varten.',
    sv: ' Demodata: svaren är påhittade för demon.',
    en: ' Demo data: the answers are made up for the demo.',
  };
  const created = await createCampaign(db, coordinator, {
    networkId: networks.workingGroupId,
    previousId: null,
    title: {
      fi: `${template!.title.fi} (2020)`,
      sv: `${template!.title.sv} (2020)`,
      en: `${template!.title.en} (2020)`,
    },
    description: {
      fi: `${template!.description.fi}${note.fi}`,
      sv: `${template!.description.sv}${note.sv}`,
      en: `${template!.description.en}${note.en}`,
    },
    countryCode: 'CN',
    definition: template!.definition,
    opensOn: null,
    closesOn: null,
  });
  let campaign = await actOnCampaign(db, coordinator, created.id, 'open', created.version);

  for (const [index, organizationId] of members.entries()) {
    const answers = ANSWERS[index];
    // The fifth member has not started.
    if (index > ANSWERS.length) break;
    const actor = organizationId === networks.coordinatorIds[0] ? coordinator : admin;
    // The first answer starts the member's draft, pre-filled with its ties.
    await saveAnswer(db, actor, campaign.id, organizationId, 'activity_level', { value: 3, version: 0 });
    // The fourth member only began: its draft holds its ties and that one answer.
    if (!answers) continue;
    const draft = await getResponse(db, actor, campaign.id, organizationId);
    const ties = (draft.answers.ties?.value ?? []) as RegistryRow[];
    const all: Record<string, unknown> = {
      ...answers,
      ties: ties.map((row) => ({ ...row, confirmed: true })),
    };
    for (const [key, value] of Object.entries(all))
      await saveAnswer(db, actor, campaign.id, organizationId, key, {
        value,
        version: draft.answers[key]?.version ?? 0,
      });
    await submitResponse(db, actor, campaign.id, organizationId, draft.version);
  }

  campaign = await actOnCampaign(db, coordinator, campaign.id, 'close', campaign.version);
  campaign = await actOnCampaign(db, coordinator, campaign.id, 'share_results', campaign.version);
  await updateCampaign(db, coordinator, campaign.id, {
    version: campaign.version,
    opensOn: '2020-11-16',
    closesOn: '2020-12-18',
  });
  return { campaignId: campaign.id };
}
