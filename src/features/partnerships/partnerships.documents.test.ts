import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { adminHeaders, memberHeaders, type SessionHeaders } from '../../../test/helpers/auth.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { MULTIPART, multipart, type Part } from '../../../test/helpers/multipart.ts';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { MAX_DOCUMENT_BYTES } from './partnerships.documents.ts';

/**
 * Uploads are checked for rights before their body is read, streamed to disk within their limits, refused
 * cleanly when malformed, charged to an organisation's quota, and their files leave the disk with their last
 * document.
 */

let t: TestApp;
let espoo: { id: number };
let tallinn: { id: number };
let riga: { id: number };
let cityOfEspoo: { id: number };
let espooEditor: SessionHeaders;
let stranger: SessionHeaders;
let admin: SessionHeaders;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  espoo = await makePlace(db, { name: 'Espoo' });
  tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE' });
  riga = await makePlace(db, { name: 'Riga', country: 'LV' });
  cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  const cityOfTallinn = await makeOrganization(db, { name: 'Tallinn City Government', placeId: tallinn.id });
  espooEditor = await memberHeaders(db, cityOfEspoo.id, 'editor');
  stranger = await memberHeaders(db, cityOfTallinn.id, 'viewer');
  admin = await adminHeaders(db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

/** A PDF of about `size` bytes whose content differs by `seed`. */
function pdf(seed: string, size = 64): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% ${seed}\n`);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
}

const filePart = (content: Buffer, filename = 'agreement.pdf'): Part => ({
  name: 'file',
  filename,
  type: 'application/pdf',
  content,
});

function upload(
  app: FastifyInstance,
  tieId: number,
  headers: SessionHeaders,
  payload: Buffer | string,
  contentType = MULTIPART,
) {
  return app.inject({
    method: 'POST',
    url: `/api/partnerships/${tieId}/documents`,
    headers: { ...headers, 'content-type': contentType },
    payload,
  });
}

/** Uploads one file to the tie as Espoo's editor. */
const uploadFile = (tieId: number, content: Buffer, filename?: string) =>
  upload(t.app, tieId, espooEditor, multipart([filePart(content, filename)]));

/** Document rows and files in the documents folder, temporary ones included; the shared app's by default. */
async function stored(db: Db = t.database.db, documentsDir = t.documentsDir) {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from partnership_documents`,
  );
  return { rows: row!.count, files: (await readdir(documentsDir)).sort() };
}

/** A published project between the places (Espoo and Tallinn by default); projects may repeat. */
const newTie = async (...placeIds: number[]) =>
  (
    await makePartnership(t.database.db, placeIds.length ? placeIds : [espoo.id, tallinn.id], {
      kind: 'project',
    })
  ).id;

interface SocketAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes of the request body the client had sent when the answer came. */
  sent: number;
  /** Whether the server closed the connection after answering. */
  closed: boolean;
}

/**
 * Sends a request that announces `declaredLength` bytes of body (or none: chunked) but sends only `firstChunk`,
 * over a real socket, and waits at most `timeoutMs` for the answer.
 */
