import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { adminHeaders, makeSignedInUser, type SessionHeaders } from '../../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership } from '../../../../test/helpers/factories.ts';
import { worldMiniFiles } from '../../../../test/helpers/fixtures.ts';
import { MULTIPART, multipart, type Part } from '../../../../test/helpers/multipart.ts';
import { queryRows } from '../../../db/query.ts';
import { loadGazetteer } from '../world/gazetteer.ts';
import { importWorld } from '../world/world.import.ts';
import { MAX_EXTRACT_BYTES } from './wikidata-refresh.routes.ts';

const NEWER = path.resolve('test/fixtures/wikidata-refresh');
const nodes = readFileSync(path.join(NEWER, 'wikidata_p190_nodes.tsv'));
const links = readFileSync(path.join(NEWER, 'wikidata_p190_links.tsv'));
const nodesPart: Part = {
  name: 'nodes',
  filename: 'nodes.tsv',
  type: 'text/tab-separated-values',
  content: nodes,
};
const linksPart: Part = {
  name: 'links',
  filename: 'links.tsv',
  type: 'text/tab-separated-values',
  content: links,
};
const URL = '/api/admin/wikidata-refresh';

let t: TestApp;
const headers = {} as Record<'anonymous' | 'editor' | 'admin', SessionHeaders>;

const upload = (as: SessionHeaders, parts: Part[] = [nodesPart, linksPart]) =>
  t.app.inject({
    method: 'POST',
    url: URL,
    headers: { ...as, 'content-type': MULTIPART },
    payload: multipart(parts),
  });

/** What the registry holds, its history and its import runs, to prove that a request changed nothing. */
async function fingerprint() {
  const [row] = await queryRows(
    t.database.db,
    sql`select
      (select md5(string_agg(t::text, ',' order by t.id)) from partnerships t) as ties,
      (select md5(string_agg(ps::text, ',' order by ps.id)) from partnership_sources ps) as sources,
      (select md5(string_agg(p::text, ',' order by p.id)) from places p) as places,
      (select count(*) from audit_events)::int as audit_events,
      (select count(*) from import_runs)::int as import_runs`,
  );
  return row;
}

beforeAll(async () => {
  t = await createTestApp();
  await importWorld(t.database, { files: worldMiniFiles(), gazetteer: await loadGazetteer() });
  const espoo = await makeOrganization(t.database.db, { name: 'City of Espoo' });
  headers.anonymous = {};
  headers.admin = await adminHeaders(t.database.db, { name: 'Admin' });
  headers.editor = (
    await makeSignedInUser(t.database.db, { memberships: [{ organizationId: espoo.id, role: 'editor' }] })
  ).headers;
});
afterAll(() => t.close());

