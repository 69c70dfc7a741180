import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { memberHeaders, type SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { queryRows } from '../../db/query.ts';

let t: TestApp;
let espoo: { id: number };
let shanghai: { id: number };
let tallinn: { id: number };
let cityOfEspoo: { id: number };
let cityOfShanghai: { id: number };
let espooEditor: SessionHeaders;
let espooViewer: SessionHeaders;
let shanghaiEditor: SessionHeaders;
let importedTieId: number;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  espoo = await makePlace(db, { name: 'Espoo' });
  shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN' });
  tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE' });
  cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  cityOfShanghai = await makeOrganization(db, {
    name: 'Shanghai Municipal People’s Government',
    placeId: shanghai.id,
  });
  espooEditor = await memberHeaders(db, cityOfEspoo.id, 'editor');
  espooViewer = await memberHeaders(db, cityOfEspoo.id, 'viewer');
  shanghaiEditor = await memberHeaders(db, cityOfShanghai.id, 'editor');
  importedTieId = (await makePartnership(db, [espoo.id, tallinn.id])).id;
});
afterAll(() => t.close());

const request: TestApp['request'] = (...args) => t.request(...args);

const twinTown = {
  kind: 'twin_town',
  parties: [{ placeId: 0 }, { placeId: 0 }],
  startedOn: '1998-05-20',
  themes: ['sustainable_development', 'education'],
  descriptions: { fi: 'Ystävyyskaupungit vuodesta 1998', en: 'Twin towns since 1998' },
  notes: 'Contact through the foreign affairs office',
};