async function startUpload(
  app: FastifyInstance,
  tieId: number,
  headers: SessionHeaders,
  declaredLength: number | null,
  firstChunk: Buffer,
  timeoutMs = 5000,
): Promise<SocketAnswer> {
  const address = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port: address.port,
      method: 'POST',
      path: `/api/partnerships/${tieId}/documents`,
      headers: {
        ...headers,
        'content-type': MULTIPART,
        ...(declaredLength === null ? {} : { 'content-length': String(declaredLength) }),
      },
      agent: false,
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
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
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
            sent: firstChunk.length,
            closed,
          });
        };
        if (socket.destroyed || socket.readableEnded) finish(true);
        else {
          const wait = setTimeout(() => finish(false), 2000);
          socket.once('close', () => {
            clearTimeout(wait);
            finish(true);
          });
          socket.once('end', () => {
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

/** Starts uploading one file as Espoo's editor, sending all of it but the closing boundary. */
const startFileUpload = (tieId: number, declaredLength: number | null, content: Buffer) =>
  startUpload(t.app, tieId, espooEditor, declaredLength, multipart([filePart(content)], { end: false }));

describe('rights before the body', () => {
  const declared = 19 * 1024 * 1024;
  let first: Buffer;

  beforeAll(() => {
    first = multipart([filePart(pdf('big', 64 * 1024))], { end: false });
  });

  it('answers an anonymous upload 401 without waiting for its body, and closes the connection', async () => {
    const tieId = await newTie();
    const before = await stored();
    const answer = await startUpload(t.app, tieId, {}, declared, first);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: 'UNAUTHENTICATED', details: [] });
    expect(answer.sent).toBeLessThan(declared / 100);
    expect(answer.closed).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('answers a signed-in user without rights on the tie 403 the same way', async () => {
    const tieId = await newTie();
    const before = await stored();
    const answer = await startUpload(t.app, tieId, stranger, declared, first);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.code).toBe('FORBIDDEN');
    expect(answer.closed).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('answers 404 for an internal tie the user cannot see, and 413 for a declared length over the limit', async () => {
    const hidden = (
      await makePartnership(t.database.db, [tallinn.id, riga.id], {
        kind: 'project',
        visibility: 'internal',
      })
    ).id;
    const unseen = await startUpload(t.app, hidden, espooEditor, declared, first);
    expect(unseen.status).toBe(404);
    expect(unseen.closed).toBe(true);

    const tieId = await newTie();
    const tooLong = await startUpload(t.app, tieId, espooEditor, MAX_DOCUMENT_BYTES + 2 * 1024 * 1024, first);
    expect(tooLong.status).toBe(413);
    expect(JSON.parse(tooLong.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(tooLong.closed).toBe(true);
  });
});

describe('streaming to disk', () => {
  it('stores a file once under its SHA-256 and charges it to the uploading organisation', async () => {
    const tieId = await newTie();
    const bytes = pdf('stored', 300_000);
    const created = await uploadFile(tieId, bytes);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ mediaType: 'application/pdf', size: bytes.length });
    const download = await t.app.inject({ url: created.json().url });
    expect(download.rawPayload.equals(bytes)).toBe(true);
    const [row] = await queryRows<{ organization_id: number | null; sha256: string }>(
      t.database.db,
      sql`select organization_id, sha256 from partnership_documents where id = ${created.json().id}`,
    );
    expect(row!.organization_id).toBe(cityOfEspoo.id);
    const files = await readdir(t.documentsDir);
    expect(files).toContain(row!.sha256);
    expect(files.filter((name) => name.endsWith('.part'))).toEqual([]);

    // An administrator's upload is charged to the first organisation behind the tie.
    const byAdmin = await upload(t.app, tieId, admin, multipart([filePart(pdf('admin'))]));
    expect(byAdmin.statusCode).toBe(201);
    const [adminRow] = await queryRows<{ organization_id: number | null }>(
      t.database.db,
      sql`select organization_id from partnership_documents where id = ${byAdmin.json().id}`,
    );
    expect(adminRow!.organization_id).toBe(cityOfEspoo.id);
  });

  it('names the file for what its bytes are, without direction marks that disguise its name', async () => {
    const tieId = await newTie();
    const names: [string, string][] = [
      ['x.html', 'x.html.pdf'],
      ['invoice\u202efdp.exe', 'invoicefdp.exe.pdf'],
      ['../../etc/Agreement.PDF', 'Agreement.PDF'],
      ['scan', 'scan.pdf'],
    ];
    for (const [sent, kept] of names) {
      const created = await uploadFile(tieId, pdf(sent), sent);
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().fileName).toBe(kept);
      const download = await t.app.inject({ url: created.json().url });
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent(kept)}`,
      );
    }
  });

  it('refuses a file over the limit with 413 and leaves neither file nor row behind', async () => {
    const tieId = await newTie();
    const before = await stored();
    const big = pdf('too big', MAX_DOCUMENT_BYTES + 1);
    const response = await uploadFile(tieId, big);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await stored()).toEqual(before);

    // Sent without a length, it is refused as soon as it passes the limit, without waiting for the rest.
    const streamed = await startFileUpload(tieId, null, big);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(streamed.closed).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('refuses empty files and files of unknown types, leaving nothing behind', async () => {
    const tieId = await newTie();
    const before = await stored();
    const empty = await uploadFile(tieId, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details).toEqual([{ field: 'file', message: 'is empty' }]);
    const script = Buffer.concat([Buffer.from('<script>alert(1)</script>'), Buffer.alloc(200_000, 0x20)]);
    const unknown = await uploadFile(tieId, script);
    expect(unknown.statusCode).toBe(415);
    expect(unknown.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await stored()).toEqual(before);

    // The type is known from the first bytes: the rest of a large upload is not waited for.
    const early = await startFileUpload(tieId, 19 * 1024 * 1024, script);
    expect(early.status).toBe(415);
    expect(early.closed).toBe(true);
    expect(await stored()).toEqual(before);
  });
});

describe('malformed multipart bodies', () => {
  const cases: { name: string; payload: () => Buffer | string; contentType?: string; status: number }[] = [
    {
      name: 'a truncated body',
      payload: () => multipart([filePart(pdf('truncated', 100_000))], { end: false }).subarray(0, 50_000),
      status: 400,
    },
    {
      name: 'a body without its closing boundary',
      payload: () => multipart([filePart(pdf('unclosed', 1000))], { end: false }),
      status: 400,
    },
    {
      name: 'a multipart content type without a boundary',
      payload: () => multipart([filePart(pdf('no boundary'))]),
      contentType: 'multipart/form-data',
      status: 400,
    },
    {
      name: 'a second file',
      payload: () =>
        multipart([
          filePart(pdf('first')),
          { ...filePart(pdf('second')), name: 'second', filename: 'b.pdf' },
        ]),
      status: 400,
    },
    {
      name: 'a plain form field',
      payload: () => multipart([{ name: 'title', content: 'Agreement' }, filePart(pdf('field'))]),
      status: 400,
    },
    {
      name: 'a plain form field after the file',
      payload: () => multipart([filePart(pdf('field after')), { name: 'title', content: 'Agreement' }]),
      status: 400,
    },
    {
      name: 'a file in another field',
      payload: () => multipart([{ ...filePart(pdf('elsewhere')), name: 'document' }]),
      status: 400,
    },
    { name: 'a form without a file', payload: () => multipart([]), status: 400 },
    { name: 'a text/plain body', payload: () => 'hello', contentType: 'text/plain', status: 415 },
    { name: 'a JSON body', payload: () => '{"file":"x"}', contentType: 'application/json', status: 415 },
    {
      name: 'an octet stream',
      payload: () => pdf('raw'),
      contentType: 'application/octet-stream',
      status: 415,
    },
  ];

  for (const testCase of cases) {
    it(`answers ${testCase.name} with ${testCase.status} and writes nothing`, async () => {
      const tieId = await newTie();
      const before = await stored();
      const response = await upload(t.app, tieId, espooEditor, testCase.payload(), testCase.contentType);
      expect(response.statusCode, response.body).toBe(testCase.status);
      const { error } = response.json();
      expect(error).toEqual({
        code: expect.any(String),
        message: expect.any(String),
        details: expect.any(Array),
      });
      expect(await stored()).toEqual(before);
    });
  }

  it('names the part that does not belong', async () => {
    const tieId = await newTie();
    const second = await upload(
      t.app,
      tieId,
      espooEditor,
      multipart([filePart(pdf('one')), { ...filePart(pdf('two')), name: 'second', filename: 'b.pdf' }]),
    );
    expect(second.json().error.details).toEqual([{ field: 'second', message: expect.any(String) }]);
    const field = await upload(
      t.app,
      tieId,
      espooEditor,
      multipart([{ name: 'title', content: 'Agreement' }, filePart(pdf('three'))]),
    );
    expect(field.json().error.details).toEqual([{ field: 'title', message: expect.any(String) }]);
  });
});

describe('removing documents', () => {
  const remove = (tieId: number, documentId: number) =>
    t.app.inject({
      method: 'DELETE',
      url: `/api/partnerships/${tieId}/documents/${documentId}`,
      headers: espooEditor,
    });

  it('deletes the file with the last live document that refers to it', async () => {
    const first = await newTie();
    const second = await newTie(espoo.id, riga.id);
    const bytes = pdf('shared', 5000);
    const a = (await uploadFile(first, bytes)).json();
    const b = (await uploadFile(second, bytes, 'copy.pdf')).json();
    const [row] = await queryRows<{ sha256: string }>(
      t.database.db,
      sql`select sha256 from partnership_documents where id = ${a.id}`,
    );
    const file = row!.sha256;
    expect(await readdir(t.documentsDir)).toContain(file);

    expect((await remove(first, a.id)).statusCode).toBe(204);
    expect(await readdir(t.documentsDir)).toContain(file);
    expect((await t.app.inject({ url: b.url })).statusCode).toBe(200);

    expect((await remove(second, b.id)).statusCode).toBe(204);
    expect(await readdir(t.documentsDir)).not.toContain(file);

    // The same file uploaded again is stored again.
    const again = await uploadFile(first, bytes);
    expect(again.statusCode).toBe(201);
    expect((await t.app.inject({ url: again.json().url })).rawPayload.equals(bytes)).toBe(true);
  });

  it('keeps the files of a deleted tie, so a restored tie has them', async () => {
    const tieId = await newTie();
    const bytes = pdf('kept with the tie', 3000);
    const document = (await uploadFile(tieId, bytes)).json();
    const tie = (await t.app.inject({ url: `/api/partnerships/${tieId}`, headers: espooEditor })).json();
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/partnerships/${tieId}?version=${tie.version}`,
      headers: espooEditor,
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    const restored = await t.app.inject({
      method: 'POST',
      url: `/api/partnerships/${tieId}/restore`,
      headers: espooEditor,
      payload: { version: deleted.json().version },
    });
    expect(restored.statusCode, restored.body).toBe(200);
    const download = await t.app.inject({ url: document.url, headers: espooEditor });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
  });

  it('keeps the file of a document uploaded while another copy is removed', async () => {
    const first = await newTie();
    const second = await newTie(espoo.id, riga.id);
    for (let round = 0; round < 5; round += 1) {
      const bytes = pdf(`race ${round}`, 2000);
      const old = (await uploadFile(first, bytes)).json();
      const [removed, added] = await Promise.all([remove(first, old.id), uploadFile(second, bytes)]);
      expect(removed.statusCode).toBe(204);
      expect(added.statusCode).toBe(201);
      const download = await t.app.inject({ url: added.json().url });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(bytes)).toBe(true);
    }
  });
});

describe('the storage quota of an organisation', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let documentsDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    documentsDir = await mkdtemp(path.join(tmpdir(), 'citybridge-quota-'));
    app = await buildApp({ database, documentsDir, documentQuotaBytes: 10_000 });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
    await rm(documentsDir, { recursive: true, force: true });
  });

  it('refuses the upload that would take the organisation over its quota, and writes nothing', async () => {
    const db = database.db;
    const helsinki = await makePlace(db, { name: 'Helsinki' });
    const oslo = await makePlace(db, { name: 'Oslo', country: 'NO' });
    const city = await makeOrganization(db, { name: 'City of Helsinki', placeId: helsinki.id });
    const editor = await memberHeaders(db, city.id, 'editor');
    const tieId = (await makePartnership(db, [helsinki.id, oslo.id])).id;

    const first = await upload(app, tieId, editor, multipart([filePart(pdf('quota one', 6000))]));
    expect(first.statusCode, first.body).toBe(201);

    const before = await stored(db, documentsDir);
    const over = await upload(app, tieId, editor, multipart([filePart(pdf('quota two', 6000))]));
    expect(over.statusCode).toBe(413);
    expect(over.json().error).toMatchObject({ code: 'STORAGE_QUOTA_EXCEEDED', details: expect.any(Array) });
    expect(await stored(db, documentsDir)).toEqual(before);

    // What fits still goes in, and removing a document frees its space.
    expect((await upload(app, tieId, editor, multipart([filePart(pdf('small', 3000))]))).statusCode).toBe(
      201,
    );
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/partnerships/${tieId}/documents/${first.json().id}`,
      headers: editor,
    });
    expect(removed.statusCode).toBe(204);
    const retried = await upload(app, tieId, editor, multipart([filePart(pdf('quota two', 6000))]));
    expect(retried.statusCode, retried.body).toBe(201);
  });
});
