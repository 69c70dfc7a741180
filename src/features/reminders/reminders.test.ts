import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { queryRows } from '../../db/query.ts';
import { activities, activityLinks } from '../activities/activities.tables.ts';
import {
  answerAndSubmit,
  type CampaignWorld,
  expectStatus,
  makeCampaign,
  makeCampaignWorld,
} from '../campaigns/campaigns.test-fixtures.ts';
import { eventInvitations, events } from '../events/events.tables.ts';
import type { Mail, Mailer } from '../mail/mailer.ts';
import { partnershipParties, partnerships } from '../partnerships/partnerships.tables.ts';
import { isoWeek, runReminders } from './reminders.service.ts';

/**
 * Reminders reach the people who speak for what they remind of, each reminder once however often and however many
 * processes look, never the kinds a user turned off; the weekly digest goes once a week in the user's language.
 */

let t: TestApp;
let world: CampaignWorld;
let campaignId: number;
let eventId: number;
const call: TestApp['request'] = (...args) => t.request(...args);

/** A Wednesday, 19 days before Espoo and Shanghai's 30th anniversary. */
const NOW = new Date('2028-09-10T09:00:00Z');

const remindersOf = (userId: number) =>
  queryRows<{ kind: string; key: string; link: string; data: Record<string, unknown> }>(
    t.database.db,
    sql`select kind, reminder_key as key, link, data from notifications
        where user_id = ${userId} and reminder_key is not null order by kind, reminder_key`,
  );

/** A mailer that keeps what it is asked to send, failing while told to. */
function keptMailer() {
  const sent: Mail[] = [];
  const mailer: Mailer & { sent: Mail[]; failing: boolean } = {
    sent,
    failing: false,
    async send(mail) {
      if (this.failing) throw new Error('SMTP is down');
      sent.push(mail);
    },
    close() {},
  };
  return mailer;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await makeCampaignWorld(t.database.db);
  const db = t.database.db;
  // Espoo confirmed its tie with Tallinn and logged nothing on it: after a year it is quiet.
  await db
    .update(partnershipParties)
    .set({ confirmedAt: new Date('2026-01-01T00:00:00Z') })
    .where(
      and(
        eq(partnershipParties.partnershipId, world.ties.baltic.id),
        eq(partnershipParties.placeId, world.places.espoo.id),
      ),
    );
  // Espoo also confirmed the Shanghai tie and met Shanghai a month ago: not quiet.
  await db
    .update(partnershipParties)
    .set({ confirmedAt: new Date('2026-01-01T00:00:00Z') })
    .where(
      and(
        eq(partnershipParties.partnershipId, world.ties.twinTown.id),
        eq(partnershipParties.placeId, world.places.espoo.id),
      ),
    );
  const [met] = await db
    .insert(activities)
    .values({
      kind: 'meeting',
      occurredOn: '2028-08-10',
      title: 'Video call with Shanghai',
      organizationId: world.orgs.cityOfEspoo.id,
    })
    .returning();
  await db.insert(activityLinks).values({ activityId: met!.id, partnershipId: world.ties.twinTown.id });
  // Vantaa's agreement with Wuhan is due for renewal in five weeks.
  await db
    .update(partnerships)
    .set({ renewalOn: '2028-10-15' })
    .where(eq(partnerships.id, world.ties.vantaaTie.id));
  // Vantaa is invited to a forum in ten days and has not answered; Turku has.
  const [forum] = await db
    .insert(events)
    .values({
      kind: 'forum',
      attendanceMode: 'in_person',
      startsAt: new Date('2028-09-20T08:00:00Z'),
      endsAt: new Date('2028-09-20T16:00:00Z'),
      timeZone: 'Asia/Shanghai',
      title: { en: 'Twin-town forum', fi: 'Ystävyyskaupunkifoorumi', sv: 'Vänortsforum' },
    })
    .returning();
  eventId = forum!.id;
  await db.insert(eventInvitations).values([
    { eventId, organizationId: world.orgs.cityOfVantaa.id },
    { eventId, placeId: world.places.turku.id, status: 'accepted' },
  ]);
  // The China round closes in five days; Turku has submitted, Espoo and Vantaa have not.
  const campaign = await makeCampaign(t, world, { closesOn: '2028-09-15' });
  campaignId = campaign.id;
  await answerAndSubmit(t, world.users.turkuEditor.headers, campaignId, world.orgs.cityOfTurku.id);
});
afterAll(() => t.close());

