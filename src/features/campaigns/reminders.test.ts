import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/query.ts';
import type { MailOptions } from '../mail/mailer.ts';
import {
  answerAndSubmit,
  type CampaignWorld,
  expectStatus,
  makeCampaign,
  makeCampaignWorld,
} from './campaigns.test-fixtures.ts';

/** A message the SMTP sink received: its envelope and its headers and text, decoded. */
interface Received {
  from: string;
  to: string[];
  headers: Map<string, string>;
  text: string;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replaceAll('_', ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const joined = text.replace(/=\r?\n/g, '');
  for (let index = 0; index < joined.length; index += 1) {
    const char = joined[index]!;
    if (char === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(index + 1, index + 3))) {
      bytes.push(Number.parseInt(joined.slice(index + 1, index + 3), 16));
      index += 2;
    } else bytes.push(...Buffer.from(char, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const body = rest.join('\n\n');
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

/** A local SMTP server that keeps every message it receives. */
async function startSink() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((recipient) => recipient.address),
          ...parseMessage(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The app as createTestApp makes it, with mail going to `mail`. */
async function appWithMail(database: TestDatabase, mail: MailOptions | undefined): Promise<TestApp> {
  const app: FastifyInstance = await buildApp({
    database,
    publicUrl: 'https://citybridge.example.org',
    mail,
  });
  await app.ready();
  return {
    app,
    database,
    documentsDir: '',
    request: (method, url, headers = {}, payload) => app.inject({ method, url, headers, payload }),
    close: () => app.close(),
  };
}

let database: TestDatabase;
let world: CampaignWorld;
let sink: Awaited<ReturnType<typeof startSink>>;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await makeCampaignWorld(database.db);
  sink = await startSink();
});
afterAll(async () => {
  await sink.close();
  await database.destroy();
});

describe('reminders', () => {
  it('notify the people of members that have not submitted, and e-mail each in their language', async () => {
    const t = await appWithMail(database, {
      smtpUrl: `smtp://127.0.0.1:${sink.port}`,
      from: 'C21 <c21@example.org>',
    });
    try {
      const campaign = await makeCampaign(t, world, { closesOn: '2099-12-31' });
      await answerAndSubmit(t, world.users.vantaaEditor.headers, campaign.id, world.orgs.cityOfVantaa.id);
      const url = `/api/campaigns/${campaign.id}/reminders`;
      for (const headers of [world.users.espooEditor.headers, world.users.coordinatorViewer.headers])
        await expectStatus(t.request('POST', url, headers), 403);
      await expectStatus(t.request('POST', url, {}), 401);
      expect(sink.received).toEqual([]);

      const result = (
        await expectStatus(t.request('POST', url, world.users.coordinator.headers), 200)
      ).json();
      expect(result).toEqual({
        members: [
          { id: world.orgs.cityOfEspoo.id, name: 'City of Espoo' },
          { id: world.orgs.cityOfTurku.id, name: 'City of Turku' },
        ],
        notified: 3,
        emailed: 3,
      });
      const mails = [...sink.received].sort((a, b) => a.to[0]!.localeCompare(b.to[0]!));
      expect(mails.map((mail) => [mail.to, mail.headers.get('content-language')])).toEqual([
        // Espoo's editor reads Swedish; its viewer chose no language, and Espoo is in Finland.
        [[world.users.espooEditor.user.email], 'sv'],
        [[world.users.espooViewer.user.email], 'fi'],
        [[world.users.turkuEditor.user.email], 'en'],
      ]);
      const [swedish, finnish, english] = mails;
      for (const mail of mails) {
        expect(mail.from).toBe('c21@example.org');
        expect(mail.headers.get('from')).toBe('C21 <c21@example.org>');
        expect(mail.text).toContain(`https://citybridge.example.org/workspace/campaigns/${campaign.id}`);
      }
      expect(swedish!.headers.get('subject')).toBe(`Påminnelse: ${campaign.title.sv}`);
      expect(swedish!.text).toContain('City of Espoo har ännu inte lämnat in sitt svar på enkäten');
      expect(swedish!.text).toContain('Enkäten stänger 31 december 2099.');
      expect(finnish!.headers.get('subject')).toBe(`Muistutus: ${campaign.title.fi}`);
      expect(finnish!.text).toContain('City of Espoo ei ole vielä lähettänyt vastaustaan kyselyyn');
      expect(english!.headers.get('subject')).toBe(`Reminder: ${campaign.title.en}`);
      expect(english!.text).toContain('City of Turku has not yet submitted its answer to the survey');
      expect(english!.text).toContain('The survey closes on 31 December 2099.');

      const listed = (
        await expectStatus(
          t.request('GET', `/api/campaigns/${campaign.id}/responses`, world.users.coordinator.headers),
          200,
        )
      ).json();
      const reminded = Object.fromEntries(
        listed.items.map((item: { organization: { name: string }; remindedAt: string | null }) => [
          item.organization.name,
          item.remindedAt !== null,
        ]),
      );
      expect(reminded).toEqual({ 'City of Espoo': true, 'City of Turku': true, 'City of Vantaa': false });
      const notices = await queryRows<{ user_id: number; link: string }>(
        database.db,
        sql`select user_id, link from notifications where kind = 'campaign_reminder' and (data->>'campaignId')::int = ${campaign.id} order by user_id`,
      );
      expect(notices.map((notice) => notice.user_id).sort()).toEqual(
        [
          world.users.espooEditor.user.id,
          world.users.espooViewer.user.id,
          world.users.turkuEditor.user.id,
        ].sort(),
      );
      expect(notices[0]!.link).toBe(`/workspace/campaigns/${campaign.id}`);
      const history = (
        await expectStatus(
          t.request('GET', `/api/campaigns/${campaign.id}/history`, world.users.coordinator.headers),
          200,
        )
      ).json();
      expect(history.items.at(-1)).toMatchObject({
        action: 'remind',
        after: { organizationIds: [world.orgs.cityOfEspoo.id, world.orgs.cityOfTurku.id], notified: 3 },
      });
      // Turku opens its response, which the reminder made: it is pre-filled then.
      const turku = (
        await expectStatus(
          t.request(
            'GET',
            `/api/campaigns/${campaign.id}/responses/${world.orgs.cityOfTurku.id}`,
            world.users.turkuEditor.headers,
          ),
          200,
        )
      ).json();
      expect(turku.answers.ties.value).toEqual([]);
      expect(turku.remindedAt).not.toBeNull();
    } finally {
      await t.close();
    }
  });

  it('are sent in the app alone when no SMTP is configured, or when the SMTP server cannot be reached', async () => {
    for (const mail of [undefined, { smtpUrl: 'smtp://127.0.0.1:1', from: 'C21 <c21@example.org>' }]) {
      const t = await appWithMail(database, mail);
      try {
        const before = sink.received.length;
        const campaign = await makeCampaign(t, world);
        const result = (
          await expectStatus(
            t.request('POST', `/api/campaigns/${campaign.id}/reminders`, world.users.coordinator.headers),
            200,
          )
        ).json();
        expect(result.notified).toBe(4);
        expect(result.emailed).toBe(0);
        expect(sink.received.length).toBe(before);
        const closed = (
          await expectStatus(
            t.request('POST', `/api/campaigns/${campaign.id}/close`, world.users.coordinator.headers, {
              version: campaign.version,
            }),
            200,
          )
        ).json();
        expect(closed.status).toBe('closed');
        await expectStatus(
          t.request('POST', `/api/campaigns/${campaign.id}/reminders`, world.users.coordinator.headers),
          409,
        );
      } finally {
        await t.close();
      }
    }
  });
});
