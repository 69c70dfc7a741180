import net, { type AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/query.ts';
import { encodePng } from '../src/lib/png.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { makeUser, sessionHeaders } from './helpers/auth.ts';
import { makeOrganization, makePlace } from './helpers/factories.ts';

/**
 * Who may write what, for every write endpoint and every role; that every allowed write leaves an audit event;
 * that anonymous answers never carry personal or internal data; and that malformed bodies change nothing.
 */

const ROLES = ['anonymous', 'viewer', 'editor', 'otherEditor', 'admin'] as const;
type Role = (typeof ROLES)[number];

let t: TestApp;
const headers = {} as Record<Role, Record<string, string>>;
const ids = {} as Record<
  'espoo' | 'shanghai' | 'tallinn' | 'cityOfEspoo' | 'cityOfShanghai' | 'company' | 'viewerUser',
  number
>;
const MARKER = 'INTERNAL-MARKER-7f3a';
const EMAIL = 'private.person@example.org';

const call = (
  method: string,
  url: string,
  as: Record<string, string>,
  payload?: unknown,
  extra: Record<string, string> = {},
) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...as, ...extra },
    payload: payload as object | undefined,
  });

/** Makes something as an administrator and answers its JSON. */
async function asAdmin(method: string, url: string, payload?: unknown) {
  const response = await call(method, url, headers.admin, payload);
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.statusCode === 204 ? {} : response.json();
}

const newTie = () =>
  asAdmin('POST', '/api/partnerships', {
    kind: 'project',
    parties: [{ placeId: ids.espoo }, { placeId: ids.tallinn }],
    notes: MARKER,
  });
const newOrganization = () =>
  asAdmin('POST', '/api/organizations', {
    kind: 'national_agency',
    name: 'Team Finland Shanghai',
    keeperId: ids.cityOfEspoo,
  });
const newPerson = () =>
  asAdmin('POST', '/api/people', {
    name: 'A Coordinator',
    keeperId: ids.cityOfEspoo,
    visibility: 'published',
    notes: MARKER,
    posts: [{ organizationId: ids.cityOfEspoo, role: 'international_affairs_coordinator' }],
    contactPoints: [{ kind: 'email', value: EMAIL }],
  });
const newActivity = () =>
  asAdmin('POST', '/api/activities', {
    kind: 'meeting',
    occurredOn: '2020-11-10',
    title: 'Forum preparation',
    organizationId: ids.cityOfEspoo,
  });
const outcomeBody = () => ({
  kind: 'export',
  achievedOn: '2019-11-10',
  title: { en: 'Export order' },
  value: { amount: '1000', currency: 'EUR' },
  organizationId: ids.cityOfEspoo,
  organizationIds: [ids.company],
});
const newOutcome = () => asAdmin('POST', '/api/outcomes', outcomeBody());
const supportRequestBody = () => ({
  organizationId: ids.cityOfEspoo,
  companyId: ids.company,
  need: 'partner_search',
  targetPlaceId: ids.shanghai,
  receivedOn: '2024-03-01',
});
const newSupportRequest = () => asAdmin('POST', '/api/support-requests', supportRequestBody());
const ONLINE_URL = 'https://meet.example.org/forum-7f3a';
const eventBody = () => ({
  kind: 'forum',
  attendanceMode: 'online',
  startsAt: '2020-11-10T14:00:00+08:00',
  endsAt: '2020-11-10T17:00:00+08:00',
  timeZone: 'Asia/Shanghai',
  title: { en: 'Twin-town forum' },
  hostIds: [ids.cityOfEspoo],
  onlineUrl: ONLINE_URL,
});
const newEvent = () => asAdmin('POST', '/api/events', eventBody());
/** Shanghai invited to a new event of Espoo's: the invitation's address and version. */
async function newInvitation() {
  const event = await newEvent();
  await asAdmin('POST', `/api/events/${event.id}/invitations`, { placeIds: [ids.shanghai] });
  const [invitation] = (await asAdmin('GET', `/api/events/${event.id}/invitations`)).items;
  return {
    url: `/api/events/${event.id}/invitations/${invitation.id}`,
    version: invitation.version as number,
  };
}
const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
const boundary = '----matrix';
const multipart = Buffer.concat([
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  ),
  pdf,
  Buffer.from(`\r\n--${boundary}--\r\n`),
]);