describe('reminders', () => {
  it('go to the people who speak for what they remind of, each once', async () => {
    const first = await runReminders(t.database, { now: NOW });
    const { espooEditor, espooViewer, vantaaEditor, turkuEditor, outsider, coordinator } = world.users;
    const twinTown = world.ties.twinTown.id;
    const baltic = world.ties.baltic.id;
    const vantaaTie = world.ties.vantaaTie.id;

    const espoo = await remindersOf(espooEditor.user.id);
    expect(espoo.map((reminder) => reminder.key)).toEqual([
      `campaign:${campaignId}:deadline:2028-09-15`,
      `tie:${twinTown}:anniversary:30`,
      `tie:${baltic}:quiet:never`,
    ]);
    expect(espoo.find((reminder) => reminder.kind === 'tie_anniversary')).toMatchObject({
      link: `/partnerships/${twinTown}`,
      data: { partners: 'Shanghai', years: 30, date: '2028-09-29', organizationName: 'City of Espoo' },
    });
    expect(espoo.find((reminder) => reminder.kind === 'campaign_deadline')).toMatchObject({
      link: `/workspace/campaigns/${campaignId}/respond`,
      data: { closesOn: '2028-09-15', organizationName: 'City of Espoo' },
    });
    // Viewers hear of their ties, not of what only editors answer.
    expect((await remindersOf(espooViewer.user.id)).map((reminder) => reminder.kind)).toEqual([
      'tie_anniversary',
      'tie_quiet',
    ]);
    expect((await remindersOf(vantaaEditor.user.id)).map((reminder) => reminder.key)).toEqual([
      `campaign:${campaignId}:deadline:2028-09-15`,
      `invitation:${(await queryRows<{ id: number }>(t.database.db, sql`select id from event_invitations where event_id = ${eventId} and organization_id is not null`))[0]!.id}`,
      `tie:${vantaaTie}:renewal:2028-10-15`,
    ]);
    expect(
      (await remindersOf(vantaaEditor.user.id)).find((r) => r.kind === 'invitation_unanswered'),
    ).toMatchObject({
      link: `/events/${eventId}`,
      data: { title: { en: 'Twin-town forum' }, organizationName: 'City of Vantaa' },
    });
    for (const nobody of [turkuEditor, outsider, coordinator])
      expect(await remindersOf(nobody.user.id)).toEqual([]);
    expect(first?.given).toEqual({
      tie_anniversary: 2,
      tie_renewal: 1,
      tie_quiet: 2,
      invitation_unanswered: 1,
      campaign_deadline: 2,
    });

    const again = await runReminders(t.database, { now: new Date('2028-09-11T09:00:00Z') });
    expect(Object.values(again!.given).every((n) => n === 0)).toBe(true);
    expect(await remindersOf(espooEditor.user.id)).toHaveLength(3);
  });

  it('are given once when two processes look at the same moment', async () => {
    // Five years on, the 35th anniversary: two runs at once give it once to each of Espoo's people.
    const now = new Date('2033-09-10T09:00:00Z');
    const runs = await Promise.all([runReminders(t.database, { now }), runReminders(t.database, { now })]);
    const given = runs.reduce((sum, run) => sum + (run?.given.tie_anniversary ?? 0), 0);
    expect(given).toBe(2);
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from notifications where reminder_key = ${`tie:${world.ties.twinTown.id}:anniversary:35`}`,
    );
    expect(row!.n).toBe(2);
  });

  it('leave out the kinds a user turned off, and the choices are their own', async () => {
    const { espooViewer, espooEditor } = world.users;
    expect((await call('GET', '/api/notifications/settings', {})).statusCode).toBe(401);
    expect((await call('PUT', '/api/notifications/settings', {}, { digest: 'off' })).statusCode).toBe(401);
    const defaults = (
      await expectStatus(call('GET', '/api/notifications/settings', espooViewer.headers), 200)
    ).json();
    expect(defaults).toEqual({
      kinds: [
        { kind: 'tie_anniversary', enabled: true },
        { kind: 'tie_renewal', enabled: true },
        { kind: 'tie_quiet', enabled: true },
        { kind: 'invitation_unanswered', enabled: true },
        { kind: 'campaign_deadline', enabled: true },
      ],
      quietMonths: 12,
      digest: 'weekly',
      emailEnabled: false,
    });
    for (const bad of [
      { quietMonths: 5 },
      { kinds: [{ kind: 'birthday', enabled: false }] },
      { digest: 'daily' },
      { colour: 'red' },
    ]) {
      const refused = await call('PUT', '/api/notifications/settings', espooViewer.headers, bad);
      expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
      expect(refused.json().error.code).toBe('VALIDATION_FAILED');
    }
    const changed = (
      await expectStatus(
        call('PUT', '/api/notifications/settings', espooViewer.headers, {
          kinds: [{ kind: 'tie_anniversary', enabled: false }],
          quietMonths: 24,
        }),
        200,
      )
    ).json();
    expect(changed.kinds[0]).toEqual({ kind: 'tie_anniversary', enabled: false });
    expect(changed.quietMonths).toBe(24);
    // A later change of another choice keeps this one.
    const later = (
      await expectStatus(
        call('PUT', '/api/notifications/settings', espooViewer.headers, { digest: 'off' }),
        200,
      )
    ).json();
    expect(later).toMatchObject({ quietMonths: 24, digest: 'off' });
    expect(later.kinds[0].enabled).toBe(false);
    // The editor's own choices are untouched.
    expect(
      (await expectStatus(call('GET', '/api/notifications/settings', espooEditor.headers), 200)).json()
        .quietMonths,
    ).toBe(12);

    const run = await runReminders(t.database, { now: new Date('2038-09-10T09:00:00Z') });
    const key = `tie:${world.ties.twinTown.id}:anniversary:40`;
    const reminded = await queryRows<{ userId: number }>(
      t.database.db,
      sql`select user_id as "userId" from notifications where reminder_key = ${key}`,
    );
    expect(reminded.map((row) => row.userId)).toEqual([espooEditor.user.id]);
    expect(run!.given.tie_anniversary).toBe(1);
  });
});

describe('the weekly digest', () => {
  it('lists the week’s unread reminders once, in the reader’s language, and is tried again after a failure', async () => {
    const mailer = keptMailer();
    const { espooEditor } = world.users;
    // Only the reminders of the last week count: those given in 2028 are long past.
    const now = new Date('2043-09-10T09:00:00Z');
    mailer.failing = true;
    const failed = await runReminders(t.database, {
      now,
      mailer,
      publicUrl: 'https://citybridge.example.org/',
    });
    expect(failed!.digests).toBe(0);
    mailer.failing = false;
    const sent = await runReminders(t.database, {
      now: new Date('2043-09-10T10:00:00Z'),
      mailer,
      publicUrl: 'https://citybridge.example.org/',
    });
    expect(sent!.digests).toBe(1);
    const [mail] = mailer.sent;
    // The Espoo editor reads Swedish; the 45th anniversary is the week's one reminder.
    expect(mail).toMatchObject({
      to: espooEditor.user.email,
      language: 'sv',
      subject: 'CityBridge: 1 påminnelse denna vecka',
    });
    expect(mail!.text).toContain('Shanghai: samarbetet fyller 45 år den 29 september 2043.');
    expect(mail!.text).toContain(`https://citybridge.example.org/partnerships/${world.ties.twinTown.id}`);
    expect(mail!.text).toContain('https://citybridge.example.org/account');
    // The viewer turned the digest off; Vantaa had nothing new.
    expect(mailer.sent.map((each) => each.to)).toEqual([espooEditor.user.email]);

    const sameWeek = await runReminders(t.database, { now: new Date('2043-09-12T09:00:00Z'), mailer });
    expect(sameWeek!.digests).toBe(0);
    const [claims] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from reminder_digests where week = ${isoWeek(now)}`,
    );
    expect(claims!.n).toBe(1);
  });

  it('names ISO weeks as the calendar does', () => {
    expect(isoWeek(new Date('2026-12-02T12:00:00Z'))).toBe('2026-W49');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2029-12-31T12:00:00Z'))).toBe('2030-W01');
  });
});
