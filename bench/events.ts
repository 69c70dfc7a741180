/**
 * Events on the imported world data: inviting 300 places in one action, an event page's API (a six-session
 * programme and 300 invitations), and an organisation's iCalendar feed of 1,000 events; through the app's own
 * routes (in process, as the search figures are taken), on the engine given.
 */
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { queryRows } from '../src/db/query.ts';
import { insertEvent } from '../src/features/events/events.repo.ts';
import { benchAdminHeaders, percentile } from './figures.ts';

export interface EventFigures {
  inviteP50: number;
  pageP95: number;
  invitationsP95: number;
  feedMedian: number;
}

export async function eventBenchmarks(database: Database): Promise<EventFigures> {
  const app = await buildApp({ database });
  await app.ready();
  try {
    const headers = await benchAdminHeaders(database, 'events');
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const response = await app.inject({ method, url, headers, payload });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response;
    };
    const places = (
      await queryRows<{ id: number }>(
        database.db,
        sql`select id from places where merged_into_id is null order by partner_count desc, id limit 320`,
      )
    ).map((row) => Number(row.id));
    const host = (
      await call('POST', '/api/organizations', { kind: 'city_government', name: 'Bench host city' })
    ).json() as { id: number };
    const event = (title: string) => ({
      kind: 'forum',
      attendanceMode: 'hybrid',
      startsAt: '2026-11-10T14:00:00+08:00',
      endsAt: '2026-11-10T18:00:00+08:00',
      timeZone: 'Asia/Shanghai',
      title: { en: title, fi: title, sv: title },
      hostIds: [host.id],
      venuePlaceId: places[0],
    });

    // Invite 300 places into a new event each time.
    const invites: number[] = [];
    for (let run = 0; run < 9; run += 1) {
      const created = (await call('POST', '/api/events', event(`Forum ${run}`))).json() as { id: number };
      const started = performance.now();
      const response = await call('POST', `/api/events/${created.id}/invitations`, {
        placeIds: places.slice(0, 300),
      });
      invites.push(performance.now() - started);
      if (response.json().invited !== 300) throw new Error('300 invitations expected');
    }

    // The event page's API: the event with a six-session programme, and its 300 invitations.
    const people: { id: number; posts: { id: number }[] }[] = [];
    for (const name of ['Mayor', 'Moderator', 'Panelist']) {
      people.push(
        (
          await call('POST', '/api/people', {
            name: `Bench ${name}`,
            keeperId: host.id,
            visibility: 'published',
            posts: [{ organizationId: host.id, role: 'director' }],
          })
        ).json() as { id: number; posts: { id: number }[] },
      );
    }
    const page = (await call('POST', '/api/events', event('Forum with a programme'))).json() as {
      id: number;
      version: number;
    };
    const sessions = ['opening', 'panel', 'panel', 'keynote', 'closing', 'group_photo'].map(
      (kind, index) => ({
        kind,
        startsAt: `2026-11-10T${String(14 + Math.floor(index / 2)).padStart(2, '0')}:${index % 2 ? '30' : '00'}:00+08:00`,
        endsAt: `2026-11-10T${String(14 + Math.floor(index / 2)).padStart(2, '0')}:${index % 2 ? '59' : '29'}:00+08:00`,
        title: { en: `Session ${index + 1}`, fi: `Istunto ${index + 1}` },
        theme: { en: 'Sustainable development' },
        speakers: people.map((person, at) => ({
          personId: person.id,
          role: at === 0 ? 'opening_speaker' : at === 1 ? 'moderator' : 'panelist',
          postId: person.posts[0]!.id,
        })),
        seats: places.slice(index * 4, index * 4 + 4).map((placeId) => ({ placeId })),
      }),
    );
    await call('PUT', `/api/events/${page.id}/programme`, { version: page.version, sessions });
    await call('POST', `/api/events/${page.id}/invitations`, { placeIds: places.slice(0, 300) });
    const timed = async (url: string) => {
      for (let run = 0; run < 20; run += 1) await app.inject({ url }); // warm-up
      const times: number[] = [];
      for (let run = 0; run < 200; run += 1) {
        const started = performance.now();
        const response = await app.inject({ url });
        times.push(performance.now() - started);
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
      }
      return percentile(times, 95);
    };
    const pageP95 = await timed(`/api/events/${page.id}`);
    const invitationsP95 = await timed(`/api/events/${page.id}/invitations`);

    // An organisation's calendar feed of 1,000 events (written straight to the database: the feed is measured).
    const feedHost = (
      await call('POST', '/api/organizations', { kind: 'city_government', name: 'Bench feed city' })
    ).json() as { id: number };
    for (let index = 0; index < 1000; index += 1) {
      const day = new Date(Date.UTC(2020, 0, 1) + index * 86_400_000);
      await insertEvent(database.db, {
        kind: 'meeting',
        attendanceMode: 'in_person',
        startsAt: day,
        endsAt: new Date(day.getTime() + 3_600_000),
        timeZone: 'Europe/Helsinki',
        title: { en: `Meeting ${index}`, fi: `Kokous ${index}` },
        description: { en: 'Steering group of the twin-town programme.' },
        venuePlaceId: places[index % places.length]!,
        hostIds: [feedHost.id],
      });
    }
    const feedUrl = `/api/calendars/organizations/${feedHost.id}/events.ics`;
    await app.inject({ url: feedUrl });
    const feeds: number[] = [];
    for (let run = 0; run < 7; run += 1) {
      const started = performance.now();
      const response = await app.inject({ url: feedUrl });
      feeds.push(performance.now() - started);
      if ((response.body.match(/BEGIN:VEVENT/g) ?? []).length !== 1000)
        throw new Error('1,000 events expected');
    }
    return { inviteP50: percentile(invites, 50), pageP95, invitationsP95, feedMedian: percentile(feeds, 50) };
  } finally {
    await app.close();
  }
}
