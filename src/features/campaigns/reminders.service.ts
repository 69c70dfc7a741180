import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import { formatMailDate, languageOfCountry } from '../mail/language.ts';
import type { Mail, Mailer } from '../mail/mailer.ts';
import { notify, peopleOf } from '../notifications/notifications.service.ts';
import * as campaignsRepo from './campaigns.repo.ts';
import type { CampaignLanguage } from './campaigns.schema.ts';
import { campaignLanguage } from './campaigns.template.ts';
import * as repo from './responses.repo.ts';
import { loadContext } from './responses.service.ts';

export interface ReminderOptions {
  /** Sends the e-mails; none without SMTP. */
  mailer: Mailer | null;
  /** The address users reach the app at, for the link in the e-mail. */
  publicUrl?: string;
  log?: Pick<FastifyBaseLogger, 'warn'>;
}

/** The reminder e-mail, in one language. */
export function reminderMail(input: {
  language: CampaignLanguage;
  to: string;
  title: string;
  network: string;
  organization: string;
  closesOn: string | null;
  url: string;
}): Mail {
  const { language, title, network, organization, url } = input;
  const closes = input.closesOn ? formatMailDate(input.closesOn, language) : null;
  const texts = {
    fi: {
      subject: `Muistutus: ${title}`,
      body: [
        'Hei,',
        `${organization} ei ole vielä lähettänyt vastaustaan kyselyyn ”${title}” (${network}).`,
        closes ? `Kysely sulkeutuu ${closes}.` : null,
        `Vastaa täällä: ${url}`,
        'Tämä on automaattinen muistutus CityBridgestä.',
      ],
    },
    sv: {
      subject: `Påminnelse: ${title}`,
      body: [
        'Hej,',
        `${organization} har ännu inte lämnat in sitt svar på enkäten ”${title}” (${network}).`,
        closes ? `Enkäten stänger ${closes}.` : null,
        `Svara här: ${url}`,
        'Detta är en automatisk påminnelse från CityBridge.',
      ],
    },
    en: {
      subject: `Reminder: ${title}`,
      body: [
        'Hello,',
        `${organization} has not yet submitted its answer to the survey “${title}” (${network}).`,
        closes ? `The survey closes on ${closes}.` : null,
        `Answer here: ${url}`,
        'This is an automatic reminder from CityBridge.',
      ],
    },
  }[language];
  return {
    to: input.to,
    subject: texts.subject,
    text: `${texts.body.filter((line) => line !== null).join('\n\n')}\n`,
    language,
  };
}

/**
 * Reminds the members of an open campaign that have not submitted: each of their people gets a notification in the
 * app and, when SMTP is configured, an e-mail in their language (theirs, else their organisation's country's).
 * Marks each response reminded. The e-mails go once the reminders are committed; one that fails is logged, not
 * retried, and does not undo the others.
 */
export async function sendReminders(
  db: DbOrTx,
  actor: Actor | null,
  campaignId: number,
  options: ReminderOptions,
) {
  const context = await loadContext(db, actor, campaignId);
  authorize(actor, policy.coordinate(actor, context.roles.coordinatorIds));
  const { row, roles } = context;
  if (row.status !== 'open')
    throw new AppError('CONFLICT', `The campaign is ${row.status}: only an open campaign sends reminders`);
  const link = `/workspace/campaigns/${campaignId}`;
  const { members, people } = await db.transaction(async (tx) => {
    const submitted = new Set(
      (await repo.findResponses(tx, campaignId))
        .filter((response) => response.status === 'submitted')
        .map((response) => response.organizationId),
    );
    const members = await repo.findOrganizations(
      tx,
      roles.memberIds.filter((id) => !submitted.has(id)),
    );
    for (const member of members) {
      await repo.insertResponse(tx, campaignId, member.id);
      const response = (await repo.findResponse(tx, campaignId, member.id, 'update'))!;
      await repo.setResponseStatus(tx, response.id, { reminded: true });
    }
    const people = await peopleOf(
      tx,
      members.map((member) => member.id),
    );
    await notify(
      tx,
      people.map((person) => ({
        userId: person.userId,
        kind: 'campaign_reminder',
        data: { campaignId, title: row.title, closesOn: row.closesOn, organizationId: person.organizationId },
        link,
        organizationId: person.organizationId,
      })),
    );
    await recordAudit(tx, actor, {
      action: 'remind',
      entityType: 'campaign',
      entityId: campaignId,
      after: { organizationIds: members.map((member) => member.id), notified: people.length },
    });
    return { members, people };
  });

  let emailed = 0;
  if (options.mailer && people.length > 0) {
    const network = await campaignsRepo.findNetwork(db, row.networkId);
    const byId = new Map(members.map((member) => [member.id, member]));
    const base = (options.publicUrl ?? '').replace(/\/$/, '');
    for (const person of people) {
      const member = byId.get(person.organizationId)!;
      const language = campaignLanguage(person.language, languageOfCountry(member.country));
      const mail = reminderMail({
        language,
        to: person.email,
        title: row.title[language] ?? Object.values(row.title)[0] ?? '',
        network: network?.shortName ?? network?.name[language] ?? Object.values(network?.name ?? {})[0] ?? '',
        organization: member.name,
        closesOn: row.closesOn,
        url: `${base}${link}`,
      });
      try {
        await options.mailer.send(mail);
        emailed += 1;
      } catch (error) {
        options.log?.warn({ err: error, to: person.email }, 'a campaign reminder e-mail could not be sent');
      }
    }
  }
  return {
    members: members.map((member) => ({ id: member.id, name: member.name })),
    notified: people.length,
    emailed,
  };
}
