import { AppError } from '../../core/errors.ts';
import {
  CAMPAIGN_LANGUAGES,
  type CampaignDefinition,
  type CampaignLanguage,
  type CampaignTemplate,
  definitionSchema,
  type LocalizedText,
} from './campaigns.schema.ts';

/** The country's name in each campaign language, from Intl.DisplayNames; undefined for a code it does not know. */
export function countryNames(countryCode: string): LocalizedText | undefined {
  const names = {} as LocalizedText;
  for (const language of CAMPAIGN_LANGUAGES) {
    const name = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(countryCode);
    if (!name || countryCode === 'ZZ') return undefined;
    names[language] = name;
  }
  return names;
}

type Words = (country: LocalizedText) => LocalizedText;
const text =
  (fi: string, sv: string, en: string): Words =>
  () => ({ fi, sv, en });
/** Texts that name the country. Finnish names it in the nominative, after a colon or in brackets, so no case ending is guessed. */
const named =
  (fi: (name: string) => string, sv: (name: string) => string, en: (name: string) => string): Words =>
  (country) => ({ fi: fi(country.fi), sv: sv(country.sv), en: en(country.en) });

const option = (key: string, label: LocalizedText) => ({ key, label });

/**
 * The ready template: "State of cooperation with <country>: current state, near-term plans, upcoming needs", the
 * survey C21's China working group sends its members, in Finnish, Swedish and English.
 */
