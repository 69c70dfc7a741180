import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Readers } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';

/**
 * An event's public page carries schema.org Event JSON-LD in its head, as a JSON-LD processor (the `jsonld`
 * package) expands it: the types, the dates on the host's clock with their offset, the forum inside CIIE as a
 * sub-event, sessions as sub-events, the organisers, and as performers only speakers the public may see.
 */

const SCHEMA = 'https://schema.org/';
const ONLINE_URL = 'https://meet.example.org/forum-room';
let t: TestApp;
let webDir: string;
let as: Readers;
let shanghai: { id: number };
let cityOfShanghai: { id: number };
const call: TestApp['request'] = (...args) => t.request(...args);

/** schema.org's context, as its address would answer: every term in the schema.org vocabulary. */
const documentLoader = async (url: string) => {
  if (!url.startsWith('https://schema.org')) throw new Error(`no document ${url} offline`);
  return { contextUrl: undefined, documentUrl: url, document: { '@context': { '@vocab': SCHEMA } } };
};

/** The page's JSON-LD, as its head carries it, or undefined. */
async function pageJsonLd(id: number) {
  const response = await call('GET', `/events/${id}`, as.anonymous);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/html');
  expect(response.body).toContain('<div id="root">');
  const script = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(response.body)?.[1];
  return { html: response.body, data: script === undefined ? undefined : JSON.parse(script) };
}

const value = (node: Record<string, unknown>, term: string) =>
  (node[`${SCHEMA}${term}`] as { '@value'?: unknown; '@id'?: string }[] | undefined)?.[0];
/** An enumeration member (a schema.org URL): a node reference or, as Google's examples write it, a plain URL. */
const member = (node: Record<string, unknown>, term: string) =>
  value(node, term)?.['@id'] ?? value(node, term)?.['@value'];

beforeAll(async () => {
  webDir = await mkdtemp(path.join(tmpdir(), 'citybridge-web-'));
  await writeFile(
    path.join(webDir, 'index.html'),
    '<!doctype html><html><head><title>CityBridge</title></head><body><div id="root"></div></body></html>',
  );
  t = await createTestApp({ webDir });
  ({ shanghai, cityOfShanghai, as } = await makeEspooAndShanghai(t.database.db));
});
afterAll(async () => {
  await t.close();
  await rm(webDir, { recursive: true, force: true });
});

