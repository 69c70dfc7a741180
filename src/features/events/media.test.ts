import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { memberHeaders, type Readers, type SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { MULTIPART, multipart, type Part } from '../../../test/helpers/multipart.ts';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { encodePng } from '../../lib/png.ts';

/**
 * An event's photos and documents: the hosts' editors add them with alt text or a title in every language of the
 * event's title, the file checked to be what it claims before it is kept; whoever may read the event sees and
 * downloads them, nobody else; removing one is in the event's history, and its file leaves the disk with the last
 * record of any kind that uses it.
 */

let t: TestApp;
let as: Readers;
let espoo: { id: number };
let shanghai: { id: number };
let cityOfShanghai: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  // The host is Shanghai: its editor is `otherEditor`; Espoo's editor and viewer are no hosts of the forum.
  ({ espoo, shanghai, cityOfShanghai, as } = await makeEspooAndShanghai(t.database.db));
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

const TITLE = {
  en: 'Shanghai twin-town forum',
  fi: 'Shanghain ystävyyskaupunkifoorumi',
  sv: 'Shanghais vänortsforum',
};
const ALT = {
  en: 'Video call grid of the forum’s participants',
  fi: 'Foorumin osallistujat videopuhelun ruudukossa',
  sv: 'Forumets deltagare i ett rutnät av videosamtal',
};

/** A forum hosted by Shanghai, titled in en, fi and sv. */
async function newEvent(overrides: Record<string, unknown> = {}) {
  const response = await t.request('POST', '/api/events', as.otherEditor, {
    kind: 'forum',
    attendanceMode: 'online',
    startsAt: '2020-11-10T14:00:00+08:00',
    endsAt: '2020-11-10T16:30:00+08:00',
    timeZone: 'Asia/Shanghai',
    title: TITLE,
    hostIds: [cityOfShanghai.id],
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; version: number };
}

/** A PNG of coloured tiles whose colours differ by `seed`. */
const png = (seed: number, width = 24, height = 16) =>
  encodePng(width, height, (x, y) => [(x * 10 + seed) % 256, (y * 15 + seed * 7) % 256, (seed * 31) % 256]);

/** A PDF of about `size` bytes whose content differs by `seed`. */
function pdf(seed: string, size = 64): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% ${seed}\n`);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
}

/** The header of a JPEG: start of image, an APP0 segment, then a baseline frame of this size. */
function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const frame = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x0b,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    1,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, frame, Buffer.from([1, 0x11, 0, 0xff, 0xd9])]);
}

/** A WebP in the extended format (VP8X) of this size. */
function webp(width: number, height: number): Buffer {
  const body = Buffer.alloc(30);
  body.write('RIFF', 0, 'latin1');
  body.writeUInt32LE(22, 4);
  body.write('WEBPVP8X', 8, 'latin1');
  body.writeUInt32LE(10, 16);
  body.writeUIntLE(width - 1, 24, 3);
  body.writeUIntLE(height - 1, 27, 3);
  return body;
}

/** Form fields for texts per language: `alt.fi`, `caption.en` … */
const texts = (group: string, values: Record<string, string>): Part[] =>
  Object.entries(values).map(([language, content]) => ({ name: `${group}.${language}`, content }));

const file = (content: Buffer, type = 'image/png', filename = 'group-photo.png'): Part => ({
  name: 'file',
  filename,
  type,
  content,
});

function upload(
  eventId: number,
  parts: Part[] | Buffer,
  headers: SessionHeaders = as.otherEditor,
  app: FastifyInstance = t.app,
) {
  return app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/media`,
    headers: { ...headers, 'content-type': MULTIPART },
    payload: Buffer.isBuffer(parts) ? parts : multipart(parts),
  });
}

/** A photo with its alt text in the event's three languages. */
const photoParts = (content: Buffer, extra: Part[] = []): Part[] => [
  ...texts('alt', ALT),
  ...extra,
  file(content),
];

/** Media rows, audit events and the files in the folder (temporary ones included). */
async function stored(db: Db = t.database.db, dir = t.documentsDir) {
  const [row] = await queryRows<{ media: number; audits: number }>(
    db,
    sql`select (select count(*) from event_media)::int as media, (select count(*) from audit_events)::int as audits`,
  );
  return { ...row!, files: (await readdir(dir).catch(() => [] as string[])).sort() };
}

const readEvent = (id: number, headers: SessionHeaders = {}) =>
  t.app.inject({ url: `/api/events/${id}`, headers });