function stateOfCooperation(country: LocalizedText): CampaignTemplate {
  const t = (words: Words) => words(country);
  const options = (...list: [string, Words][]) => list.map(([key, label]) => option(key, t(label)));
  const definition = {
    sections: [
      {
        key: 'current_state',
        title: t(text('Nykytila', 'Nuläge', 'Current state')),
        description: t(
          named(
            (c) => `Kuntanne yhteistyö kohdemaan kanssa tänään (kohdemaa: ${c}).`,
            (c) => `Er kommuns samarbete med ${c} i dag.`,
            (c) => `Your municipality's cooperation with ${c} today.`,
          ),
        ),
        questions: [
          {
            key: 'ties',
            type: 'registry_table',
            label: t(
              named(
                (c) => `Yhteistyösuhteenne – ${c}`,
                (c) => `Era förbindelser med ${c}`,
                (c) => `Your ties with ${c}`,
              ),
            ),
            help: t(
              text(
                'Rekisterin tiedot on esitäytetty. Vahvista kukin rivi, korjaa tila tai päivämäärät tai lisää puuttuva yhteistyösuhde.',
                'Uppgifterna är förifyllda från registret. Bekräfta varje rad, rätta status eller datum, eller lägg till en förbindelse som saknas.',
                'Filled in from the registry. Confirm each row, correct its status or dates, or add a tie that is missing.',
              ),
            ),
            required: false,
          },
          {
            key: 'cooperation_forms',
            type: 'multiple_choice',
            label: t(
              text(
                'Millaista yhteistyötä teillä on?',
                'Vilka former av samarbete har ni?',
                'What forms does your cooperation take?',
              ),
            ),
            required: true,
            options: options(
              ['twin_town', text('Ystävyyskuntasopimus', 'Vänortsavtal', 'Twin-town agreement')],
              [
                'mou',
                text('Yhteistyöpöytäkirja (MoU)', 'Samförståndsavtal (MoU)', 'Memorandum of understanding'),
              ],
              ['projects', text('Hankkeet', 'Projekt', 'Projects')],
              ['networks', text('Verkostot', 'Nätverk', 'Networks')],
              ['business', text('Elinkeinoelämän yhteistyö', 'Näringslivssamarbete', 'Business cooperation')],
              [
                'education',
                text('Koulutus ja tutkimus', 'Utbildning och forskning', 'Education and research'),
              ],
              ['culture', text('Kulttuuri', 'Kultur', 'Culture')],
            ),
          },
          {
            key: 'activity_level',
            type: 'scale',
            label: t(
              text(
                'Kuinka aktiivista yhteistyö on nyt?',
                'Hur aktivt är samarbetet nu?',
                'How active is the cooperation now?',
              ),
            ),
            required: true,
            min: 1,
            max: 5,
            step: 1,
            minLabel: t(text('Ei lainkaan aktiivista', 'Inte alls aktivt', 'Not active at all')),
            maxLabel: t(text('Erittäin aktiivista', 'Mycket aktivt', 'Very active')),
          },
          {
            key: 'contacts_last_year',
            type: 'number',
            label: t(
              text(
                'Montako yhteydenottoa (tapaamiset, puhelut, vierailut) teillä oli viimeisten 12 kuukauden aikana?',
                'Hur många kontakter (möten, samtal, besök) hade ni under de senaste 12 månaderna?',
                'How many contacts (meetings, calls, visits) did you have in the last 12 months?',
              ),
            ),
            min: 0,
            max: 10_000,
            integer: true,
          },
          {
            key: 'has_contact_person',
            type: 'yes_no',
            label: t(
              text(
                'Onko teillä nimetty yhteyshenkilö tälle yhteistyölle?',
                'Har ni en utsedd kontaktperson för samarbetet?',
                'Do you have a named contact person for this cooperation?',
              ),
            ),
            required: true,
          },
          {
            key: 'contact_person_role',
            type: 'short_text',
            label: t(
              text(
                'Yhteyshenkilön tehtävänimike tai yksikkö',
                'Kontaktpersonens titel eller enhet',
                "The contact person's title or unit",
              ),
            ),
            required: true,
            showIf: { questionKey: 'has_contact_person', equals: true },
          },
          {
            key: 'team_finland',
            type: 'yes_no',
            label: t(
              named(
                (c) => `Teettekö yhteistyötä Team Finlandin edustajien kanssa kohdemaassa (${c})?`,
                (c) => `Samarbetar ni med Team Finlands representanter i ${c}?`,
                (c) => `Do you work with Team Finland's representatives in ${c}?`,
              ),
            ),
          },
        ],
      },
      {
        key: 'near_term_plans',
        title: t(text('Lähiajan suunnitelmat', 'Planer på kort sikt', 'Near-term plans')),
        description: t(
          text('Seuraavat 12–24 kuukautta.', 'De kommande 12–24 månaderna.', 'The next 12 to 24 months.'),
        ),
        questions: [
          {
            key: 'planned_projects',
            type: 'repeatable_group',
            label: t(text('Suunnitellut hankkeet', 'Planerade projekt', 'Planned projects')),
            help: t(
              text(
                'Yksi rivi kutakin hanketta kohden.',
                'En rad för varje projekt.',
                'One row for each project.',
              ),
            ),
            maxRows: 30,
            fields: [
              {
                key: 'name',
                type: 'short_text',
                label: t(text('Hankkeen nimi', 'Projektets namn', 'Project name')),
                required: true,
              },
              {
                key: 'theme',
                type: 'single_choice',
                label: t(text('Teema', 'Tema', 'Theme')),
                options: options(
                  [
                    'sustainable_development',
                    text('Kestävä kehitys', 'Hållbar utveckling', 'Sustainable development'),
                  ],
                  ['education', text('Koulutus', 'Utbildning', 'Education')],
                  ['business', text('Elinkeinot', 'Näringsliv', 'Business')],
                  ['culture', text('Kulttuuri', 'Kultur', 'Culture')],
                  ['innovation', text('Innovaatiot', 'Innovation', 'Innovation')],
                  ['other', text('Muu', 'Annat', 'Other')],
                ),
              },
              {
                key: 'partner',
                type: 'short_text',
                label: t(
                  text(
                    'Kumppanikaupunki tai -organisaatio',
                    'Partnerstad eller -organisation',
                    'Partner city or organisation',
                  ),
                ),
              },
              {
                key: 'starts_on',
                type: 'date',
                label: t(text('Arvioitu alkamispäivä', 'Beräknat startdatum', 'Expected start')),
              },
              {
                key: 'budget_eur',
                type: 'number',
                label: t(
                  text('Arvioitu budjetti (euroa)', 'Beräknad budget (euro)', 'Estimated budget (euros)'),
                ),
                min: 0,
              },
            ],
          },
          {
            key: 'visit_planned',
            type: 'yes_no',
            label: t(
              text(
                'Onko vierailu kohdemaahan tai kohdemaasta suunnitteilla seuraavan 12 kuukauden aikana?',
                'Planeras ett besök dit eller därifrån under de kommande 12 månaderna?',
                'Is a visit there or from there planned in the next 12 months?',
              ),
            ),
            required: true,
          },
          {
            key: 'visit_details',
            type: 'long_text',
            label: t(
              text(
                'Kertokaa vierailusta: kuka, minne, milloin ja mitä varten',
                'Berätta om besöket: vem, vart, när och varför',
                'Tell us about the visit: who, where, when and why',
              ),
            ),
            showIf: { questionKey: 'visit_planned', equals: true },
          },
          {
            key: 'importance_outlook',
            type: 'single_choice',
            label: t(
              text(
                'Miten yhteistyön merkitys kunnallenne muuttuu lähivuosina?',
                'Hur förändras samarbetets betydelse för er kommun de närmaste åren?',
                'How will the importance of this cooperation to your municipality change in the coming years?',
              ),
            ),
            required: true,
            options: options(
              ['grows', text('Kasvaa', 'Ökar', 'It will grow')],
              ['stays', text('Pysyy ennallaan', 'Förblir oförändrad', 'It will stay the same')],
              ['declines', text('Vähenee', 'Minskar', 'It will decline')],
            ),
          },
        ],
      },
      {
        key: 'upcoming_needs',
        title: t(text('Tulevat tarpeet', 'Kommande behov', 'Upcoming needs')),
        description: null,
        questions: [
          {
            key: 'support_needs',
            type: 'multiple_choice',
            label: t(
              text(
                'Millaista tukea tarvitsette yhteistyöhön?',
                'Vilket stöd behöver ni för samarbetet?',
                'What support do you need for the cooperation?',
              ),
            ),
            options: options(
              ['country_information', text('Maatietoa', 'Landinformation', 'Information on the country')],
              ['contacts', text('Yhteyksiä ja kontakteja', 'Kontakter', 'Contacts')],
              [
                'peer_exchange',
                text(
                  'Kokemusten vaihtoa muiden kaupunkien kanssa',
                  'Erfarenhetsutbyte med andra städer',
                  'Exchange with other cities',
                ),
              ],
              [
                'business_support',
                text('Elinkeinoelämän tukea', 'Stöd för näringslivet', 'Support for business'),
              ],
              ['training', text('Koulutusta', 'Utbildning', 'Training')],
              ['funding', text('Rahoitusta', 'Finansiering', 'Funding')],
            ),
          },
          {
            key: 'dialogue_topics',
            type: 'long_text',
            label: t(
              named(
                (c) =>
                  `Mistä kohdemaahan (${c}) liittyvistä kysymyksistä haluaisitte keskustella muiden kaupunkien kanssa?`,
                (c) => `Vilka frågor om ${c} vill ni diskutera med andra städer?`,
                (c) => `Which questions about ${c} would you like to discuss with other cities?`,
              ),
            ),
          },
          {
            key: 'other_comments',
            type: 'long_text',
            label: t(text('Muuta kommentoitavaa', 'Övriga kommentarer', 'Other comments')),
          },
        ],
      },
    ],
  };
  const parsed: CampaignDefinition = definitionSchema.parse(definition);
  return {
    key: 'state_of_cooperation',
    countryCode: '',
    title: t(
      named(
        (c) => `Yhteistyön tilannekuva – ${c}: nykytila, lähiajan suunnitelmat ja tulevat tarpeet`,
        (c) => `Samarbetet med ${c}: nuläge, planer på kort sikt och kommande behov`,
        (c) => `State of cooperation with ${c}: current state, near-term plans, upcoming needs`,
      ),
    ),
    description: t(
      named(
        (c) =>
          `Kartoitamme jäsenkaupunkien yhteistyön nykytilaa, lähiajan suunnitelmia ja tulevia yhteistyötarpeita (kohdemaa: ${c}).`,
        (c) =>
          `Vi kartlägger medlemsstädernas samarbete med ${c}: nuläget, planerna på kort sikt och kommande behov.`,
        (c) =>
          `We map the member cities' cooperation with ${c}: where it stands, near-term plans and upcoming needs.`,
      ),
    ),
    definition: parsed,
  };
}

/** The ready templates for a country, each with its texts in fi, sv and en naming the country. */
export function campaignTemplates(countryCode: string): CampaignTemplate[] {
  const names = countryNames(countryCode);
  if (!names) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request: query.countryCode', [
      { field: 'query.countryCode', message: `${countryCode} is not a country code` },
    ]);
  }
  return [{ ...stateOfCooperation(names), countryCode }];
}

/** The language to write to someone in: theirs when it is one of the campaign's, else `fallback`. */
export function campaignLanguage(
  language: string | null | undefined,
  fallback: CampaignLanguage,
): CampaignLanguage {
  return (CAMPAIGN_LANGUAGES as readonly string[]).includes(language ?? '')
    ? (language as CampaignLanguage)
    : fallback;
}