/** A photo with its alt text in the language of the event's title, as a form: texts first, then the file. */
const photoMultipart = Buffer.concat([
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="alt.en"\r\n\r\nForum participants on screen\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
  ),
  encodePng(4, 3, (x, y) => [x * 60, y * 80, 120]),
  Buffer.from(`\r\n--${boundary}--\r\n`),
]);
/** An image for an article's body, as a form: the file only. */
const pngMultipart = Buffer.concat([
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
  ),
  encodePng(4, 3, (x, y) => [x * 60, y * 80, 120]),
  Buffer.from(`\r\n--${boundary}--\r\n`),
]);
let importCount = 0;
/** A city's sheet naming a partner the registry lacks, so that each commit of it creates a place and a tie. */
const sheetMultipart = () =>
  Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ties.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(`Partner city;Partner country\r\nImportville ${++importCount};EE\r\n`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
const newImport = async () => {
  const response = await call(
    'POST',
    `/api/imports?organizationId=${ids.cityOfEspoo}`,
    headers.admin,
    sheetMultipart(),
    { 'content-type': `multipart/form-data; boundary=${boundary}` },
  );
  if (response.statusCode !== 201) throw new Error(`upload: ${response.statusCode} ${response.body}`);
  return response.json() as { id: number; mapping: unknown };
};
let refreshCount = 0;
/** A Wikidata extract of two new cities and their link, as the form's two files "nodes" and "links". */
function refreshMultipart(): Buffer {
  refreshCount += 1;
  const [a, b] = [`Q${990_000 + 2 * refreshCount}`, `Q${990_001 + 2 * refreshCount}`];
  const file = (name: string, content: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.tsv"\r\n` +
    `Content-Type: text/tab-separated-values\r\n\r\n${content}\r\n`;
  return Buffer.from(
    file(
      'nodes',
      'id\tname\tlng\tlat\tcountry\tcountrycd\tcontinent\n' +
        `${a}\tNorthtown ${a}\t24.9\t60.2\tFinland\tFI\tEurope\n${b}\tSouthtown ${b}\t18.1\t59.3\tSweden\tSE\tEurope\n`,
    ) +
      file('links', `source\ttarget\n${a}\t${b}\n`) +
      `--${boundary}--\r\n`,
  );
}
/** A Wikidata refresh diff of a new extract, made by an administrator: its id. */
async function newRefreshDiff(): Promise<string> {
  const response = await call('POST', '/api/admin/wikidata-refresh', headers.admin, refreshMultipart(), {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  if (response.statusCode !== 201) throw new Error(`refresh diff: ${response.statusCode} ${response.body}`);
  return response.json().id;
}
/** A photo on a new event of Espoo's: its address and version. */
async function newPhoto() {
  const event = await newEvent();
  const photo = (
    await call('POST', `/api/events/${event.id}/media`, headers.admin, photoMultipart, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    })
  ).json();
  return { url: `/api/events/${event.id}/media/${photo.id}`, version: photo.version as number };
}

type Allowed = readonly Role[];
const EDITORS: Allowed = ['editor', 'admin'];
const ADMINS: Allowed = ['admin'];
const SIGNED_IN: Allowed = ['viewer', 'editor', 'otherEditor', 'admin'];

interface WriteCase {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The OpenAPI path, to check that every write endpoint is covered. */
  path: string;
  allowed: Allowed;
  /** Prepares a fresh target and answers the request to make. */
  prepare: () => Promise<{ url: string; body?: unknown; contentType?: string }>;
  /** False for a write that keeps a file for review and changes no record, so has nothing to audit. */
  audited?: false;
}

let seriesCount = 0;
let nameCount = 0;
const seriesBody = () => ({
  organizationId: ids.cityOfEspoo,
  slug: `international-espoo-${++seriesCount}`,
  title: { en: 'International Espoo' },
});
const newSeries = () => asAdmin('POST', '/api/series', seriesBody());
let articleCount = 0;
const articleBody = async () => ({
  seriesId: (await newSeries()).id,
  language: 'en',
  slug: `twin-town-forum-${++articleCount}`,
  title: 'Twin-town forum',
  body: '<p>Espoo took part.</p>',
});
const newArticle = async () => asAdmin('POST', '/api/articles', await articleBody());
/** The PATCH, DELETE and restore of a kept record at `path`, each on a fresh record made by `make`. */
function recordWrites(
  path: string,
  make: () => Promise<{ id: number; version: number }>,
  change: Record<string, unknown>,
): WriteCase[] {
  return [
    {
      method: 'PATCH',
      path: `${path}/{id}`,
      allowed: EDITORS,
      prepare: async () => {
        const record = await make();
        return { url: `${path}/${record.id}`, body: { version: record.version, ...change } };
      },
    },
    {
      method: 'DELETE',
      path: `${path}/{id}`,
      allowed: EDITORS,
      prepare: async () => {
        const record = await make();
        return { url: `${path}/${record.id}?version=${record.version}` };
      },
    },
    {
      method: 'POST',
      path: `${path}/{id}/restore`,
      allowed: EDITORS,
      prepare: async () => {
        const record = await make();
        const gone = await asAdmin('DELETE', `${path}/${record.id}?version=${record.version}`);
        return { url: `${path}/${record.id}/restore`, body: { version: gone.version } };
      },
    },
  ];
}

const WRITES: WriteCase[] = [
  // Partnerships: editors of a party (City of Espoo speaks for Espoo) and administrators.
  {
    method: 'POST',
    path: '/api/partnerships',
    allowed: EDITORS,
    prepare: async () => ({
      url: '/api/partnerships',
      body: { kind: 'mou', parties: [{ placeId: ids.espoo }, { placeId: ids.tallinn }] },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/partnerships/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const tie = await newTie();
      return { url: `/api/partnerships/${tie.id}`, body: { version: tie.version, status: 'dormant' } };
    },
  },
  {
    method: 'POST',
    path: '/api/partnerships/{id}/end',
    allowed: EDITORS,
    prepare: async () => {
      const tie = await newTie();
      return {
        url: `/api/partnerships/${tie.id}/end`,
        body: { version: tie.version, endedOn: '2025-01-01' },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/partnerships/{id}/confirm',
    allowed: EDITORS,
    prepare: async () => {
      const tie = await newTie();
      return {
        url: `/api/partnerships/${tie.id}/confirm`,
        body: { version: tie.version, party: { placeId: ids.espoo } },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/partnerships/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const tie = await newTie();
      return { url: `/api/partnerships/${tie.id}?version=${tie.version}` };
    },
  },
  {
    method: 'POST',
    path: '/api/partnerships/{id}/restore',
    allowed: EDITORS,
    prepare: async () => {
      const tie = await newTie();
      const gone = await asAdmin('DELETE', `/api/partnerships/${tie.id}?version=${tie.version}`);
      return { url: `/api/partnerships/${tie.id}/restore`, body: { version: gone.version } };
    },
  },
  {
    method: 'POST',
    path: '/api/partnerships/{id}/documents',
    allowed: EDITORS,
    prepare: async () => {
      const tie = await newTie();
      return {
        url: `/api/partnerships/${tie.id}/documents`,
        body: multipart,
        contentType: `multipart/form-data; boundary=${boundary}`,
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/partnerships/{id}/documents/{documentId}',
    allowed: EDITORS,
    prepare: async () => {
      const tie = await newTie();
      const document = (
        await call('POST', `/api/partnerships/${tie.id}/documents`, headers.admin, multipart, {
          'content-type': `multipart/form-data; boundary=${boundary}`,
        })
      ).json();
      return { url: `/api/partnerships/${tie.id}/documents/${document.id}` };
    },
  },
  // Organisations: editors of the organisation or of its keeper.
  {
    method: 'POST',
    path: '/api/organizations',
    allowed: EDITORS,
    prepare: async () => ({
      url: '/api/organizations',
      body: { kind: 'company', name: 'Air0', keeperId: ids.cityOfEspoo },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/organizations/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const org = await newOrganization();
      return {
        url: `/api/organizations/${org.id}`,
        body: { version: org.version, website: 'https://example.org' },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/organizations/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const org = await newOrganization();
      return { url: `/api/organizations/${org.id}?version=${org.version}` };
    },
  },
  {
    method: 'POST',
    path: '/api/organizations/{id}/restore',
    allowed: EDITORS,
    prepare: async () => {
      const org = await newOrganization();
      const gone = await asAdmin('DELETE', `/api/organizations/${org.id}?version=${org.version}`);
      return { url: `/api/organizations/${org.id}/restore`, body: { version: gone.version } };
    },
  },
  // A place's names: editors of its government (City of Espoo for Espoo) and administrators.
  {
    method: 'POST',
    path: '/api/places/{id}/names',
    allowed: EDITORS,
    prepare: async () => ({
      url: `/api/places/${ids.espoo}/names`,
      body: { name: `Esbo ${++nameCount}`, lang: 'sv', kind: 'alias' },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/places/{id}/names/{nameId}',
    allowed: EDITORS,
    prepare: async () => {
      const name = await asAdmin('POST', `/api/places/${ids.espoo}/names`, {
        name: `Espoon kaupunki ${++nameCount}`,
        lang: 'fi',
      });
      return { url: `/api/places/${ids.espoo}/names/${name.id}` };
    },
  },
  // Who speaks for a place is not something a tenant can change about itself: administrators only.
  {
    method: 'PATCH',
    path: '/api/organizations/{id}',
    allowed: ADMINS,
    prepare: async () => {
      const place = await makePlace(t.database.db, { name: 'Kauniainen' });
      const government = await asAdmin('POST', '/api/organizations', {
        kind: 'city_government',
        name: 'City of Kauniainen',
        placeId: place.id,
        keeperId: ids.cityOfEspoo,
      });
      return {
        url: `/api/organizations/${government.id}`,
        body: { version: government.version, placeId: ids.tallinn },
      };
    },
  },
  {
    method: 'PATCH',
    path: '/api/organizations/{id}',
    allowed: ADMINS,
    prepare: async () => {
      const company = await asAdmin('POST', '/api/organizations', {
        kind: 'company',
        name: 'Air0',
        placeId: ids.shanghai,
        keeperId: ids.cityOfEspoo,
      });
      return {
        url: `/api/organizations/${company.id}`,
        body: { version: company.version, kind: 'city_government' },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/organizations',
    allowed: ADMINS,
    prepare: async () => ({
      url: '/api/organizations',
      body: { kind: 'city_government', name: 'Espoo City', placeId: ids.espoo, keeperId: ids.cityOfEspoo },
    }),
  },
  {
    method: 'POST',
    path: '/api/organizations/{id}/restore',
    allowed: ADMINS,
    prepare: async () => {
      const second = await asAdmin('POST', '/api/organizations', {
        kind: 'regional_government',
        name: 'Second government of Espoo',
        placeId: ids.espoo,
        keeperId: ids.cityOfEspoo,
      });
      const gone = await asAdmin('DELETE', `/api/organizations/${second.id}?version=${second.version}`);
      return { url: `/api/organizations/${second.id}/restore`, body: { version: gone.version } };
    },
  },
  // People: editors of the keeper.
  {
    method: 'POST',
    path: '/api/people',
    allowed: EDITORS,
    prepare: async () => ({ url: '/api/people', body: { name: 'New Person', keeperId: ids.cityOfEspoo } }),
  },
  {
    method: 'PATCH',
    path: '/api/people/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const person = await newPerson();
      return { url: `/api/people/${person.id}`, body: { version: person.version, name: 'Renamed' } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/people/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const person = await newPerson();
      return { url: `/api/people/${person.id}?version=${person.version}` };
    },
  },
  {
    method: 'POST',
    path: '/api/people/{id}/restore',
    allowed: EDITORS,
    prepare: async () => {
      const person = await newPerson();
      const gone = await asAdmin('DELETE', `/api/people/${person.id}?version=${person.version}`);
      return { url: `/api/people/${person.id}/restore`, body: { version: gone.version } };
    },
  },
  {
    method: 'POST',
    path: '/api/people/{id}/erase',
    allowed: EDITORS,
    prepare: async () => {
      const person = await newPerson();
      return { url: `/api/people/${person.id}/erase`, body: { version: person.version } };
    },
  },
  // Activities: editors of the organisation whose log it is.
  {
    method: 'POST',
    path: '/api/activities',
    allowed: EDITORS,
    prepare: async () => ({
      url: '/api/activities',
      body: { kind: 'call', occurredOn: '2021-01-05', title: 'Call', organizationId: ids.cityOfEspoo },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/activities/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const activity = await newActivity();
      return {
        url: `/api/activities/${activity.id}`,
        body: { version: activity.version, followUp: 'Send the slides' },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/activities/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const activity = await newActivity();
      return { url: `/api/activities/${activity.id}?version=${activity.version}` };
    },
  },
  {
    method: 'POST',
    path: '/api/activities/{id}/restore',
    allowed: EDITORS,
    prepare: async () => {
      const activity = await newActivity();
      const gone = await asAdmin('DELETE', `/api/activities/${activity.id}?version=${activity.version}`);
      return { url: `/api/activities/${activity.id}/restore`, body: { version: gone.version } };
    },
  },
  // Article series and articles: editors of the series' organisation.
  {
    method: 'POST',
    path: '/api/series',
    allowed: EDITORS,
    prepare: async () => ({ url: '/api/series', body: seriesBody() }),
  },
  ...recordWrites('/api/series', newSeries, { description: { en: 'What Espoo does abroad' } }),
  {
    method: 'POST',
    path: '/api/articles',
    allowed: EDITORS,
    prepare: async () => ({ url: '/api/articles', body: await articleBody() }),
  },
  ...recordWrites('/api/articles', newArticle, { title: 'Twin-town forum, revised' }),
  {
    method: 'POST',
    path: '/api/articles/{id}/status',
    allowed: EDITORS,
    prepare: async () => {
      const article = await newArticle();
      return {
        url: `/api/articles/${article.id}/status`,
        body: { version: article.version, status: 'published' },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/articles/{id}/images',
    allowed: EDITORS,
    prepare: async () => ({
      url: `/api/articles/${(await newArticle()).id}/images`,
      body: pngMultipart,
      contentType: `multipart/form-data; boundary=${boundary}`,
    }),
  },
  // Spreadsheet imports: editors of the organisation imported for; the upload and the dry run change no record.
  {
    method: 'POST',
    path: '/api/imports',
    allowed: EDITORS,
    audited: false,
    prepare: async () => ({
      url: `/api/imports?organizationId=${ids.cityOfEspoo}`,
      body: sheetMultipart(),
      contentType: `multipart/form-data; boundary=${boundary}`,
    }),
  },
  {
    method: 'POST',
    path: '/api/imports/{id}/dry-run',
    allowed: EDITORS,
    audited: false,
    prepare: async () => {
      const upload = await newImport();
      return { url: `/api/imports/${upload.id}/dry-run`, body: { mapping: upload.mapping } };
    },
  },
  {
    method: 'POST',
    path: '/api/imports/{id}/commit',
    allowed: EDITORS,
    prepare: async () => {
      const upload = await newImport();
      return { url: `/api/imports/${upload.id}/commit`, body: { mapping: upload.mapping } };
    },
  },
  // Outcomes and support requests: editors of the organisation that records or keeps them.
  {
    method: 'POST',
    path: '/api/outcomes',
    allowed: EDITORS,
    prepare: async () => ({ url: '/api/outcomes', body: outcomeBody() }),
  },
  {
    method: 'PATCH',
    path: '/api/outcomes/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const record = await newOutcome();
      return { url: `/api/outcomes/${record.id}`, body: { version: record.version, kind: 'deal' } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/outcomes/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const record = await newOutcome();
      return { url: `/api/outcomes/${record.id}?version=${record.version}` };
    },
  },
  {
    method: 'POST',
    path: '/api/outcomes/{id}/restore',
    allowed: EDITORS,
    prepare: async () => {
      const record = await newOutcome();
      const gone = await asAdmin('DELETE', `/api/outcomes/${record.id}?version=${record.version}`);
      return { url: `/api/outcomes/${record.id}/restore`, body: { version: gone.version } };
    },
  },
  {
    method: 'POST',
    path: '/api/support-requests',
    allowed: EDITORS,
    prepare: async () => ({ url: '/api/support-requests', body: supportRequestBody() }),
  },
  {
    method: 'PATCH',
    path: '/api/support-requests/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const record = await newSupportRequest();
      return {
        url: `/api/support-requests/${record.id}`,
        body: { version: record.version, status: 'in_progress' },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/support-requests/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const record = await newSupportRequest();
      return { url: `/api/support-requests/${record.id}?version=${record.version}` };
    },
  },
  {
    method: 'POST',
    path: '/api/support-requests/{id}/restore',
    allowed: EDITORS,
    prepare: async () => {
      const record = await newSupportRequest();
      const gone = await asAdmin('DELETE', `/api/support-requests/${record.id}?version=${record.version}`);
      return { url: `/api/support-requests/${record.id}/restore`, body: { version: gone.version } };
    },
  },
  // Events: editors of a host and administrators.
  {
    method: 'POST',
    path: '/api/events',
    allowed: EDITORS,
    prepare: async () => ({ url: '/api/events', body: eventBody() }),
  },
  {
    method: 'PATCH',
    path: '/api/events/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const event = await newEvent();
      return { url: `/api/events/${event.id}`, body: { version: event.version, status: 'held' } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/events/{id}',
    allowed: EDITORS,
    prepare: async () => {
      const event = await newEvent();
      return { url: `/api/events/${event.id}?version=${event.version}` };
    },
  },
  {
    method: 'POST',
    path: '/api/events/{id}/restore',
    allowed: EDITORS,
    prepare: async () => {
      const event = await newEvent();
      const gone = await asAdmin('DELETE', `/api/events/${event.id}?version=${event.version}`);
      return { url: `/api/events/${event.id}/restore`, body: { version: gone.version } };
    },
  },
  {
    method: 'PUT',
    path: '/api/events/{id}/programme',
    allowed: EDITORS,
    prepare: async () => {
      const event = await newEvent();
      const sessions = [{ kind: 'opening', title: { en: 'Opening' }, seats: [{ placeId: ids.shanghai }] }];
      return { url: `/api/events/${event.id}/programme`, body: { version: event.version, sessions } };
    },
  },
  // Invitations: the hosts' editors invite and record attendance; the invitee's editors (here Shanghai's
  // government, for the invited place Shanghai) answer.
  {
    method: 'POST',
    path: '/api/events/{id}/invitations',
    allowed: EDITORS,
    prepare: async () => {
      const event = await newEvent();
      return { url: `/api/events/${event.id}/invitations`, body: { placeIds: [ids.shanghai, ids.tallinn] } };
    },
  },
  {
    method: 'PATCH',
    path: '/api/events/{id}/invitations/{invitationId}',
    allowed: ['editor', 'otherEditor', 'admin'],
    prepare: async () => {
      const { url, version } = await newInvitation();
      return { url, body: { version, status: 'accepted' } };
    },
  },
  {
    method: 'PATCH',
    path: '/api/events/{id}/invitations/{invitationId}',
    allowed: EDITORS,
    prepare: async () => {
      const { url, version } = await newInvitation();
      return { url, body: { version, status: 'attended' } };
    },
  },
  // An event's photos and documents: the hosts' editors.
  {
    method: 'POST',
    path: '/api/events/{id}/media',
    allowed: EDITORS,
    prepare: async () => {
      const event = await newEvent();
      return {
        url: `/api/events/${event.id}/media`,
        body: photoMultipart,
        contentType: `multipart/form-data; boundary=${boundary}`,
      };
    },
  },
  {
    method: 'PATCH',
    path: '/api/events/{id}/media/{mediaId}',
    allowed: EDITORS,
    prepare: async () => {
      const { url, version } = await newPhoto();
      return { url, body: { version, credit: 'Shanghai Media Group' } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/events/{id}/media/{mediaId}',
    allowed: EDITORS,
    prepare: async () => ({ url: (await newPhoto()).url }),
  },
  // An organisation's private calendar feed: its editors.
  {
    method: 'POST',
    path: '/api/organizations/{id}/calendar-feed',
    allowed: EDITORS,
    prepare: async () => ({ url: `/api/organizations/${ids.cityOfEspoo}/calendar-feed` }),
  },
  {
    method: 'DELETE',
    path: '/api/organizations/{id}/calendar-feed',
    allowed: EDITORS,
    prepare: async () => {
      await asAdmin('POST', `/api/organizations/${ids.cityOfEspoo}/calendar-feed`);
      return { url: `/api/organizations/${ids.cityOfEspoo}/calendar-feed` };
    },
  },
  // Users and roles: administrators only.
  {
    method: 'POST',
    path: '/api/users',
    allowed: ADMINS,
    prepare: async () => ({
      url: '/api/users',
      body: { email: `new${Math.random().toString(36).slice(2)}@example.org`, name: 'New' },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/users/{id}',
    allowed: ADMINS,
    prepare: async () => {
      const user = await makeUser(t.database.db);
      return { url: `/api/users/${user.id}`, body: { version: user.version, name: 'Renamed' } };
    },
  },
  {
    method: 'POST',
    path: '/api/users/{id}/password-link',
    allowed: ADMINS,
    prepare: async () => {
      const user = await makeUser(t.database.db);
      return { url: `/api/users/${user.id}/password-link` };
    },
  },
  {
    method: 'PUT',
    path: '/api/users/{id}/memberships/{organizationId}',
    allowed: ADMINS,
    prepare: async () => {
      const user = await makeUser(t.database.db);
      return { url: `/api/users/${user.id}/memberships/${ids.cityOfEspoo}`, body: { role: 'viewer' } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/users/{id}/memberships/{organizationId}',
    allowed: ADMINS,
    prepare: async () => {
      const user = await makeUser(t.database.db, {
        memberships: [{ organizationId: ids.cityOfEspoo, role: 'viewer' }],
      });
      return { url: `/api/users/${user.id}/memberships/${ids.cityOfEspoo}` };
    },
  },
  // Merging duplicates and undoing merges: administrators only.
  {
    method: 'POST',
    path: '/api/places/{id}/merge',
    allowed: ADMINS,
    prepare: async () => {
      const duplicate = await makePlace(t.database.db, { name: 'Espoo duplicate' });
      return { url: `/api/places/${duplicate.id}/merge`, body: { intoId: ids.espoo } };
    },
  },
  {
    method: 'POST',
    path: '/api/organizations/{id}/merge',
    allowed: ADMINS,
    prepare: async () => {
      const [a, b] = [await newOrganization(), await newOrganization()];
      return { url: `/api/organizations/${a.id}/merge`, body: { intoId: b.id } };
    },
  },
  {
    method: 'POST',
    path: '/api/merges/{id}/undo',
    allowed: ADMINS,
    prepare: async () => {
      const [a, b] = [await newOrganization(), await newOrganization()];
      const merge = await asAdmin('POST', `/api/organizations/${a.id}/merge`, { intoId: b.id });
      return { url: `/api/merges/${merge.id}/undo` };
    },
  },
  // The review queue of duplicate places: administrators only.
  ...((): WriteCase[] => {
    let pairs = 0;
    /** Two places near each other whose names say they may be one, waiting for review: the pair's id. */
    const pendingPair = async () => {
      pairs += 1;
      const db = t.database.db;
      const low = await makePlace(db, { name: `Matrixburg ${pairs}`, country: 'PH', lat: pairs, lng: 120 });
      const high = await makePlace(db, {
        name: `Matrixburg ${pairs} City`,
        country: 'PH',
        lat: pairs,
        lng: 120.1,
      });
      const [row] = await queryRows<{ id: number }>(
        db,
        sql`insert into place_duplicates (low_id, high_id, suggested_into_id, confidence, reasons, distance_km)
            values (${low.id}, ${high.id}, ${low.id}, 'possible', '["city_word"]'::jsonb, 11.1) returning id`,
      );
      return { id: row!.id, intoId: low.id };
    };
    return [
      {
        method: 'POST',
        path: '/api/admin/place-duplicates/scan',
        allowed: ADMINS,
        prepare: async () => {
          // A certain pair for the scan to merge, so that it has something to record.
          pairs += 1;
          const db = t.database.db;
          await makePlace(db, { name: `Scanstadt ${pairs}`, country: 'DE', lat: 40 + pairs / 10, lng: 5 });
          await makePlace(db, {
            name: `Scanstadt ${pairs} (Ems)`,
            country: 'DE',
            lat: 40 + pairs / 10,
            lng: 5,
          });
          return { url: '/api/admin/place-duplicates/scan' };
        },
      },
      {
        method: 'POST',
        path: '/api/admin/place-duplicates/{id}/merge',
        allowed: ADMINS,
        prepare: async () => {
          const pair = await pendingPair();
          return { url: `/api/admin/place-duplicates/${pair.id}/merge`, body: { intoId: pair.intoId } };
        },
      },
      {
        method: 'POST',
        path: '/api/admin/place-duplicates/{id}/distinct',
        allowed: ADMINS,
        prepare: async () => ({ url: `/api/admin/place-duplicates/${(await pendingPair()).id}/distinct` }),
      },
    ];
  })(),
  // The Wikidata refresh: administrators only. A diff is a file kept for review: no record changes.
  {
    method: 'POST',
    path: '/api/admin/wikidata-refresh',
    allowed: ADMINS,
    audited: false,
    prepare: async () => ({
      url: '/api/admin/wikidata-refresh',
      body: refreshMultipart(),
      contentType: `multipart/form-data; boundary=${boundary}`,
    }),
  },
  {
    method: 'POST',
    path: '/api/admin/wikidata-refresh/{id}/apply',
    allowed: ADMINS,
    prepare: async () => ({ url: `/api/admin/wikidata-refresh/${await newRefreshDiff()}/apply` }),
  },
  // A user's own tokens: anyone signed in.
  {
    method: 'POST',
    path: '/api/auth/tokens',
    allowed: SIGNED_IN,
    prepare: async () => ({ url: '/api/auth/tokens', body: { name: 'script' } }),
  },
  // A group's discussion: members of its organisations (viewers too) post for their own organisation; only the
  // author changes a post; the author, a coordinator's editors (here Shanghai's) and administrators delete and
  // restore it.
  ...((): WriteCase[] => {
    let group: Promise<number> | undefined;
    /** A working group with Espoo as its member and the City of Shanghai as its coordinator, made once. */
    const discussion = () => {
      group ??= (async () => {
        const db = t.database.db;
        const [network] = await queryRows<{ id: number }>(
          db,
          sql`insert into networks (kind, name) values ('network', '{"en": "Matrix network"}'::jsonb) returning id`,
        );
        const [working] = await queryRows<{ id: number }>(
          db,
          sql`insert into networks (kind, parent_id, name)
              values ('working_group', ${network!.id}, '{"en": "Matrix group"}'::jsonb) returning id`,
        );
        await queryRows(
          db,
          sql`insert into network_members (network_id, place_id) values (${working!.id}, ${ids.espoo})`,
        );
        await queryRows(
          db,
          sql`insert into network_coordinators (network_id, organization_id) values (${working!.id}, ${ids.cityOfShanghai})`,
        );
        return working!.id;
      })();
      return group;
    };
    /** A post of Espoo's editor: its address and version. */
    const newPost = async () => {
      const id = await discussion();
      const response = await call('POST', `/api/networks/${id}/posts`, headers.editor, {
        body: 'A post',
        organizationId: ids.cityOfEspoo,
      });
      if (response.statusCode !== 201) throw new Error(response.body);
      const post = response.json();
      return { url: `/api/networks/${id}/posts/${post.id}`, version: post.version as number };
    };
    const MODERATORS: Allowed = ['editor', 'otherEditor', 'admin'];
    return [
      {
        method: 'POST',
        path: '/api/networks/{id}/posts',
        allowed: ['viewer', 'editor'],
        prepare: async () => ({
          url: `/api/networks/${await discussion()}/posts`,
          body: { body: 'Hello, group', organizationId: ids.cityOfEspoo },
        }),
      },
      {
        method: 'PATCH',
        path: '/api/networks/{id}/posts/{postId}',
        allowed: ['editor'],
        prepare: async () => {
          const post = await newPost();
          return { url: post.url, body: { version: post.version, body: 'Better words' } };
        },
      },
      {
        method: 'DELETE',
        path: '/api/networks/{id}/posts/{postId}',
        allowed: MODERATORS,
        prepare: async () => {
          const post = await newPost();
          return { url: `${post.url}?version=${post.version}` };
        },
      },
      {
        method: 'POST',
        path: '/api/networks/{id}/posts/{postId}/restore',
        allowed: MODERATORS,
        prepare: async () => {
          const post = await newPost();
          const gone = await asAdmin('DELETE', `${post.url}?version=${post.version}`);
          return { url: `${post.url}/restore`, body: { version: gone.version } };
        },
      },
    ];
  })(),
  // Networks: administrators create networks and name secretariats; the secretariat's editors (here the City of
  // Espoo's) edit the texts, create and delete working groups, keep the members and appoint coordinators. In a
  // network the City of Shanghai runs, Espoo as a member adds no one, and Espoo as an appointed coordinator keeps
  // the members but appoints no one.
  ...((): WriteCase[] => {
    /** A network whose secretariat is given, with Espoo a member of it: its id and version. */
    const newNetwork = async (secretariatId = ids.cityOfEspoo) => {
      const network = await asAdmin('POST', '/api/networks', {
        kind: 'network',
        name: { en: 'Matrix cities' },
        secretariatId,
      });
      const withMember = await asAdmin('POST', `/api/networks/${network.id}/members`, { placeId: ids.espoo });
      return { id: network.id as number, version: withMember.version as number };
    };
    /** A working group of a new network, with Espoo a member of both: its id and version. */
    const newGroup = async (secretariatId = ids.cityOfEspoo) => {
      const network = await newNetwork(secretariatId);
      const group = await asAdmin('POST', '/api/networks', {
        kind: 'working_group',
        parentId: network.id,
        name: { en: 'Matrix working group' },
      });
      const withMember = await asAdmin('POST', `/api/networks/${group.id}/members`, { placeId: ids.espoo });
      return { id: group.id as number, version: withMember.version as number };
    };
    /** A membership of Espoo in a new network of Espoo's: its address. */
    const newMember = async () => {
      const network = await newNetwork();
      const { members } = await asAdmin('GET', `/api/networks/${network.id}`);
      return `/api/networks/${network.id}/members/${members[0].id}`;
    };
    const SHANGHAI: Allowed = ['otherEditor', 'admin'];
    return [
      {
        method: 'POST',
        path: '/api/networks',
        allowed: ADMINS,
        prepare: async () => ({
          url: '/api/networks',
          body: { kind: 'network', name: { en: 'Eurocities' } },
        }),
      },
      {
        method: 'POST',
        path: '/api/networks',
        allowed: EDITORS,
        prepare: async () => ({
          url: '/api/networks',
          body: {
            kind: 'working_group',
            parentId: (await newNetwork()).id,
            name: { en: 'China working group' },
            countryCode: 'CN',
          },
        }),
      },
      {
        method: 'PATCH',
        path: '/api/networks/{id}',
        allowed: EDITORS,
        prepare: async () => {
          const group = await newGroup();
          return {
            url: `/api/networks/${group.id}`,
            body: { version: group.version, description: { en: 'Maps cooperation with China' } },
          };
        },
      },
      {
        method: 'PATCH',
        path: '/api/networks/{id}',
        allowed: ADMINS,
        prepare: async () => {
          const network = await newNetwork();
          return {
            url: `/api/networks/${network.id}`,
            body: { version: network.version, secretariatId: ids.cityOfShanghai },
          };
        },
      },
      {
        method: 'DELETE',
        path: '/api/networks/{id}',
        allowed: ADMINS,
        prepare: async () => {
          const network = await newNetwork();
          return { url: `/api/networks/${network.id}?version=${network.version}` };
        },
      },
      {
        method: 'DELETE',
        path: '/api/networks/{id}',
        allowed: EDITORS,
        prepare: async () => {
          const group = await newGroup();
          return { url: `/api/networks/${group.id}?version=${group.version}` };
        },
      },
      {
        method: 'POST',
        path: '/api/networks/{id}/restore',
        allowed: ADMINS,
        prepare: async () => {
          const network = await newNetwork();
          const gone = await asAdmin('DELETE', `/api/networks/${network.id}?version=${network.version}`);
          return { url: `/api/networks/${network.id}/restore`, body: { version: gone.version } };
        },
      },
      {
        method: 'POST',
        path: '/api/networks/{id}/restore',
        allowed: EDITORS,
        prepare: async () => {
          const group = await newGroup();
          const gone = await asAdmin('DELETE', `/api/networks/${group.id}?version=${group.version}`);
          return { url: `/api/networks/${group.id}/restore`, body: { version: gone.version } };
        },
      },
      {
        method: 'POST',
        path: '/api/networks/{id}/members',
        allowed: EDITORS,
        prepare: async () => ({
          url: `/api/networks/${(await newNetwork()).id}/members`,
          body: { placeId: ids.tallinn, joinedOn: '2020-01-01' },
        }),
      },
      {
        method: 'POST',
        path: '/api/networks/{id}/members',
        allowed: SHANGHAI,
        prepare: async () => ({
          url: `/api/networks/${(await newNetwork(ids.cityOfShanghai)).id}/members`,
          body: { placeId: ids.tallinn },
        }),
      },
      {
        method: 'PATCH',
        path: '/api/networks/{id}/members/{memberId}',
        allowed: EDITORS,
        prepare: async () => ({ url: await newMember(), body: { joinedOn: '2004-01-01' } }),
      },
      {
        method: 'DELETE',
        path: '/api/networks/{id}/members/{memberId}',
        allowed: EDITORS,
        prepare: async () => ({ url: await newMember() }),
      },
      {
        method: 'PUT',
        path: '/api/networks/{id}/coordinators',
        allowed: EDITORS,
        prepare: async () => ({
          url: `/api/networks/${(await newGroup()).id}/coordinators`,
          body: { organizationIds: [ids.cityOfShanghai] },
        }),
      },
      {
        method: 'PUT',
        path: '/api/networks/{id}/coordinators',
        allowed: SHANGHAI,
        prepare: async () => {
          const group = await newGroup(ids.cityOfShanghai);
          await asAdmin('PUT', `/api/networks/${group.id}/coordinators`, {
            organizationIds: [ids.cityOfEspoo],
          });
          return {
            url: `/api/networks/${group.id}/coordinators`,
            body: { organizationIds: [ids.cityOfEspoo, ids.cityOfShanghai] },
          };
        },
      },
    ];
  })(),
  // Campaigns: the target's coordinators' editors (here the City of Shanghai's) create, change, open, close,
  // share, remind and reopen; the member's editors (Espoo's, for the member place Espoo) answer, submit and apply
  // the answers to their own ties, which a coordinator never does.
  ...((): WriteCase[] => {
    const text = (value: string) => ({ fi: value, sv: value, en: value });
    let group: Promise<number> | undefined;
    /** A working group about China with Espoo as its member and the City of Shanghai coordinating it, made once. */
    const target = () => {
      group ??= (async () => {
        const db = t.database.db;
        const [network] = await queryRows<{ id: number }>(
          db,
          sql`insert into networks (kind, name) values ('network', '{"en": "Campaign network"}'::jsonb) returning id`,
        );
        const [working] = await queryRows<{ id: number }>(
          db,
          sql`insert into networks (kind, parent_id, name, country_code)
              values ('working_group', ${network!.id}, '{"en": "Campaign group"}'::jsonb, 'CN') returning id`,
        );
        await queryRows(
          db,
          sql`insert into network_members (network_id, place_id) values (${working!.id}, ${ids.espoo})`,
        );
        await queryRows(
          db,
          sql`insert into network_coordinators (network_id, organization_id) values (${working!.id}, ${ids.cityOfShanghai})`,
        );
        return working!.id;
      })();
      return group;
    };
    const campaignBody = async () => ({
      networkId: await target(),
      title: text('Matrix survey'),
      definition: {
        sections: [
          {
            key: 'main',
            title: text('Main'),
            questions: [
              { key: 'agree', type: 'yes_no', label: text('Agree?'), required: true },
              { key: 'note', type: 'long_text', label: text('Note') },
              { key: 'ties', type: 'registry_table', label: text('Ties') },
            ],
          },
        ],
      },
    });
    /** A new campaign of the group, opened unless a draft is asked for: its id and version. */
    const newCampaign = async (open = true) => {
      const campaign = await asAdmin('POST', '/api/campaigns', await campaignBody());
      if (!open) return { id: campaign.id as number, version: campaign.version as number };
      const opened = await asAdmin('POST', `/api/campaigns/${campaign.id}/open`, {
        version: campaign.version,
      });
      return { id: opened.id as number, version: opened.version as number };
    };
    const response = (id: number) => `/api/campaigns/${id}/responses/${ids.cityOfEspoo}`;
    /** Espoo's response to a new open campaign, answered and submitted: its address and version. */
    const submitted = async () => {
      const { id } = await newCampaign();
      // The first answer starts the draft (an administrator reading it starts none).
      await asAdmin('PUT', `${response(id)}/answers/agree`, { value: true, version: 0 });
      const draft = await asAdmin('GET', response(id));
      const sent = await asAdmin('POST', `${response(id)}/submit`, { version: draft.version });
      return { url: response(id), version: sent.version as number };
    };
    const COORDINATORS: Allowed = ['otherEditor', 'admin'];
    const MEMBERS: Allowed = ['editor', 'admin'];
    return [
      {
        method: 'POST',
        path: '/api/campaigns',
        allowed: COORDINATORS,
        prepare: async () => ({ url: '/api/campaigns', body: await campaignBody() }),
      },
      {
        method: 'PATCH',
        path: '/api/campaigns/{id}',
        allowed: COORDINATORS,
        prepare: async () => {
          const campaign = await newCampaign(false);
          return {
            url: `/api/campaigns/${campaign.id}`,
            body: { version: campaign.version, closesOn: '2099-12-31' },
          };
        },
      },
      {
        method: 'DELETE',
        path: '/api/campaigns/{id}',
        allowed: COORDINATORS,
        prepare: async () => {
          const campaign = await newCampaign();
          return { url: `/api/campaigns/${campaign.id}?version=${campaign.version}` };
        },
      },
      {
        method: 'POST',
        path: '/api/campaigns/{id}/restore',
        allowed: COORDINATORS,
        prepare: async () => {
          const campaign = await newCampaign();
          const gone = await asAdmin('DELETE', `/api/campaigns/${campaign.id}?version=${campaign.version}`);
          return { url: `/api/campaigns/${campaign.id}/restore`, body: { version: gone.version } };
        },
      },
      {
        method: 'POST',
        path: '/api/campaigns/{id}/open',
        allowed: COORDINATORS,
        prepare: async () => {
          const campaign = await newCampaign(false);
          return { url: `/api/campaigns/${campaign.id}/open`, body: { version: campaign.version } };
        },
      },
      {
        method: 'POST',
        path: '/api/campaigns/{id}/close',
        allowed: COORDINATORS,
        prepare: async () => {
          const campaign = await newCampaign();
          return { url: `/api/campaigns/${campaign.id}/close`, body: { version: campaign.version } };
        },
      },
      {
        method: 'POST',
        path: '/api/campaigns/{id}/share-results',
        allowed: COORDINATORS,
        prepare: async () => {
          const campaign = await newCampaign();
          return { url: `/api/campaigns/${campaign.id}/share-results`, body: { version: campaign.version } };
        },
      },
      {
        method: 'POST',
        path: '/api/campaigns/{id}/reminders',
        allowed: COORDINATORS,
        prepare: async () => ({ url: `/api/campaigns/${(await newCampaign()).id}/reminders` }),
      },
      {
        method: 'PUT',
        path: '/api/campaigns/{id}/responses/{organizationId}/answers/{questionKey}',
        allowed: MEMBERS,
        prepare: async () => ({
          url: `${response((await newCampaign()).id)}/answers/note`,
          body: { value: 'Our plans for 2021', version: 0 },
        }),
      },
      {
        method: 'POST',
        path: '/api/campaigns/{id}/responses/{organizationId}/submit',
        allowed: MEMBERS,
        prepare: async () => {
          const { id } = await newCampaign();
          await asAdmin('PUT', `${response(id)}/answers/agree`, { value: false, version: 0 });
          const draft = await asAdmin('GET', response(id));
          return { url: `${response(id)}/submit`, body: { version: draft.version } };
        },
      },
      {
        method: 'POST',
        path: '/api/campaigns/{id}/responses/{organizationId}/reopen',
        allowed: COORDINATORS,
        prepare: async () => {
          const { url, version } = await submitted();
          return { url: `${url}/reopen`, body: { version } };
        },
      },
      {
        method: 'POST',
        path: '/api/campaigns/{id}/responses/{organizationId}/apply',
        allowed: MEMBERS,
        prepare: async () => {
          const { url, version } = await submitted();
          return { url: `${url}/apply`, body: { version } };
        },
      },
    ];
  })(),
];

/** Write endpoints outside the matrix: sign-in and one-time links work without a session by design. */
const PUBLIC_WRITES = [
  'POST /api/auth/sign-in',
  'POST /api/auth/sign-out',
  'POST /api/auth/setup',
  'POST /api/auth/password-link',
  'POST /api/auth/links/inspect',
];
/** Acting on one's own account, tested with its own user in auth.test.ts. */
const SELF_WRITES = [
  'POST /api/auth/sign-out-everywhere',
  'POST /api/auth/password',
  'DELETE /api/auth/tokens/{id}',
  // One's own notifications, tested in notifications.test.ts.
  'POST /api/notifications/{id}/read',
  'POST /api/notifications/read-all',
  // One's own reminder choices, tested in reminders.test.ts.
  'PUT /api/notifications/settings',
];

async function auditCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from audit_events`,
  );
  return row!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  ids.espoo = (await makePlace(db, { name: 'Espoo' })).id;
  ids.shanghai = (await makePlace(db, { name: 'Shanghai', country: 'CN' })).id;
  ids.tallinn = (await makePlace(db, { name: 'Tallinn', country: 'EE' })).id;
  ids.cityOfEspoo = (await makeOrganization(db, { name: 'City of Espoo', placeId: ids.espoo })).id;
  ids.cityOfShanghai = (await makeOrganization(db, { name: 'City of Shanghai', placeId: ids.shanghai })).id;
  ids.company = (
    await makeOrganization(db, { name: 'Clean Tech Oy', kind: 'company', placeId: ids.espoo })
  ).id;
  const admin = await makeUser(db, { isAdmin: true });
  const viewer = await makeUser(db, { memberships: [{ organizationId: ids.cityOfEspoo, role: 'viewer' }] });
  const editor = await makeUser(db, { memberships: [{ organizationId: ids.cityOfEspoo, role: 'editor' }] });
  const other = await makeUser(db, { memberships: [{ organizationId: ids.cityOfShanghai, role: 'editor' }] });
  ids.viewerUser = viewer.id;
  headers.anonymous = {};
  headers.admin = await sessionHeaders(db, admin.id);
  headers.viewer = await sessionHeaders(db, viewer.id);
  headers.editor = await sessionHeaders(db, editor.id);
  headers.otherEditor = await sessionHeaders(db, other.id);
});
afterAll(() => t.close());

describe('the authorisation matrix', () => {
  it('covers every write endpoint of the API', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const writes = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, item]) =>
        Object.keys(item)
          .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = [
      ...WRITES.map((entry) => `${entry.method} ${entry.path}`),
      ...PUBLIC_WRITES,
      ...SELF_WRITES,
    ];
    expect(writes.sort()).toEqual([...new Set(covered)].sort());
  });

  for (const entry of WRITES) {
    for (const role of ROLES) {
      const allowed = entry.allowed.includes(role);
      it(`${entry.method} ${entry.path} as ${role}: ${allowed ? 'allowed, audited' : 'denied, nothing changes'}`, async () => {
        const { url, body, contentType } = await entry.prepare();
        const before = await auditCount();
        const response = await call(
          entry.method,
          url,
          headers[role],
          body,
          contentType ? { 'content-type': contentType } : {},
        );
        const after = await auditCount();
        if (allowed) {
          expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
          expect(response.statusCode, response.body).toBeLessThan(300);
          if (entry.audited !== false) expect(after).toBeGreaterThan(before);
        } else {
          expect([401, 403, 404], response.body).toContain(response.statusCode);
          if (role === 'anonymous') expect([401, 404]).toContain(response.statusCode);
          expect(after).toBe(before);
        }
      });
    }
  }
});

describe('anonymous writes', () => {
  it('answer 401 before the body is read or validated', async () => {
    const oversized = JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) });
    for (const entry of WRITES) {
      const { url } = await entry.prepare();
      for (const [payload, contentType] of [
        ['{"truncated": ', 'application/json'],
        [oversized, 'application/json'],
        ['plain words', 'text/plain'],
      ] as const) {
        const response = await call(entry.method, url, {}, payload, { 'content-type': contentType });
        expect(response.statusCode, `${entry.method} ${url} ${contentType}: ${response.body}`).toBe(401);
        expect(response.json().error.code).toBe('UNAUTHENTICATED');
        // The rest of the body is not wanted: the connection closes after the answer.
        expect(response.headers.connection).toBe('close');
      }
      // The same route spelled with escapes in its path is the same route.
      const escaped = await call(entry.method, url.replace('/api/', '/%61pi/'), {}, '{"truncated": ', {
        'content-type': 'application/json',
      });
      expect(escaped.statusCode, `${entry.method} ${url} escaped: ${escaped.body}`).toBe(401);
    }
  });
});

describe('anonymous writes over a real connection', () => {
  it('answer 401 to an absolute-form request target too, without reading the body', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const socket = net.connect({ port, host: '127.0.0.1' });
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    const closed = new Promise((resolve) => socket.on('close', resolve));
    // A declared 300 MB body of which only the first bytes are ever sent.
    socket.write(
      `POST http://127.0.0.1:${port}/api/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        'Content-Type: application/json\r\nContent-Length: 314572800\r\n\r\n{bad',
    );
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 401 /);
    expect(received.toLowerCase()).toContain('connection: close');
    expect(received).toContain('"UNAUTHENTICATED"');
  });
});

describe('the tie rights of a place', () => {
  it('cannot be taken over by moving or re-kinding an organisation one edits', async () => {
    const db = t.database.db;
    const espoo = (await call('GET', `/api/organizations/${ids.cityOfEspoo}`, headers.editor)).json();
    expect(espoo.canEdit).toBe(true);
    const tie = await asAdmin('POST', '/api/partnerships', {
      kind: 'twin_town',
      parties: [{ placeId: ids.shanghai }, { placeId: ids.tallinn }],
      visibility: 'internal',
    });
    const pair = await asAdmin('POST', '/api/partnerships', {
      kind: 'friendship_city',
      parties: [{ placeId: ids.espoo }, { placeId: ids.shanghai }],
    });
    const before = await auditCount();
    for (const change of [{ placeId: ids.shanghai }, { kind: 'company' }, { placeId: null }]) {
      const moved = await call('PATCH', `/api/organizations/${ids.cityOfEspoo}`, headers.editor, {
        version: espoo.version,
        ...change,
      });
      expect(moved.statusCode, moved.body).toBe(403);
    }
    // A company the editor keeps cannot become Shanghai's government either.
    const company = await makeOrganization(db, {
      name: 'Espoo Marketing',
      kind: 'company',
      placeId: ids.shanghai,
      keeperId: ids.cityOfEspoo,
    });
    const rekind = await call('PATCH', `/api/organizations/${company.id}`, headers.editor, {
      version: company.version,
      kind: 'city_government',
    });
    expect(rekind.statusCode, rekind.body).toBe(403);
    // Shanghai's ties stay out of reach: no reading, editing or confirming for Shanghai.
    expect((await call('GET', `/api/partnerships/${tie.id}`, headers.editor)).statusCode).toBe(404);
    expect((await call('GET', `/api/partnerships/${tie.id}/history`, headers.editor)).statusCode).toBe(404);
    const confirm = await call('POST', `/api/partnerships/${pair.id}/confirm`, headers.editor, {
      version: pair.version,
      party: { placeId: ids.shanghai },
    });
    expect(confirm.statusCode, confirm.body).toBe(403);
    expect(await auditCount()).toBe(before);
    // Nor can the editor make a new government of a place whose government is deleted, to be restored.
    const riga = await makePlace(db, { name: 'Riga', country: 'LV' });
    const rigaGovernment = await makeOrganization(db, { name: 'Riga City Council', placeId: riga.id });
    await asAdmin('DELETE', `/api/organizations/${rigaGovernment.id}?version=${rigaGovernment.version}`);
    const squat = await call('POST', '/api/organizations', headers.editor, {
      kind: 'city_government',
      name: 'Riga City',
      placeId: riga.id,
      keeperId: ids.cityOfEspoo,
    });
    expect(squat.statusCode, squat.body).toBe(403);
    // A co-party may edit the tie, and add a party, but not push Shanghai out of it.
    const pushed = await call('PATCH', `/api/partnerships/${pair.id}`, headers.editor, {
      version: pair.version,
      parties: [{ placeId: ids.espoo }, { placeId: ids.tallinn }],
    });
    expect(pushed.statusCode, pushed.body).toBe(403);
    const added = await call('PATCH', `/api/partnerships/${pair.id}`, headers.editor, {
      version: pair.version,
      parties: [{ placeId: ids.espoo }, { placeId: ids.shanghai }, { placeId: ids.tallinn }],
    });
    expect(added.statusCode, added.body).toBe(200);
    // An administrator may move a government; its editors then speak for the new place only.
    const moved = await call('PATCH', `/api/organizations/${company.id}`, headers.admin, {
      version: company.version,
      kind: 'city_government',
      placeId: ids.tallinn,
    });
    expect(moved.statusCode, moved.body).toBe(200);
  });
});

describe('anonymous answers', () => {
  it('never carry contact points, internal notes or internal records', async () => {
    const tie = await newTie();
    const internalTie = await asAdmin('POST', '/api/partnerships', {
      kind: 'mou',
      parties: [{ placeId: ids.espoo }, { placeId: ids.shanghai }],
      visibility: 'internal',
      descriptions: { en: MARKER },
    });
    const person = await newPerson();
    const organization = await asAdmin('POST', '/api/organizations', {
      kind: 'company',
      name: `Hidden ${MARKER}`,
      keeperId: ids.cityOfEspoo,
      visibility: 'internal',
    });
    const activity = await newActivity();
    const event = await newEvent();
    // Shanghai invited, sending the coordinator: delegates are for the hosts' and the invitee's members only.
    await asAdmin('POST', `/api/events/${event.id}/invitations`, { placeIds: [ids.shanghai] });
    const [invitation] = (await asAdmin('GET', `/api/events/${event.id}/invitations`)).items;
    await asAdmin('PATCH', `/api/events/${event.id}/invitations/${invitation.id}`, {
      version: invitation.version,
      status: 'accepted',
      delegateIds: [person.id],
    });
    const internalEvent = await asAdmin('POST', '/api/events', {
      ...eventBody(),
      title: { en: MARKER },
      visibility: 'internal',
    });
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const params: Record<string, number> = {};
    const idFor = (path: string) =>
      path.startsWith('/api/partnerships')
        ? tie.id
        : path.startsWith('/api/people')
          ? person.id
          : path.startsWith('/api/organizations')
            ? ids.cityOfEspoo
            : path.startsWith('/api/activities')
              ? activity.id
              : path.startsWith('/api/events')
                ? event.id
                : path.startsWith('/api/places')
                  ? ids.espoo
                  : 1;
    const urls = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .filter(([, item]) => 'get' in item)
      .map(([path]) =>
        path
          .replace('{id}', String(idFor(path)))
          .replace('{documentId}', '1')
          .replace('{mediaId}', '1')
          .replace('{organizationId}', '1'),
      );
    urls.push(
      `/api/partnerships/${internalTie.id}`,
      `/api/organizations/${organization.id}`,
      '/api/partnerships?country=CN',
      `/api/places/${ids.shanghai}/partners`,
      '/api/organizations?q=Hidden',
      `/api/people?organizationId=${ids.cityOfEspoo}`,
      `/api/events/${internalEvent.id}`,
      '/api/events?when=past',
    );
    Object.assign(params, { checked: urls.length });
    // The app listened above, so it builds its hot read models in the background: /api/ready answers 503 until then.
    await expect
      .poll(async () => (await t.app.inject({ url: '/api/ready' })).statusCode, { timeout: 20_000 })
      .toBe(200);
    for (const url of urls) {
      const response = await t.app.inject({ url });
      const text = response.body;
      expect(text, url).not.toContain(MARKER);
      expect(text, url).not.toContain(EMAIL);
      expect(text, url).not.toContain(ONLINE_URL);
      expect(text, url).not.toMatch(/"(notes|contactPoints|passwordHash|csrf_token|tokenHash)":/);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    expect(params.checked).toBeGreaterThan(20);
    // The same reads signed in as a member do show them: the check above is not vacuous.
    const member = await t.app.inject({ url: `/api/people/${person.id}`, headers: headers.viewer });
    expect(member.body).toContain(EMAIL);
    expect(member.body).toContain(MARKER);
    const delegates = `/api/events/${event.id}/invitations`;
    expect((await t.app.inject({ url: delegates })).body).not.toContain('A Coordinator');
    expect((await t.app.inject({ url: delegates, headers: headers.viewer })).body).toContain('A Coordinator');
    const host = await t.app.inject({ url: `/api/events/${internalEvent.id}`, headers: headers.viewer });
    expect(host.body).toContain(ONLINE_URL);
    expect(host.body).toContain(MARKER);
  });
});

describe('malformed bodies', () => {
  const TABLES = [
    'partnerships',
    'partnership_parties',
    'partnership_documents',
    'organizations',
    'people',
    'posts',
    'contact_points',
    'activities',
    'activity_links',
    'events',
    'event_hosts',
    'event_invitations',
    'event_delegates',
    'event_sessions',
    'event_speakers',
    'event_seats',
    'calendar_feeds',
    'event_media',
    'article_images',
    'spreadsheet_imports',
    'import_mappings',
    'places',
    'place_duplicates',
    'merges',
    'users',
    'memberships',
    'api_tokens',
    'networks',
    'network_members',
    'network_coordinators',
    'audit_events',
  ];
  const fingerprint = async () => {
    const parts = await Promise.all(
      TABLES.map(async (table) => {
        const [row] = await queryRows<{ h: string | null }>(
          t.database.db,
          sql.raw(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`),
        );
        return row!.h;
      }),
    );
    return parts.join(',');
  };

  /** A JSON value of another type than `value`, so the field can never be valid. */
  const wrongType = (value: unknown) =>
    fc.oneof(
      ...[
        typeof value !== 'string' ? fc.string() : undefined,
        typeof value !== 'number' ? fc.double({ noNaN: true, noDefaultInfinity: true }) : undefined,
        typeof value !== 'boolean' ? fc.boolean() : undefined,
        !Array.isArray(value) ? fc.array(fc.integer(), { maxLength: 3 }) : undefined,
        typeof value !== 'object' || Array.isArray(value) || value === null
          ? fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 })
          : undefined,
      ].filter((arbitrary): arbitrary is fc.Arbitrary<never> => arbitrary !== undefined),
    );

  for (const entry of WRITES.filter(
    (write) => write.method !== 'DELETE' && !write.prepare.toString().includes('multipart'),
  )) {
    it(`${entry.method} ${entry.path} answers 4xx and changes nothing`, async () => {
      const { url, body } = await entry.prepare();
      const valid = (body ?? {}) as Record<string, unknown>;
      const keys = Object.keys(valid);
      const malformed = fc.oneof(
        // Not an object at all.
        fc.oneof(
          fc.string(),
          fc.integer(),
          fc.boolean(),
          fc.array(fc.anything(), { maxLength: 3 }),
          // JSON null is no body, which is right for endpoints that take none.
          fc.constant(body === undefined ? 0 : null),
        ),
        // A key no schema knows.
        fc.string({ minLength: 1, maxLength: 8 }).map((key) => ({ ...valid, [`zz_${key}`]: 1 })),
        // A known field of the wrong type.
        ...(keys.length > 0
          ? [
              fc
                .constantFrom(...keys)
                .chain((key) => wrongType(valid[key]).map((value) => ({ ...valid, [key]: value }))),
            ]
          : []),
      );
      const before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(malformed, async (payload) => {
          const response = await call(entry.method, url, headers.admin, JSON.stringify(payload), {
            'content-type': 'application/json',
          });
          expect(response.statusCode, `${JSON.stringify(payload)} → ${response.body}`).toBeGreaterThanOrEqual(
            400,
          );
          expect(response.statusCode, `${JSON.stringify(payload)} → ${response.body}`).toBeLessThan(500);
        }),
        { numRuns: 25 },
      );
      expect(await fingerprint()).toBe(before);
    });
  }
});