describe('adding photos and documents', () => {
  it('keeps a photo with its alt text per language, caption and credit, listed with the event for anyone', async () => {
    const event = await newEvent();
    const bytes = png(1, 48, 32);
    const created = await upload(
      event.id,
      photoParts(bytes, [
        ...texts('caption', { en: 'The virtual group photo', fi: 'Virtuaalinen ryhmäkuva' }),
        { name: 'credit', content: 'Shanghai Media Group' },
      ]),
    );
    expect(created.statusCode, created.body).toBe(201);
    const photo = created.json();
    expect(photo).toMatchObject({
      kind: 'image',
      mediaType: 'image/png',
      fileName: 'group-photo.png',
      size: bytes.length,
      width: 48,
      height: 32,
      alt: ALT,
      title: {},
      caption: { en: 'The virtual group photo', fi: 'Virtuaalinen ryhmäkuva' },
      credit: 'Shanghai Media Group',
      version: 1,
      url: `/api/events/${event.id}/media/${photo.id}`,
    });

    // The event lists it, to an anonymous reader too, in one request.
    const read = await readEvent(event.id);
    expect(read.json().media).toEqual([photo]);

    const download = await t.app.inject({ url: photo.url });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe("inline; filename*=UTF-8''group-photo.png");
    expect(download.headers['cache-control']).toBe('private, no-cache');
    const again = await t.app.inject({
      url: photo.url,
      headers: { 'if-none-match': download.headers.etag! },
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    // The event's history says who added what.
    const history = (
      await t.app.inject({ url: `/api/events/${event.id}/history`, headers: as.otherEditor })
    ).json();
    expect(history.items.at(-1)).toMatchObject({
      action: 'add_media',
      actor: expect.stringContaining('Shanghai Editor'),
      after: { mediaId: photo.id, kind: 'image', alt: ALT },
    });
  });

  it('keeps a document with its title per language, as an attachment', async () => {
    const event = await newEvent();
    const bytes = pdf('programme');
    const created = await upload(event.id, [
      ...texts('title', { en: 'Programme', fi: 'Ohjelma', sv: 'Program' }),
      file(bytes, 'application/pdf', 'programme'),
    ]);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'document',
      mediaType: 'application/pdf',
      fileName: 'programme.pdf',
      width: null,
      height: null,
      title: { en: 'Programme', fi: 'Ohjelma', sv: 'Program' },
      alt: {},
      credit: null,
    });
    const download = await t.app.inject({ url: created.json().url });
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''programme.pdf");
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('reads the size of JPEG and WebP photos from their headers', async () => {
    const event = await newEvent();
    const photo = await upload(event.id, [...texts('alt', ALT), file(jpeg(640, 427), 'image/jpeg', 'a.jpg')]);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ mediaType: 'image/jpeg', width: 640, height: 427 });
    const other = await upload(event.id, [
      ...texts('alt', ALT),
      file(webp(1200, 800), 'image/webp', 'b.webp'),
    ]);
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json()).toMatchObject({ mediaType: 'image/webp', width: 1200, height: 800 });
  });

  it('takes alt text in more languages than the title’s', async () => {
    const event = await newEvent({ title: { en: 'Twin-town forum' } });
    const created = await upload(event.id, [
      ...texts('alt', { en: 'Participants on screen', 'zh-Hans': '屏幕上的与会者' }),
      file(png(2)),
    ]);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().alt).toEqual({ en: 'Participants on screen', 'zh-Hans': '屏幕上的与会者' });
  });
});

