import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { places } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import type { CreateEventBody } from '../events/events.schema.ts';
import { createEvent, setProgramme } from '../events/events.service.ts';
import { invite, listInvitations, updateInvitation } from '../events/invitations.service.ts';
import { addMedia, beginMediaUpload, receiveMediaFile } from '../events/media.service.ts';
import { DEFAULT_STORAGE_QUOTA_BYTES } from '../files/files.store.ts';
import { groupPhotoPlaceholder } from './demo.placeholder.ts';

/**
 * The events of the news item: CIIE 2019, where Air0 exhibited with Espoo's support, and CIIE 2020 with Shanghai's
 * virtual twin-town forum as its closing event: the mayor opening, two themed panels (Espoo in the second, its city
 * manager speaking on sustainable development), Shanghai Media Group filming, every Shanghai partner in the
 * registry invited, the twelve cities the item names as those who took part, and the virtual group photo (a
 * placeholder drawn for the demo) with its alt text in Finnish, Swedish and English.
 */

/** The cities the news item names as taking part in the forum, Espoo aside, as the registry names them. */
const FORUM_CITIES: [name: string, country: string][] = [
  ['London', 'GB'],
  ['Osaka', 'JP'],
  ['Antwerp', 'BE'],
  ['Dubai', 'AE'],
  ['Phnom Penh', 'KH'],
  ['Bangkok', 'TH'],
  ['Port of Spain', 'TT'],
  ['Budapest', 'HU'],
  ['Chicago', 'US'],
  ['Buenos Aires', 'AR'],
  ['Moscow', 'RU'],
];

async function findPlace(db: DbOrTx, name: string, country: string) {
  const [row] = await db
    .select({ id: places.id })
    .from(places)
    .where(and(eq(places.country, country), sql`lower(${places.name}) = lower(${name})`))
    .orderBy(desc(places.partnerCount));
  return row?.id;
}

export interface DemoEventCast {
  espoo: number;
  shanghai: number;
  cityOfEspoo: number;
  cityOfShanghai: number;
  air0: number;
  smg: number;
  mayor: { id: number; posts: { id: number }[] };
  cityManager: { id: number; posts: { id: number }[] };
  shanghaiActor: Actor;
  espooActor: Actor;
  /** Where the server keeps files: the group photo goes there. Without one the forum has no photo. */
  documentsDir?: string;
}

const base = {
  description: {},
  venuePlaceId: null,
  address: null,
  onlineUrl: null,
  parentId: null,
  themes: [],
  mediaLinks: [],
  outcomes: {},
  visibility: 'published' as const,
};

/**
 * The forum's virtual group photo: a placeholder drawn for the demo (a video call's gallery of coloured windows),
 * described for those who cannot see it in the forum's three languages.
 */
async function addGroupPhoto(db: DbOrTx, actor: Actor, forumId: number, documentsDir: string) {
  const { png } = groupPhotoPlaceholder();
  const upload = await beginMediaUpload(db, actor, documentsDir, forumId, DEFAULT_STORAGE_QUOTA_BYTES);
  const declared = { kind: 'image', mediaType: 'image/png' } as const;
  const received = await receiveMediaFile(
    upload,
    declared,
    (async function* () {
      yield png;
    })(),
  );
  await addMedia(db, actor, upload, {
    ...received,
    fileName: 'virtual-group-photo.png',
    kind: 'image',
    texts: {
      alt: {
        en:
          'Placeholder for the forum’s virtual group photo: a video call’s gallery of twelve coloured windows, four ' +
          'by three, each with the outline of a participant.',
        fi:
          'Foorumin virtuaalisen ryhmäkuvan paikkamerkki: videopuhelun näkymä, jossa on kaksitoista värillistä ' +
          'ikkunaa neljässä sarakkeessa ja kolmessa rivissä, kussakin osallistujan ääriviiva.',
        sv:
          'Platshållare för forumets virtuella gruppbild: ett videosamtals galleri med tolv färgade fönster, fyra i ' +
          'bredd och tre i höjd, vart och ett med en deltagares kontur.',
      },
      title: {},
      caption: {
        en: 'The virtual group photo taken at the close of the forum (a placeholder in the demo).',
        fi: 'Foorumin lopuksi otettu virtuaalinen ryhmäkuva (esittelyssä paikkamerkki).',
        sv: 'Den virtuella gruppbilden som togs i slutet av forumet (en platshållare i demon).',
      },
      credit: 'CityBridge demo',
    },
  });
}

