import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import type { Actor } from '../auth/actor.ts';
import { createEvent } from '../events/events.service.ts';
import { addMember, createNetwork, setCoordinators } from '../networks/networks.service.ts';
import { createOrganization } from '../organizations/organizations.service.ts';

/**
 * C21, the network of Finland's 21 largest cities, as the news item mentions it, and its China working group, which
 * maps the members' cooperation with China. Which cities are members is derived for the demo: the 21 Finnish
 * municipalities of the registry with the most inhabitants (as the registry's population figures have it), which
 * the network's description says in Finnish, Swedish and English. Espoo and the next most populous members form the
 * working group, coordinated by the City of Espoo; the secretariat held one online meeting of the group.
 */

/** The key of the source that lists Finland's municipalities (see imports/world/world.sources.ts). */
const MUNICIPALITIES_SOURCE = 'citybridge-fi-municipalities';

/** The demo network's short name, by which `findDemoNetworks` finds it again. */
export const DEMO_NETWORK_SHORT_NAME = 'C21';

/** How many cities C21 has, and how many of them the demo puts in the China working group besides Espoo. */
const C21_SIZE = 21;
const GROUP_OTHERS = 4;

/** The demo's networks: C21 and its China working group, with their members (places) and the organisations running them. */
export interface DemoNetworks {
  networkId: number;
  workingGroupId: number;
  secretariatId: number;
  /** C21's member places, most populous first. */
  memberPlaceIds: number[];
  /** The working group's member places (Espoo among them). */
  workingGroupPlaceIds: number[];
  /** The organisations that coordinate the working group (the City of Espoo). */
  coordinatorIds: number[];
}

