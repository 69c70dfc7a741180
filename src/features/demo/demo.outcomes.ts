import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { places } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { findDoorOpeners } from '../door-opener/door-opener.service.ts';
import { createOutcome } from '../outcomes/outcomes.service.ts';
import { createSupportRequest } from '../outcomes/support-requests.service.ts';
import { ReadModels } from '../registry/read-models.ts';

/**
 * What the tie produced in the news item: Air0 exhibited at CIIE 2019 with Espoo's support and told what the tie
 * meant for its business. The outcome and the CEO's quote are demo text, marked as such; the item gives no figures,
 * so the outcome has no value. Then a support request from Air0 toward the Chinese city nearest Shanghai, answered
 * with what the door-opener search finds from the City of Espoo.
 */

export interface DemoOutcomeCast {
  espooActor: Actor;
  cityOfEspoo: number;
  air0: number;
  shanghai: number;
  tieId: number;
  ciie2019Id: number;
  ceo: { id: number };
}

const DEMO_MARK = {
  en: '(Demo text.)',
  fi: '(Esittelyteksti.)',
  sv: '(Demotext.)',
};

/** The Chinese place with ties nearest Shanghai (Suzhou in the world data): a target the search reaches from Espoo. */
async function nearestChineseCity(db: DbOrTx, shanghai: number) {
  const [origin] = await db
    .select({ lat: places.lat, lng: places.lng })
    .from(places)
    .where(eq(places.id, shanghai));
  if (!origin || origin.lat === null || origin.lng === null) return undefined;
  const [row] = await db
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(
      and(
        eq(places.country, 'CN'),
        ne(places.id, shanghai),
        eq(places.kind, 'municipality'),
        sql`${places.partnerCount} > 0 and ${places.mergedIntoId} is null and ${places.lat} is not null`,
      ),
    )
    .orderBy(asc(sql`(${places.lat} - ${origin.lat})^2 + (${places.lng} - ${origin.lng})^2`), asc(places.id))
    .limit(1);
  return row;
}

export async function loadDemoOutcomes(db: DbOrTx, cast: DemoOutcomeCast) {
  const { espooActor } = cast;
  const outcome = await createOutcome(db, espooActor, {
    kind: 'lead',
    achievedOn: '2019-11-10',
    title: {
      en: 'Air0 at CIIE 2019: contacts with Chinese buyers',
      fi: 'Air0 CIIE 2019 -messuilla: yhteyksiä kiinalaisiin ostajiin',
      sv: 'Air0 på CIIE 2019: kontakter med kinesiska köpare',
    },
    description: {
      en: `Air0 exhibited at the China International Import Expo 2019 with the support of Espoo and its twin town Shanghai, and met potential buyers and partners there. ${DEMO_MARK.en}`,
      fi: `Air0 oli näytteilleasettajana China International Import Expossa 2019 Espoon ja sen ystävyyskaupungin Shanghain tuella ja tapasi siellä mahdollisia ostajia ja kumppaneita. ${DEMO_MARK.fi}`,
      sv: `Air0 ställde ut på China International Import Expo 2019 med stöd av Esbo och dess vänort Shanghai och träffade där möjliga köpare och partner. ${DEMO_MARK.sv}`,
    },
    value: null,
    evidenceUrl: null,
    organizationId: cast.cityOfEspoo,
    visibility: 'published',
    partnershipIds: [cast.tieId],
    eventIds: [cast.ciie2019Id],
    supportRequestIds: [],
    organizationIds: [cast.air0],
    testimonials: [
      {
        personId: cast.ceo.id,
        quote: {
          en: `The twin-town tie between Espoo and Shanghai opened doors for us at the fair: we were introduced to people we could not have reached on our own. ${DEMO_MARK.en}`,
          fi: `Espoon ja Shanghain ystävyyskaupunkisuhde avasi meille ovia messuilla: meidät esiteltiin ihmisille, joita emme olisi tavoittaneet yksin. ${DEMO_MARK.fi}`,
          sv: `Vänortsrelationen mellan Esbo och Shanghai öppnade dörrar för oss på mässan: vi blev presenterade för personer som vi inte hade nått på egen hand. ${DEMO_MARK.sv}`,
        },
        consentOn: '2020-12-10',
        consentNote: 'Demo: consent given in the interview of 10 December 2020.',
      },
    ],
  });

  const target = await nearestChineseCity(db, cast.shanghai);
  if (!target) return { outcomeId: outcome.id, supportRequestId: null };
  const found = await findDoorOpeners(
    { db, readModels: new ReadModels(), actor: espooActor, language: 'en' },
    { target: target.id, fromOrganization: cast.cityOfEspoo, limit: 3 },
  );
  const best = found.paths[0];
  const request = await createSupportRequest(db, espooActor, {
    organizationId: cast.cityOfEspoo,
    companyId: cast.air0,
    need: 'partner_search',
    status: best ? 'answered' : 'new',
    targetPlaceId: target.id,
    targetCountry: null,
    targetRegion: null,
    description: `Air0 looks for a distribution partner in ${target.name}. ${DEMO_MARK.en}`,
    answer: best ? `Door-opener search: ${best.sentence}` : null,
    answerPath: best ? { ...best, contacts: null } : null,
    receivedOn: '2020-12-14',
  });
  return { outcomeId: outcome.id, supportRequestId: request.id, target };
}