export async function loadDemoEvents(db: DbOrTx, cast: DemoEventCast) {
  const { shanghaiActor, espooActor } = cast;
  const event = (
    values: Partial<CreateEventBody> & Pick<CreateEventBody, 'kind' | 'startsAt' | 'endsAt' | 'title'>,
  ) =>
    createEvent(db, shanghaiActor, {
      ...base,
      attendanceMode: 'in_person',
      status: 'held',
      timeZone: 'Asia/Shanghai',
      series: 'CIIE',
      hostIds: [cast.cityOfShanghai],
      ...values,
    });
  const expo = (year: number, attendanceMode: CreateEventBody['attendanceMode']) =>
    event({
      kind: 'trade_fair',
      attendanceMode,
      startsAt: `${year}-11-05T09:00:00+08:00`,
      endsAt: `${year}-11-10T18:00:00+08:00`,
      title: {
        en: `China International Import Expo ${year}`,
        fi: `Kiinan kansainväliset tuontimessut ${year}`,
        sv: `Kinas internationella importmässa ${year}`,
      },
      venuePlaceId: cast.shanghai,
      address: 'National Exhibition and Convention Center (Shanghai)',
      themes: ['trade', 'import promotion'],
    });
  const ciie2019 = await expo(2019, 'in_person');
  // Air0 exhibited at CIIE 2019 with the support of the City of Espoo.
  await invite(db, shanghaiActor, ciie2019.id, {
    placeIds: [],
    organizationIds: [cast.air0],
    role: 'exhibitor',
    supportedById: cast.cityOfEspoo,
  });
  const ciie2020 = await expo(2020, 'hybrid');
  const forum = await event({
    kind: 'forum',
    attendanceMode: 'online',
    startsAt: '2020-11-10T14:00:00+08:00',
    endsAt: '2020-11-10T16:30:00+08:00',
    title: {
      en: 'Shanghai twin-town forum',
      fi: 'Shanghain ystävyyskaupunkifoorumi',
      sv: 'Shanghais vänortsforum',
    },
    description: {
      en: 'The virtual closing event of CIIE 2020 for Shanghai’s close to 100 twin towns, in two themed panels.',
      fi: 'CIIE 2020 -messujen virtuaalinen päätöstapahtuma Shanghain lähes sadalle ystävyyskaupungille, kahdessa teemapaneelissa.',
      sv: 'CIIE 2020-mässans virtuella avslutningsevenemang för Shanghais nära 100 vänorter, i två tematiska paneler.',
    },
    parentId: ciie2020.id,
    themes: ['pandemic response', 'sustainable development'],
  });
  const mayorPost = { personId: cast.mayor.id, postId: cast.mayor.posts[0]!.id };
  await setProgramme(db, shanghaiActor, forum.id, {
    version: forum.version,
    sessions: [
      {
        kind: 'opening',
        startsAt: '2020-11-10T14:00:00+08:00',
        endsAt: '2020-11-10T14:15:00+08:00',
        title: { en: 'Opening', fi: 'Avaus', sv: 'Öppning' },
        theme: {},
        speakers: [{ ...mayorPost, role: 'opening_speaker' }],
        seats: [],
      },
      {
        kind: 'panel',
        startsAt: '2020-11-10T14:15:00+08:00',
        endsAt: '2020-11-10T15:10:00+08:00',
        title: { en: 'Panel 1', fi: 'Paneeli 1', sv: 'Panel 1' },
        theme: {
          en: 'Experiences of fighting the pandemic and reopening cities’ economies',
          fi: 'Kokemuksia pandemian torjunnasta ja kaupunkien talouden avaamisesta',
          sv: 'Erfarenheter av pandemibekämpning och återöppnande av ekonomin i städerna',
        },
        speakers: [],
        seats: [],
      },
      {
        kind: 'panel',
        startsAt: '2020-11-10T15:10:00+08:00',
        endsAt: '2020-11-10T16:05:00+08:00',
        title: { en: 'Panel 2', fi: 'Paneeli 2', sv: 'Panel 2' },
        theme: {
          en: 'City management and cooperation during the pandemic',
          fi: 'Kaupunkien johtaminen ja yhteistyö pandemian aikana',
          sv: 'Städernas ledning och samarbete under pandemin',
        },
        speakers: [
          { personId: cast.cityManager.id, postId: cast.cityManager.posts[0]!.id, role: 'panelist' },
        ],
        seats: [{ placeId: cast.espoo }],
      },
      {
        kind: 'closing',
        startsAt: '2020-11-10T16:05:00+08:00',
        endsAt: '2020-11-10T16:20:00+08:00',
        title: { en: 'Closing address', fi: 'Päätöspuheenvuoro', sv: 'Avslutningsanförande' },
        theme: {},
        speakers: [{ ...mayorPost, role: 'closing_speaker' }],
        seats: [],
      },
      {
        kind: 'group_photo',
        startsAt: '2020-11-10T16:20:00+08:00',
        endsAt: '2020-11-10T16:30:00+08:00',
        title: { en: 'Virtual group photo', fi: 'Virtuaalinen ryhmäkuva', sv: 'Virtuell gruppbild' },
        theme: {},
        speakers: [],
        seats: [],
      },
    ],
  });
  // Every partner of Shanghai in the registry, and the media group that filmed the forum.
  await invite(db, shanghaiActor, forum.id, {
    partnersOf: cast.shanghai,
    placeIds: [],
    organizationIds: [],
    role: 'guest',
    supportedById: null,
  });
  await invite(db, shanghaiActor, forum.id, {
    placeIds: [],
    organizationIds: [cast.smg],
    role: 'media_partner',
    supportedById: null,
  });
  const attended = new Set<number>([cast.espoo]);
  for (const [name, country] of FORUM_CITIES) {
    const id = await findPlace(db, name, country);
    if (id !== undefined) attended.add(id);
  }
  // Cities the registry does not know as Shanghai's partners are invited by name, as the host did.
  await invite(db, shanghaiActor, forum.id, {
    placeIds: [...attended],
    organizationIds: [],
    role: 'guest',
    supportedById: null,
  });
  const { items } = await listInvitations(db, shanghaiActor, forum.id);
  for (const invitation of items) {
    const came =
      (invitation.invitee.type === 'place' && attended.has(invitation.invitee.id)) ||
      (invitation.invitee.type === 'organization' && invitation.invitee.id === cast.smg);
    if (!came) continue;
    // Espoo answers for itself and names its city manager; the host records who came.
    let version = invitation.version;
    if (invitation.invitee.type === 'place' && invitation.invitee.id === cast.espoo) {
      version = (
        await updateInvitation(db, espooActor, forum.id, invitation.id, {
          version,
          status: 'accepted',
          delegateIds: [cast.cityManager.id],
        })
      ).version;
    }
    await updateInvitation(db, shanghaiActor, forum.id, invitation.id, { version, status: 'attended' });
  }
  if (cast.documentsDir) await addGroupPhoto(db, shanghaiActor, forum.id, cast.documentsDir);
  const [exhibitor] = (await listInvitations(db, shanghaiActor, ciie2019.id)).items;
  if (exhibitor)
    await updateInvitation(db, shanghaiActor, ciie2019.id, exhibitor.id, {
      version: exhibitor.version,
      status: 'attended',
    });
  return { forumId: forum.id, ciie2019Id: ciie2019.id, ciie2020Id: ciie2020.id };
}