describe('refused uploads write nothing', () => {
  const cases: { name: string; parts: () => Part[]; status: number; fields?: string[]; code?: string }[] = [
    {
      name: 'a photo without alt text',
      parts: () => [file(png(10))],
      status: 400,
      fields: ['alt.en', 'alt.fi', 'alt.sv'],
    },
    {
      name: 'a photo without alt text in one of the event’s languages',
      parts: () => [...texts('alt', { en: ALT.en, fi: ALT.fi }), file(png(11))],
      status: 400,
      fields: ['alt.sv'],
    },
    {
      name: 'a photo with an empty alt text',
      parts: () => [...texts('alt', { ...ALT, sv: '   ' }), file(png(12))],
      status: 400,
      fields: ['alt.sv'],
    },
    {
      name: 'a document without a title',
      parts: () => [
        ...texts('title', { en: 'Programme' }),
        file(pdf('untitled'), 'application/pdf', 'p.pdf'),
      ],
      status: 400,
      fields: ['title.fi', 'title.sv'],
    },
    {
      name: 'a document with alt text',
      parts: () => [
        ...texts('title', TITLE),
        ...texts('alt', ALT),
        file(pdf('alt'), 'application/pdf', 'p.pdf'),
      ],
      status: 400,
      fields: ['alt'],
    },
    {
      name: 'an SVG image',
      parts: () => [
        ...texts('alt', ALT),
        file(
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          'image/svg+xml',
          'logo.svg',
        ),
      ],
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'an SVG declared as a PNG',
      parts: () => [
        ...texts('alt', ALT),
        file(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
      ],
      status: 415,
      fields: ['file'],
    },
    {
      name: 'a JPEG declared as a PNG',
      parts: () => [...texts('alt', ALT), file(jpeg(10, 10))],
      status: 415,
      fields: ['file'],
    },
    {
      name: 'a PNG signature on something else',
      parts: () => [
        ...texts('alt', ALT),
        file(Buffer.concat([png(13).subarray(0, 8), Buffer.from('not the header of an image at all')])),
      ],
      status: 415,
      fields: ['file'],
    },
    {
      name: 'a file of another type',
      parts: () => [...texts('alt', ALT), file(Buffer.from('<html></html>'), 'text/html', 'page.html')],
      status: 415,
      fields: ['file'],
    },
    {
      name: 'an empty file',
      parts: () => [...texts('alt', ALT), file(Buffer.alloc(0))],
      status: 400,
      fields: ['file'],
    },
    {
      name: 'texts after the file',
      parts: () => [file(png(14)), ...texts('alt', ALT)],
      status: 400,
    },
    {
      name: 'a field the form does not have',
      parts: () => [...texts('alt', ALT), { name: 'visibility', content: 'internal' }, file(png(15))],
      status: 400,
      fields: ['visibility'],
    },
    {
      name: 'a second file',
      parts: () => [...photoParts(png(16)), { ...file(png(17)), name: 'second' }],
      status: 400,
      fields: ['second'],
    },
    { name: 'a form without a file', parts: () => texts('alt', ALT), status: 400, fields: ['file'] },
  ];

  for (const testCase of cases) {
    it(`answers ${testCase.name} with ${testCase.status} in the error shape`, async () => {
      const event = await newEvent();
      const before = await stored();
      const response = await upload(event.id, testCase.parts());
      expect(response.statusCode, response.body).toBe(testCase.status);
      const { error } = response.json();
      expect(error).toEqual({
        code: expect.any(String),
        message: expect.any(String),
        details: expect.any(Array),
      });
      if (testCase.code) expect(error.code).toBe(testCase.code);
      if (testCase.fields)
        expect(error.details.map((detail: { field: string }) => detail.field).sort()).toEqual(
          testCase.fields,
        );
      expect(await stored()).toEqual(before);
      expect((await readEvent(event.id)).json().media).toEqual([]);
    });
  }

  it('answers a JSON body 415', async () => {
    const event = await newEvent();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/media`,
      headers: { ...as.otherEditor, 'content-type': 'application/json' },
      payload: { alt: ALT },
    });
    expect(response.statusCode).toBe(415);
  });
});

interface SocketAnswer {
  status: number;
  body: string;
  closed: boolean;
}

/** Sends a request announcing `declaredLength` bytes of body but only `firstChunk` of them, over a real socket. */
function startUpload(eventId: number, headers: SessionHeaders, declaredLength: number, firstChunk: Buffer) {
  const address = t.app.server.address() as AddressInfo;
  return new Promise<SocketAnswer>((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port: address.port,
      method: 'POST',
      path: `/api/events/${eventId}/media`,
      headers: { ...headers, 'content-type': MULTIPART, 'content-length': String(declaredLength) },
      agent: false,
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error('no answer within 5 s'));
    }, 5000);
    request.on('error', () => {});
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        const socket = response.socket;
        const finish = (closed: boolean) => {
          clearTimeout(timer);
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body, closed });
        };
        if (socket.destroyed || socket.readableEnded) finish(true);
        else {
          const wait = setTimeout(() => finish(false), 2000);
          socket.once('close', () => {
            clearTimeout(wait);
            finish(true);
          });
        }
      });
    });
    request.flushHeaders();
    request.write(firstChunk);
  });
}

describe('who may add, change and remove', () => {
  const declared = 19 * 1024 * 1024;
  const first = () => multipart(photoParts(png(20, 400, 300)), { end: false });

  it('refuses an editor who is no host 403 before reading the body, and closes the connection', async () => {
    const event = await newEvent();
    const before = await stored();
    const answer = await startUpload(event.id, as.editor, declared, first());
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.code).toBe('FORBIDDEN');
    expect(answer.closed).toBe(true);
    const viewer = await startUpload(event.id, as.viewer, declared, first());
    expect(viewer.status).toBe(403);
    const anonymous = await startUpload(event.id, {}, declared, first());
    expect(anonymous.status).toBe(401);
    expect(anonymous.closed).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('answers 404 for an internal event the editor cannot see, and for a deleted one', async () => {
    const hidden = await newEvent({ visibility: 'internal' });
    const unseen = await startUpload(hidden.id, as.editor, declared, first());
    expect(unseen.status).toBe(404);
    const gone = await newEvent();
    const deleted = await t.request(
      'DELETE',
      `/api/events/${gone.id}?version=${gone.version}`,
      as.otherEditor,
    );
    expect(deleted.statusCode, deleted.body).toBe(200);
    const answer = await upload(gone.id, photoParts(png(21)));
    expect(answer.statusCode).toBe(404);
  });

  it('lets a host change the texts against the version, keeping the event’s languages', async () => {
    const event = await newEvent();
    const photo = (await upload(event.id, photoParts(png(22)))).json();
    const url = `/api/events/${event.id}/media/${photo.id}`;
    const notHost = await t.request('PATCH', url, as.editor, { version: 1, credit: 'Espoo' });
    expect(notHost.statusCode).toBe(403);
    const changed = await t.request('PATCH', url, as.otherEditor, {
      version: 1,
      alt: { ...ALT, en: 'Forum participants in a video call' },
      credit: 'Shanghai Media Group',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      version: 2,
      alt: { en: 'Forum participants in a video call' },
      credit: 'Shanghai Media Group',
    });
    const stale = await t.request('PATCH', url, as.otherEditor, { version: 1, credit: null });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ version: 2 });
    const dropped = await t.request('PATCH', url, as.otherEditor, { version: 2, alt: { en: ALT.en } });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().error.details.map((detail: { field: string }) => detail.field)).toEqual([
      'alt.fi',
      'alt.sv',
    ]);
    const empty = await t.request('PATCH', url, as.otherEditor, { version: 2, alt: { ...ALT, fi: '' } });
    expect(empty.statusCode).toBe(400);
    expect((await readEvent(event.id)).json().media[0]).toMatchObject({
      version: 2,
      credit: 'Shanghai Media Group',
    });
  });

  it('removes a photo for a host only, in the event’s history, its file off the disk', async () => {
    const event = await newEvent();
    const bytes = png(23);
    const photo = (await upload(event.id, photoParts(bytes))).json();
    const [row] = await queryRows<{ sha256: string }>(
      t.database.db,
      sql`select sha256 from event_media where id = ${photo.id}`,
    );
    expect(await readdir(t.documentsDir)).toContain(row!.sha256);
    const url = `/api/events/${event.id}/media/${photo.id}`;
    expect((await t.request('DELETE', url, as.editor)).statusCode).toBe(403);
    expect((await t.request('DELETE', url, {})).statusCode).toBe(401);
    const removed = await t.request('DELETE', url, as.otherEditor);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await t.request('DELETE', url, as.otherEditor)).statusCode).toBe(404);
    expect((await readEvent(event.id)).json().media).toEqual([]);
    expect((await t.app.inject({ url })).statusCode).toBe(404);
    expect(await readdir(t.documentsDir)).not.toContain(row!.sha256);
    const history = (
      await t.app.inject({ url: `/api/events/${event.id}/history`, headers: as.otherEditor })
    ).json();
    expect(history.items.at(-1)).toMatchObject({
      action: 'remove_media',
      before: { mediaId: photo.id, alt: ALT },
    });
  });
});

describe('who may see', () => {
  it('shows an internal event’s photos to its hosts’ members only', async () => {
    const event = await newEvent({ visibility: 'internal' });
    const photo = (await upload(event.id, photoParts(png(30)))).json();
    for (const headers of [{}, as.editor, as.viewer]) {
      expect((await readEvent(event.id, headers)).statusCode).toBe(404);
      const download = await t.app.inject({ url: photo.url, headers });
      expect(download.statusCode).toBe(404);
      expect(download.json().error.code).toBe('EVENT_NOT_FOUND');
    }
    expect((await t.app.inject({ url: photo.url, headers: as.otherEditor })).statusCode).toBe(200);
    expect((await t.app.inject({ url: photo.url, headers: as.admin })).statusCode).toBe(200);
  });

  it('stops serving a published event’s photos to the public once the event is internal', async () => {
    const event = await newEvent();
    const photo = (await upload(event.id, photoParts(png(31)))).json();
    expect((await t.app.inject({ url: photo.url })).statusCode).toBe(200);
    const hidden = await t.request('PATCH', `/api/events/${event.id}`, as.otherEditor, {
      version: event.version,
      visibility: 'internal',
    });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect((await t.app.inject({ url: photo.url })).statusCode).toBe(404);
    // Nor does a photo answer under another event's address.
    const other = await newEvent();
    expect((await t.app.inject({ url: `/api/events/${other.id}/media/${photo.id}` })).statusCode).toBe(404);
  });
});

describe('the shared file store', () => {
  it('keeps a file that a tie’s document and an event’s photo share until both are removed', async () => {
    const tieId = (await makePartnership(t.database.db, [espoo.id, shanghai.id], { kind: 'project' })).id;
    const forum = await newEvent({ hostIds: [cityOfShanghai.id] });
    const bytes = png(40);
    const document = await t.app.inject({
      method: 'POST',
      url: `/api/partnerships/${tieId}/documents`,
      headers: { ...as.editor, 'content-type': MULTIPART },
      payload: multipart([file(bytes)]),
    });
    expect(document.statusCode, document.body).toBe(201);
    const photo = (await upload(forum.id, photoParts(bytes))).json();
    const [row] = await queryRows<{ sha256: string }>(
      t.database.db,
      sql`select sha256 from event_media where id = ${photo.id}`,
    );
    const remove = await t.request('DELETE', `/api/events/${forum.id}/media/${photo.id}`, as.otherEditor);
    expect(remove.statusCode).toBe(204);
    expect(await readdir(t.documentsDir)).toContain(row!.sha256);
    const kept = await t.app.inject({ url: document.json().url, headers: as.editor });
    expect(kept.rawPayload.equals(bytes)).toBe(true);
    const removeDocument = await t.request('DELETE', document.json().url, as.editor);
    expect(removeDocument.statusCode).toBe(204);
    expect(await readdir(t.documentsDir)).not.toContain(row!.sha256);
  });

  describe('with a quota', () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let dir: string;

    beforeAll(async () => {
      database = await createTestDatabase();
      dir = await mkdtemp(path.join(tmpdir(), 'citybridge-media-quota-'));
      app = await buildApp({ database, documentsDir: dir, documentQuotaBytes: 10_000 });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
      await database.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    it('charges photos and tie documents to one quota per organisation', async () => {
      const db = database.db;
      const helsinki = await makePlace(db, { name: 'Helsinki' });
      const oslo = await makePlace(db, { name: 'Oslo', country: 'NO' });
      const city = await makeOrganization(db, { name: 'City of Helsinki', placeId: helsinki.id });
      const editor = await memberHeaders(db, city.id, 'editor');
      const tieId = (await makePartnership(db, [helsinki.id, oslo.id])).id;
      const document = await app.inject({
        method: 'POST',
        url: `/api/partnerships/${tieId}/documents`,
        headers: { ...editor, 'content-type': MULTIPART },
        payload: multipart([file(pdf('quota', 6000), 'application/pdf', 'a.pdf')]),
      });
      expect(document.statusCode, document.body).toBe(201);
      const event = await app.inject({
        method: 'POST',
        url: '/api/events',
        headers: editor,
        payload: {
          kind: 'meeting',
          attendanceMode: 'in_person',
          startsAt: '2021-05-01T10:00:00+03:00',
          endsAt: '2021-05-01T12:00:00+03:00',
          timeZone: 'Europe/Helsinki',
          title: { en: 'Meeting' },
          hostIds: [city.id],
        },
      });
      expect(event.statusCode, event.body).toBe(201);
      const small = png(50);
      expect(small.length).toBeLessThan(4000);
      const padded = Buffer.concat([small, Buffer.alloc(5000, 0)]);
      const before = await stored(db, dir);
      const over = await upload(
        event.json().id,
        [...texts('alt', { en: 'Tiles' }), file(padded)],
        editor,
        app,
      );
      expect(over.statusCode, over.body).toBe(413);
      expect(over.json().error.code).toBe('STORAGE_QUOTA_EXCEEDED');
      expect(await stored(db, dir)).toEqual(before);
      const fits = await upload(
        event.json().id,
        [...texts('alt', { en: 'Tiles' }), file(small)],
        editor,
        app,
      );
      expect(fits.statusCode, fits.body).toBe(201);
      const [row] = await queryRows<{ organization_id: number }>(
        db,
        sql`select organization_id from event_media where id = ${fits.json().id}`,
      );
      expect(row!.organization_id).toBe(city.id);
    });
  });
});