describe('creating and confirming ties', () => {
  let id: number;

  it('lets an editor of a party create a tie, confirmed for that party only', async () => {
    const body = { ...twinTown, parties: [{ placeId: espoo.id }, { placeId: shanghai.id }] };
    expect((await request('POST', '/api/partnerships', {}, body)).statusCode).toBe(401);
    expect((await request('POST', '/api/partnerships', espooViewer, body)).statusCode).toBe(403);

    const created = await request('POST', '/api/partnerships', espooEditor, body);
    expect(created.statusCode).toBe(201);
    const tie = created.json();
    id = tie.id;
    expect(tie.parties).toEqual([
      expect.objectContaining({
        placeId: espoo.id,
        name: 'Espoo',
        confirmedAt: expect.any(String),
        canConfirm: false,
      }),
      expect.objectContaining({
        placeId: shanghai.id,
        name: 'Shanghai',
        confirmedAt: null,
        canConfirm: false,
      }),
    ]);
    expect(tie).toMatchObject({ version: 1, canEdit: true, notes: body.notes, sources: [] });
    expect(tie.computed.years).toBeGreaterThanOrEqual(28);
  });

  it('shows anonymous visitors the published tie without its internal notes', async () => {
    const anonymous = (await request('GET', `/api/partnerships/${id}`)).json();
    expect(anonymous).not.toHaveProperty('notes');
    expect(anonymous.canEdit).toBe(false);
    const partners = (await request('GET', `/api/places/${espoo.id}/partners`)).json();
    expect(partners.partners.map((partner: { place: { name: string } }) => partner.place.name)).toContain(
      'Shanghai',
    );
  });

  it('lets the other party confirm for itself, and nobody else', async () => {
    const before = (await request('GET', `/api/partnerships/${id}`, shanghaiEditor)).json();
    expect(before.parties[1].canConfirm).toBe(true);
    const espooTries = await request('POST', `/api/partnerships/${id}/confirm`, espooEditor, {
      version: 1,
      party: { placeId: shanghai.id },
    });
    expect(espooTries.statusCode).toBe(403);
    const confirmed = await request('POST', `/api/partnerships/${id}/confirm`, shanghaiEditor, {
      version: 1,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().parties.every((party: { confirmedAt: string | null }) => party.confirmedAt)).toBe(
      true,
    );
    expect(confirmed.json().version).toBe(2);
  });

  it('refuses a second tie of the same kind between the same parties', async () => {
    const again = await request('POST', '/api/partnerships', espooEditor, {
      kind: 'twin_town',
      parties: [{ placeId: shanghai.id }, { placeId: espoo.id }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PARTNERSHIP_EXISTS');
    // Projects and MoUs can repeat between the same parties.
    const project = await request('POST', '/api/partnerships', espooEditor, {
      kind: 'project',
      parties: [{ placeId: shanghai.id }, { placeId: espoo.id }, { organizationId: cityOfShanghai.id }],
      visibility: 'internal',
    });
    expect(project.statusCode).toBe(201);
  });

  it('keeps imported ties marked with their sources until a party confirms', async () => {
    const imported = (await request('GET', `/api/partnerships/${importedTieId}`, espooEditor)).json();
    expect(imported.sources).toEqual([expect.objectContaining({ key: 'test-source' })]);
    expect(
      imported.parties.every((party: { confirmedAt: string | null }) => party.confirmedAt === null),
    ).toBe(true);
    const confirmed = await request('POST', `/api/partnerships/${importedTieId}/confirm`, espooEditor, {
      version: imported.version,
    });
    expect(confirmed.json().parties).toEqual([
      expect.objectContaining({ name: 'Espoo', confirmedAt: expect.any(String) }),
      expect.objectContaining({ name: 'Tallinn', confirmedAt: null, canConfirm: false }),
    ]);
    expect(confirmed.json().sources).toHaveLength(1);
  });

  it('answers bad input with the offending fields and creates nothing', async () => {
    const [{ n: before } = { n: -1 }] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from partnerships`,
    );
    const cases: [object, string][] = [
      [{ kind: 'twin_town', parties: [{ placeId: espoo.id }] }, 'body.parties'],
      [{ kind: 'twin_town', parties: [{ placeId: espoo.id }, { placeId: espoo.id }] }, 'body.parties'],
      [{ kind: 'twin_town', parties: [{ placeId: espoo.id }, { placeId: 999999 }] }, 'body.parties.1'],
      [{ kind: 'alliance', parties: [{ placeId: espoo.id }, { placeId: tallinn.id }] }, 'body.kind'],
      [
        { kind: 'mou', parties: [{ placeId: espoo.id }, { placeId: tallinn.id }], startedOn: '2021-02-30' },
        'body.startedOn',
      ],
      [
        { kind: 'mou', parties: [{ placeId: espoo.id }, { placeId: tallinn.id }], endedOn: '2021-01-01' },
        'body.endedOn',
      ],
      [
        { kind: 'mou', parties: [{ placeId: espoo.id }, { placeId: tallinn.id }], themes: ['golf'] },
        'body.themes.0',
      ],
      [{ kind: 'mou', parties: [{ placeId: espoo.id }, { placeId: tallinn.id }], extra: 1 }, 'body.extra'],
    ];
    for (const [body, field] of cases) {
      const response = await request('POST', '/api/partnerships', espooEditor, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    const [{ n: after } = { n: -2 }] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from partnerships`,
    );
    expect(after).toBe(before);
  });
});

describe('editing with versions', () => {
  it('answers a stale version with 409 and the current record, and applies a fresh one', async () => {
    const tie = (await request('GET', `/api/partnerships/${importedTieId}`, espooEditor)).json();
    const first = await request('PATCH', `/api/partnerships/${importedTieId}`, espooEditor, {
      version: tie.version,
      status: 'dormant',
    });
    expect(first.statusCode).toBe(200);
    const stale = await request('PATCH', `/api/partnerships/${importedTieId}`, espooEditor, {
      version: tie.version,
      themes: ['culture'],
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', current: { status: 'dormant' } });
    const reapplied = await request('PATCH', `/api/partnerships/${importedTieId}`, espooEditor, {
      version: stale.json().error.current.version,
      themes: ['culture'],
    });
    expect(reapplied.json()).toMatchObject({ status: 'dormant', themes: ['culture'] });
  });

  it('lets exactly one of many parallel conflicting updates win, and loses nothing', async () => {
    const tie = (await request('GET', `/api/partnerships/${importedTieId}`, espooEditor)).json();
    const reasons = Array.from({ length: 8 }, (_, index) => `Reason ${index}`);
    const responses = await Promise.all(
      reasons.map((reason) =>
        request('PATCH', `/api/partnerships/${importedTieId}`, espooEditor, {
          version: tie.version,
          notes: reason,
        }),
      ),
    );
    const codes = responses.map((response) => response.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = responses.find((response) => response.statusCode === 200)!.json();
    const now = (await request('GET', `/api/partnerships/${importedTieId}`, espooEditor)).json();
    expect(now.notes).toBe(winner.notes);
    expect(now.version).toBe(tie.version + 1);
    const history = (await request('GET', `/api/partnerships/${importedTieId}/history`, espooEditor)).json();
    expect(
      history.items.filter((event: { action: string }) => event.action === 'update').at(-1).after.notes,
    ).toBe(winner.notes);
  });

  it('ends a tie with a date and reason', async () => {
    const tie = (await request('GET', `/api/partnerships/${importedTieId}`, espooEditor)).json();
    const ended = await request('POST', `/api/partnerships/${importedTieId}/end`, espooEditor, {
      version: tie.version,
      endedOn: '2024-12-31',
      endReason: 'Both cities agreed to end it',
    });
    expect(ended.json()).toMatchObject({
      status: 'ended',
      endedOn: '2024-12-31',
      computed: { nextAnniversary: null },
    });
    const reopen = await request('PATCH', `/api/partnerships/${importedTieId}`, espooEditor, {
      version: ended.json().version,
      status: 'active',
    });
    expect(reopen.statusCode).toBe(400);
    expect(reopen.json().error.details[0].field).toBe('body.status');
  });
});

describe('deleting and restoring', () => {
  it('hides a deleted tie from the public and its counts, and restores it', async () => {
    const body = { kind: 'friendship_city', parties: [{ placeId: espoo.id }, { placeId: tallinn.id }] };
    const created = (await request('POST', '/api/partnerships', espooEditor, body)).json();
    const countOf = async () => (await request('GET', `/api/places/${tallinn.id}`)).json().counts.partners;
    const before = await countOf();

    expect(
      (await request('DELETE', `/api/partnerships/${created.id}?version=1`, shanghaiEditor)).statusCode,
    ).toBe(403);
    const deleted = await request('DELETE', `/api/partnerships/${created.id}?version=1`, espooEditor);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().deletedAt).not.toBeNull();
    expect((await request('GET', `/api/partnerships/${created.id}`)).statusCode).toBe(404);
    expect(await countOf()).toBe(before - 1);
    const again = await request('POST', '/api/partnerships', espooEditor, body);
    expect(again.json().error.message).toContain('restore it instead');

    const restored = await request('POST', `/api/partnerships/${created.id}/restore`, espooEditor, {
      version: 2,
    });
    expect(restored.json()).toMatchObject({ deletedAt: null, version: 3 });
    expect(await countOf()).toBe(before);
    const history = (await request('GET', `/api/partnerships/${created.id}/history`, espooEditor)).json();
    expect(history.items.map((event: { action: string }) => event.action)).toEqual([
      'create',
      'delete',
      'restore',
    ]);
    expect(history.items[0].actor).toMatch(/^User \d+ </);
  });

  it('keeps internal ties from anonymous visitors and other organisations', async () => {
    const created = (
      await request('POST', '/api/partnerships', espooEditor, {
        kind: 'mou',
        parties: [{ placeId: espoo.id }, { placeId: tallinn.id }],
        visibility: 'internal',
      })
    ).json();
    expect((await request('GET', `/api/partnerships/${created.id}`)).statusCode).toBe(404);
    expect((await request('GET', `/api/partnerships/${created.id}`, shanghaiEditor)).statusCode).toBe(404);
    expect((await request('GET', `/api/partnerships/${created.id}`, espooViewer)).statusCode).toBe(200);
    const list = (await request('GET', '/api/partnerships?country=EE')).json();
    expect(list.items.map((item: { id: number }) => item.id)).not.toContain(created.id);
  });
});

describe('documents', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

  const upload = (id: number, headers: SessionHeaders, name: string, bytes: Buffer, type: string) => {
    const boundary = '----citybridge';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/api/partnerships/${id}/documents`,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  };

  it('stores a PDF, lists it on the tie and serves it back', async () => {
    const uploaded = await upload(
      importedTieId,
      espooEditor,
      '../../agreement 1998.pdf',
      pdf,
      'application/pdf',
    );
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json()).toMatchObject({
      fileName: 'agreement 1998.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
    });
    const tie = (await request('GET', `/api/partnerships/${importedTieId}`)).json();
    expect(tie.documents).toEqual([expect.objectContaining({ fileName: 'agreement 1998.pdf' })]);
    const download = await t.app.inject({ url: uploaded.json().url });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('refuses files that are not PDF or images, whatever they claim to be', async () => {
    const script = await upload(
      importedTieId,
      espooEditor,
      'agreement.pdf',
      Buffer.from('<script>alert(1)</script>'),
      'application/pdf',
    );
    expect(script.statusCode).toBe(415);
    const stranger = await upload(importedTieId, shanghaiEditor, 'x.pdf', pdf, 'application/pdf');
    expect(stranger.statusCode).toBe(403);
    const tie = (await request('GET', `/api/partnerships/${importedTieId}`)).json();
    expect(tie.documents).toHaveLength(1);
  });
});