async function createEvent(body: Record<string, unknown>) {
  const response = await call('POST', '/api/events', as.otherEditor, {
    kind: 'forum',
    attendanceMode: 'online',
    startsAt: '2020-11-10T14:00:00+08:00',
    endsAt: '2020-11-10T17:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    hostIds: [cityOfShanghai.id],
    onlineUrl: ONLINE_URL,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; version: number };
}

describe("an event page's JSON-LD", () => {
  it('expands to a schema.org Event with its dates, parent, sessions, organisers and public speakers', async () => {
    const expo = await createEvent({
      kind: 'trade_fair',
      attendanceMode: 'in_person',
      startsAt: '2020-11-05T09:00:00+08:00',
      endsAt: '2020-11-10T18:00:00+08:00',
      title: { en: 'CIIE 2020' },
      venuePlaceId: shanghai.id,
      address: 'National Exhibition and Convention Center',
    });
    const forum = await createEvent({
      title: { en: 'Shanghai twin-town forum', fi: 'Shanghain ystävyyskaupunkifoorumi' },
      parentId: expo.id,
      themes: ['sustainable development'],
    });
    const person = async (name: string, visibility: string) =>
      (
        await call('POST', '/api/people', as.otherEditor, {
          name,
          keeperId: cityOfShanghai.id,
          visibility,
          posts: [{ organizationId: cityOfShanghai.id, role: 'mayor', title: 'Mayor of Shanghai' }],
        })
      ).json();
    const mayor = await person('Gong Zheng', 'published');
    const hidden = await person('Li Wei', 'internal');
    const programme = await call('PUT', `/api/events/${forum.id}/programme`, as.otherEditor, {
      version: forum.version,
      sessions: [
        {
          kind: 'opening',
          startsAt: '2020-11-10T14:00:00+08:00',
          endsAt: '2020-11-10T14:15:00+08:00',
          title: { en: 'Opening' },
          speakers: [
            { personId: mayor.id, role: 'opening_speaker', postId: mayor.posts[0].id },
            { personId: hidden.id, role: 'moderator', postId: hidden.posts[0].id },
          ],
        },
        { kind: 'closing', title: { en: 'Closing' } },
      ],
    });
    expect(programme.statusCode, programme.body).toBe(200);

    const { html, data } = await pageJsonLd(forum.id);
    expect(html).not.toContain(ONLINE_URL);
    expect(html).not.toContain('Li Wei');
    const [event] = (await jsonld.expand(data, { documentLoader })) as Record<string, unknown>[];
    expect(event!['@type']).toEqual([`${SCHEMA}Event`]);
    expect(event!['@id']).toBe(`http://localhost:3000/events/${forum.id}`);
    expect(value(event!, 'name')?.['@value']).toBe('Shanghai twin-town forum');
    expect(value(event!, 'startDate')?.['@value']).toBe('2020-11-10T14:00:00+08:00');
    expect(value(event!, 'endDate')?.['@value']).toBe('2020-11-10T17:00:00+08:00');
    expect(new Date(value(event!, 'startDate')?.['@value'] as string).toISOString()).toBe(
      '2020-11-10T06:00:00.000Z',
    );
    expect(member(event!, 'eventAttendanceMode')).toBe(`${SCHEMA}OnlineEventAttendanceMode`);
    expect(member(event!, 'eventStatus')).toBe(`${SCHEMA}EventScheduled`);
    expect(value(event!, 'superEvent')?.['@id']).toBe(`http://localhost:3000/events/${expo.id}`);
    const location = value(event!, 'location') as Record<string, unknown>;
    expect(location['@type']).toEqual([`${SCHEMA}VirtualLocation`]);
    const organizer = value(event!, 'organizer') as Record<string, unknown>;
    expect(value(organizer, 'name')?.['@value']).toBe('City of Shanghai');
    const sessions = event![`${SCHEMA}subEvent`] as Record<string, unknown>[];
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!['@type']).toEqual([`${SCHEMA}Event`]);
    expect(value(sessions[0]!, 'endDate')?.['@value']).toBe('2020-11-10T14:15:00+08:00');
    const performers = event![`${SCHEMA}performer`] as Record<string, unknown>[];
    expect(performers.map((performer) => value(performer, 'name')?.['@value'])).toEqual(['Gong Zheng']);
    expect(value(performers[0]!, 'jobTitle')?.['@value']).toBe('Mayor of Shanghai');

    const parent = (await pageJsonLd(expo.id)).data;
    const [fair] = (await jsonld.expand(parent, { documentLoader })) as Record<string, unknown>[];
    const place = value(fair!, 'location') as Record<string, unknown>;
    expect(place['@type']).toEqual([`${SCHEMA}Place`]);
    expect(value(place, 'address')?.['@value']).toBe('National Exhibition and Convention Center');
  });

  it('gives Finnish readers the Finnish title, and keeps a hostile title inside its script', async () => {
    const forum = await createEvent({
      title: { en: '</script><script>alert(1)</script>', fi: 'Foorumi' },
    });
    const finnish = await call('GET', `/events/${forum.id}`, { 'accept-language': 'fi-FI,fi;q=0.9' });
    expect(finnish.body).toContain('"name":"Foorumi"');
    const { html, data } = await pageJsonLd(forum.id);
    expect(html).not.toContain('<script>alert(1)');
    expect(data.name).toBe('</script><script>alert(1)</script>');
  });

  it('is not on the page of an internal or unknown event, which loads all the same', async () => {
    const internal = await createEvent({ title: { en: 'Internal' }, visibility: 'internal' });
    expect((await pageJsonLd(internal.id)).data).toBeUndefined();
    expect((await pageJsonLd(2_000_000_000)).data).toBeUndefined();
  });
});