/** The Finnish municipalities of the registry, most populous first (those without a figure last). */
async function mostPopulousMunicipalities(db: DbOrTx, limit: number) {
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select p.id, p.name from places p
        where p.country = 'FI' and p.kind = 'municipality' and p.merged_into_id is null
          and exists (select 1 from place_origins o join sources s on s.id = o.source_id
                      where o.place_id = p.id and s.key = ${MUNICIPALITIES_SOURCE})
        order by p.population desc nulls last, p.id
        limit ${limit}`,
  );
}

const c21Texts = {
  name: {
    fi: 'C21 – Suomen 21 suurimman kaupungin verkosto',
    sv: 'C21 – nätverket för Finlands 21 största städer',
    en: 'C21 – the network of Finland’s 21 largest cities',
  },
  description: {
    fi:
      'C21 on Suomen 21 suurimman kaupungin yhteistyöverkosto. Esittelyssä jäsenluettelo on johdettu ' +
      'väkiluvusta: jäseniksi on valittu rekisterin 21 asukasluvultaan suurinta suomalaista kuntaa, eikä luettelo ' +
      'ole verkoston virallinen jäsenluettelo.',
    sv:
      'C21 är samarbetsnätverket för Finlands 21 största städer. I demon är medlemslistan härledd från ' +
      'folkmängden: som medlemmar har registrets 21 folkrikaste finländska kommuner valts, och listan är inte ' +
      'nätverkets officiella medlemslista.',
    en:
      'C21 is the cooperation network of Finland’s 21 largest cities. In this demo the member list is derived from ' +
      'population: the 21 most populous Finnish municipalities in the registry are taken as its members; it is not ' +
      'the network’s official member list.',
  },
};

const groupTexts = {
  name: { fi: 'C21:n Kiina-työryhmä', sv: 'C21:s Kinaarbetsgrupp', en: 'C21 China working group' },
  theme: { fi: 'Kiina', sv: 'Kina', en: 'China' },
  description: {
    fi:
      'Työryhmä kartoittaa jäsenkaupunkien Kiina-yhteistyön nykytilan, lähiajan suunnitelmat ja tulevat ' +
      'yhteistyötarpeet ja tarjoaa kaupungeille paikan keskustella Kiina-kysymyksistä. Yhteistyö perustuu ' +
      'tyypillisesti ystävyyskaupunkisopimukseen tai yhteisymmärryspöytäkirjaan; kaupungit tekevät yhteistyötä ' +
      'myös hankkeissa ja verkostoissa. Esittelyssä jäsenet ovat Espoo ja C21:n asukasluvultaan suurimmat kaupungit.',
    sv:
      'Arbetsgruppen kartlägger medlemsstädernas Kinasamarbete i dag, planerna för den närmaste tiden och de ' +
      'kommande samarbetsbehoven, och ger städerna ett forum för dialog om Kinafrågor. Samarbetet bygger ' +
      'vanligen på ett vänortsavtal eller ett samförståndsavtal; städerna samarbetar också i projekt och nätverk. ' +
      'I demon är medlemmarna Esbo och C21:s folkrikaste städer.',
    en:
      'The working group maps the current state of its member cities’ cooperation with China, their near-term ' +
      'plans and upcoming cooperation needs, and gives the cities a place for dialogue on China questions. ' +
      'Cooperation is typically based on a twin-town agreement or a memorandum of understanding; cities also ' +
      'cooperate in projects and networks. In this demo its members are Espoo and C21’s most populous cities.',
  },
};

/**
 * Adds C21, its secretariat and its China working group, with the City of Espoo coordinating the group, as the
 * administrator (who stands in for the secretariat). `espoo` must be one of the registry's municipalities.
 */
export async function loadDemoNetworks(
  db: DbOrTx,
  cast: { admin: Actor; espoo: number; cityOfEspoo: number },
): Promise<DemoNetworks> {
  const { admin } = cast;
  const secretariat = await createOrganization(db, admin, {
    kind: 'network_secretariat',
    name: 'C21 secretariat',
    aliases: ['C21-sihteeristö', 'C21-sekretariatet'],
    placeId: null,
    sector: null,
    website: null,
    description: 'Runs the C21 network of Finland’s 21 largest cities (demo).',
    keeperId: null,
    visibility: 'published',
  });
  const network = await createNetwork(db, admin, {
    kind: 'network',
    parentId: null,
    ...c21Texts,
    shortName: DEMO_NETWORK_SHORT_NAME,
    theme: {},
    countryCode: null,
    secretariatId: secretariat.id,
    website: null,
    foundedOn: null,
    visibility: 'published',
  });
  const largest = (await mostPopulousMunicipalities(db, C21_SIZE)).map((place) => place.id);
  // Espoo is the second largest; should a registry's figures say otherwise, the demo's story still needs it.
  const memberPlaceIds = largest.includes(cast.espoo)
    ? largest
    : [...largest.slice(0, C21_SIZE - 1), cast.espoo];
  for (const placeId of memberPlaceIds)
    await addMember(db, admin, network.id, { placeId, joinedOn: null, leftOn: null });

  const group = await createNetwork(db, admin, {
    kind: 'working_group',
    parentId: network.id,
    ...groupTexts,
    shortName: null,
    countryCode: 'CN',
    secretariatId: null,
    website: null,
    foundedOn: null,
    visibility: 'published',
  });
  const workingGroupPlaceIds = [
    cast.espoo,
    ...memberPlaceIds.filter((id) => id !== cast.espoo).slice(0, GROUP_OTHERS),
  ];
  for (const placeId of workingGroupPlaceIds)
    await addMember(db, admin, group.id, {
      placeId,
      joinedOn: placeId === cast.espoo ? '2019-01-01' : null,
      leftOn: null,
    });
  await setCoordinators(db, admin, group.id, { organizationIds: [cast.cityOfEspoo] });

  await createEvent(db, admin, {
    kind: 'meeting',
    attendanceMode: 'online',
    status: 'held',
    startsAt: '2020-12-01T10:00:00+02:00',
    endsAt: '2020-12-01T11:30:00+02:00',
    timeZone: 'Europe/Helsinki',
    title: {
      fi: 'C21:n Kiina-työryhmän kokous',
      sv: 'Möte för C21:s Kinaarbetsgrupp',
      en: 'C21 China working group meeting',
    },
    description: {
      fi: 'Kiina-yhteistyön kartoitus: nykytila, lähiajan suunnitelmat ja tulevat tarpeet.',
      sv: 'Kartläggning av Kinasamarbetet: läget i dag, planerna för den närmaste tiden och kommande behov.',
      en: 'Mapping the cooperation with China: the current state, near-term plans and upcoming needs.',
    },
    venuePlaceId: null,
    address: null,
    onlineUrl: null,
    parentId: null,
    series: null,
    themes: ['China'],
    mediaLinks: [],
    outcomes: {},
    hostIds: [secretariat.id],
    visibility: 'published',
  });

  return {
    networkId: network.id,
    workingGroupId: group.id,
    secretariatId: secretariat.id,
    memberPlaceIds,
    workingGroupPlaceIds,
    coordinatorIds: [cast.cityOfEspoo],
  };
}

/**
 * The demo's networks as loaded (by the C21 short name and its China working group), for what is added to the demo
 * later (a campaign round for the working group); undefined before `citybridge demo` has run.
 */
export async function findDemoNetworks(db: DbOrTx): Promise<DemoNetworks | undefined> {
  const [found] = await queryRows<{ network_id: number; group_id: number; secretariat_id: number }>(
    db,
    sql`select n.id as network_id, g.id as group_id, n.secretariat_id
        from networks n join networks g on g.parent_id = n.id and g.country_code = 'CN' and g.deleted_at is null
        where n.kind = 'network' and n.short_name = ${DEMO_NETWORK_SHORT_NAME} and n.deleted_at is null
        order by n.id, g.id limit 1`,
  );
  if (!found) return undefined;
  const members = (networkId: number) =>
    queryRows<{ place_id: number }>(
      db,
      sql`select m.place_id from network_members m left join places p on p.id = m.place_id
          where m.network_id = ${networkId} and m.place_id is not null
          order by p.population desc nulls last, m.id`,
    );
  const coordinators = await queryRows<{ organization_id: number }>(
    db,
    sql`select organization_id from network_coordinators where network_id = ${found.group_id} order by organization_id`,
  );
  return {
    networkId: found.network_id,
    workingGroupId: found.group_id,
    secretariatId: found.secretariat_id,
    memberPlaceIds: (await members(found.network_id)).map((row) => row.place_id),
    workingGroupPlaceIds: (await members(found.group_id)).map((row) => row.place_id),
    coordinatorIds: coordinators.map((row) => row.organization_id),
  };
}