describe('the Wikidata refresh API', () => {
  it('is for administrators only, refused before an upload or a body is read', async () => {
    const before = await fingerprint();
    expect((await upload(headers.anonymous)).statusCode).toBe(401);
    const refused = await upload(headers.editor);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect(refused.headers.connection).toBe('close');
    // A body that could never be read is refused for who sends it, not for what it is.
    const unreadable = await t.app.inject({
      method: 'POST',
      url: URL,
      headers: { ...headers.editor, 'content-type': MULTIPART },
      payload: multipart([nodesPart], { end: false }),
    });
    expect(unreadable.statusCode).toBe(403);
    for (const [method, url] of [
      ['GET', URL],
      ['GET', `${URL}/0123456789ab`],
      ['POST', `${URL}/0123456789ab/apply`],
    ] as const) {
      expect((await t.app.inject({ method, url })).statusCode).toBe(401);
      const answer = await t.app.inject({
        method,
        url,
        headers: { ...headers.editor, 'content-type': 'application/json' },
        payload: method === 'POST' ? '{"truncated": ' : undefined,
      });
      expect(answer.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('makes a diff of an upload, answers it by id, and applies it once', async () => {
    const before = await fingerprint();
    const made = await upload(headers.admin);
    expect(made.statusCode, made.body).toBe(201);
    const diff = made.json();
    expect(diff).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{12}$/),
      counts: { new: 3, gone: 3, changed: 3, unresolved: 1 },
      files: [
        { name: 'nodes', fileName: 'nodes.tsv', rows: 8 },
        { name: 'links', fileName: 'links.tsv', rows: 4 },
      ],
      applied: null,
    });
    expect(await fingerprint()).toEqual(before);

    const read = await t.app.inject({ method: 'GET', url: `${URL}/${diff.id}`, headers: headers.admin });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(diff);
    const listed = await t.app.inject({ method: 'GET', url: URL, headers: headers.admin });
    expect(listed.json().items.map((item: { id: string }) => item.id)).toContain(diff.id);

    const applied = await t.app.inject({
      method: 'POST',
      url: `${URL}/${diff.id}/apply`,
      headers: headers.admin,
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({
      id: diff.id,
      alreadyApplied: false,
      counts: { tiesWithdrawn: 2 },
    });
    const history = await queryRows<{ action: string; actor: string }>(
      t.database.db,
      sql`select action, actor_label as actor from audit_events where action in ('import', 'withdraw') order by id`,
    );
    expect(history.length).toBeGreaterThan(0);
    expect(new Set(history.map((event) => event.actor))).toEqual(new Set([expect.stringContaining('Admin')]));

    const after = await fingerprint();
    const again = await t.app.inject({
      method: 'POST',
      url: `${URL}/${diff.id}/apply`,
      headers: headers.admin,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyApplied: true, runId: applied.json().runId });
    expect(await fingerprint()).toEqual(after);
    const reread = await t.app.inject({ method: 'GET', url: `${URL}/${diff.id}`, headers: headers.admin });
    expect(reread.json().applied).toMatchObject({ runId: applied.json().runId });
  });

  it('refuses a stale diff with 409', async () => {
    const diff = (await upload(headers.admin)).json();
    const [espoo, tokyo] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from places where wikidata_qid in ('Q47034', 'Q8686') order by id`,
    );
    await makePartnership(t.database.db, [espoo!.id, tokyo!.id], { kind: 'mou' });
    const before = await fingerprint();
    const refused = await t.app.inject({
      method: 'POST',
      url: `${URL}/${diff.id}/apply`,
      headers: headers.admin,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('REFRESH_STALE');
    expect(refused.json().error.message).toContain('make a new diff');
    expect(await fingerprint()).toEqual(before);
  });

  it('answers bad uploads and unknown diffs with a clear 4xx, keeping nothing', async () => {
    const listed = async () =>
      (await t.app.inject({ method: 'GET', url: URL, headers: headers.admin })).json().items.length;
    const kept = await listed();
    const before = await fingerprint();
    const cases: [Part[] | string, number, string, string?][] = [
      ['{"nodes": "…"}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [[nodesPart], 400, 'VALIDATION_FAILED', 'links'],
      [[nodesPart, nodesPart], 400, 'VALIDATION_FAILED', 'nodes'],
      [[nodesPart, linksPart, { ...linksPart, name: 'extra' }], 400, 'VALIDATION_FAILED', 'extra'],
      [[{ name: 'note', content: 'hello' }, nodesPart, linksPart], 400, 'VALIDATION_FAILED', 'note'],
      [[{ ...nodesPart, content: 'city\tlat\nEspoo\t60\n' }, linksPart], 400, 'VALIDATION_FAILED', 'nodes'],
      [[nodesPart, { ...linksPart, content: '' }], 400, 'VALIDATION_FAILED', 'links'],
      [
        [nodesPart, { ...linksPart, content: Buffer.alloc(MAX_EXTRACT_BYTES + 1, 'a') }],
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const answer =
        typeof body === 'string'
          ? await t.app.inject({
              method: 'POST',
              url: URL,
              headers: { ...headers.admin, 'content-type': 'application/json' },
              payload: body,
            })
          : await upload(headers.admin, body);
      expect(answer.statusCode, answer.body).toBe(status);
      expect(answer.json().error.code).toBe(code);
      if (field)
        expect(answer.json().error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    const wrongId = await t.app.inject({ method: 'GET', url: `${URL}/..%2Fdb`, headers: headers.admin });
    expect(wrongId.statusCode).toBe(400);
    const unknown = await t.app.inject({ method: 'GET', url: `${URL}/0123456789ab`, headers: headers.admin });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('REFRESH_NOT_FOUND');
    const body = await t.app.inject({
      method: 'POST',
      url: `${URL}/0123456789ab/apply`,
      headers: { ...headers.admin, 'content-type': 'application/json' },
      payload: '{"force": true}',
    });
    expect(body.statusCode).toBe(400);
    expect(await listed()).toBe(kept);
    expect(await fingerprint()).toEqual(before);
  });
});
