import type { DbOrTx } from '../../db/client.ts';
import { createArticle, createSeries, setArticleStatus } from '../articles/articles.service.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * The news item the product grew from, as the first article of the City of Espoo's "International Espoo" series:
 * the Swedish story as the city published it on 18 December 2020, and Finnish and English versions written for the
 * demo (and marked as such). It links to the Espoo–Shanghai tie, the 2020 forum and the C21 China working group.
 * The "more information" block names the coordinator's post and a role address, never a person's own contact.
 */

export interface DemoArticleCast {
  espooActor: Actor;
  cityOfEspoo: number;
  espoo: number;
  shanghai: number;
  tieId: number;
  forumId: number;
  workingGroupId: number;
  outcomeId: number;
  /** The demo coordinator's post in the City of Espoo. */
  coordinatorPostId: number;
}

const PUBLISHED_AT = '2020-12-18T12:29:00+02:00';

const SWEDISH_BODY = [
  '<p>Esbo och Shanghai har varit vänorter i redan 22 år. Betydelsen av samarbetet mellan städerna betonas som ' +
    'möjliggörare av växelverkan mellan olika parter, dörröppnare, lärande och i utmaningarna med hållbar ' +
    'utveckling. Esbos Shanghai-samarbete bygger broar mellan Finland och Kina. Esbo har regelbunden kontakt med ' +
    'Team Finlands representanter i Shanghai, vilket främjar en god kontakt mellan länderna. Aktörerna i Team ' +
    'Finland stöder staden i aktiviteterna med Kina.</p>',
  '<h2>Esbo framträdande i Shanghais vänortsforum</h2>',
  '<p>Shanghais stad bjöd in sina vänorter till det virtuella vänortsforumet som hölls i Shanghai. Vänortsforumet ' +
    'var avslutningsevenemanget på CIIE-mässan för främjande av import CIIE (China International Import Expo) i ' +
    'Shanghai. Shanghai har ett världsomspännande nätverk med nära 100 vänorter för vilka Shanghais stad ordnar ' +
    'program och nätverksevenemang som en del av CIIE-mässan.</p>',
  '<p>I forumet deltog förutom Esbo stad också London, Osaka, Antwerpen, Dubai, Phnom Penh, Bangkok, Port of ' +
    'Spain, Budapest, Chicago, Buenos Aires och Moskva. Från Shanghai deltog utöver borgmästaren även vice ' +
    'borgmästaren Zong Ming och vice ordförande i Shanghais folkkongress Sha Hailin. Medieföretaget Shanghai Media ' +
    'Group filmade evenemanget.</p>',
  '<p>Det virtuella forumet 2020 öppnades av Shanghais borgmästare Gong Zheng och evenemanget var indelat i två ' +
    'teman. Temana fördelades på två paneler, där den första var <em>erfarenheter av pandemibekämpning och ' +
    'återöppnande av ekonomin i städerna</em> och den andra <em>städernas ledning och samarbete under ' +
    'pandemin</em>. Esbo deltog i den andra panelen. I panelen fick Esbo frågor i anslutning till hållbar ' +
    'utveckling där stadsdirektör Jukka Mäkelä betonade vikten av gemenskaplighet och av att göra saker ' +
    'tillsammans. I sitt avslutningsanförande betonade Shanghais borgmästare vikten av att hålla kontakten i ' +
    'kristider samt utbyta god praxis och tankar.</p>',
  '<p>På vilket sätt kan vänortsrelationen mellan Esbo och Shanghai påverka näringslivet och företagandet i ' +
    'Finland? Verkställande direktören och Head of Growth vid Air0 berättar om sina erfarenheter från företagets ' +
    'deltagande i CIIE-mässan för främjande av import 2019.</p>',
  '<h2>Finländska Kina-aktiva städer fortsätter funderingarna under coronatiden via C21-nätverket</h2>',
  '<p>Esbo ingår också i C21-städernas, det vill säga de 21 största städerna i Finland, Kinaarbetsgrupp. Syftet ' +
    'med nätverket är att kartlägga nuläget för samarbetet, planerna i närtid och kommande samarbetsbehov. ' +
    'Samarbetet grundar sig typiskt på samarbetsavtal av typen vänort eller MoU (Memorandum of Understanding). ' +
    'Dessutom har städerna samarbete i projekt- och nätverksform. Nätverket möjliggör en dialog mellan finländska ' +
    'städer om Kinafrågor.</p>',
  '<p><em>Artikeln ingår i serien Internationella Esbo, där Esbo stad berättar om pågående verksamhet och ' +
    'initiativ som utvecklas till nytta för Esbobor och med deras aktiva deltagande.</em></p>',
].join('');

const FINNISH_BODY = [
  '<p>Espoo ja Shanghai ovat olleet ystävyyskaupunkeja jo 22 vuotta. Yhteistyö avaa ovia, mahdollistaa ' +
    'vuorovaikutuksen eri toimijoiden välillä ja auttaa kestävän kehityksen haasteissa. Espoo pitää säännöllisesti ' +
    'yhteyttä Team Finlandin edustajiin Shanghaissa.</p>',
  '<h2>Espoo esillä Shanghain ystävyyskaupunkifoorumissa</h2>',
  '<p>Shanghai kutsui lähes sata ystävyyskaupunkiaan virtuaaliseen foorumiin, joka päätti CIIE 2020 ' +
    '-tuontimessut. Espoo osallistui toiseen paneeliin, jonka aiheena oli kaupunkien johtaminen ja yhteistyö ' +
    'pandemian aikana. Kaupunginjohtaja korosti yhteisöllisyyttä ja yhdessä tekemistä.</p>',
  '<h2>C21-verkoston Kiina-työryhmä kartoittaa yhteistyötä</h2>',
  '<p>Espoo kuuluu C21-kaupunkien Kiina-työryhmään, joka kartoittaa yhteistyön nykytilaa, lähiajan suunnitelmia ' +
    'ja tulevia yhteistyötarpeita.</p>',
].join('');

const ENGLISH_BODY = [
  '<p>Espoo and Shanghai have been twin towns for 22 years. The tie opens doors, enables interaction between many ' +
    'parties, and helps with the challenges of sustainable development. Espoo keeps in regular contact with Team ' +
    'Finland’s representatives in Shanghai.</p>',
  '<h2>Espoo at Shanghai’s twin-town forum</h2>',
  '<p>Shanghai invited its close to one hundred twin towns to a virtual forum, the closing event of the China ' +
    'International Import Expo 2020. Espoo sat in the second panel, on city management and cooperation during the ' +
    'pandemic, where its city manager stressed community and doing things together.</p>',
  '<h2>The C21 China working group maps cooperation</h2>',
  '<p>Espoo is in the China working group of C21, the network of Finland’s 21 largest cities, which maps the ' +
    'current state of cooperation, near-term plans and upcoming cooperation needs.</p>',
].join('');

export async function loadDemoArticles(db: DbOrTx, cast: DemoArticleCast) {
  const { espooActor } = cast;
  const series = await createSeries(db, espooActor, {
    organizationId: cast.cityOfEspoo,
    slug: 'international-espoo',
    title: { fi: 'Kansainvälinen Espoo', sv: 'Internationella Esbo', en: 'International Espoo' },
    description: {
      fi: 'Espoon kaupunki kertoo kansainvälisestä toiminnastaan ja sen hyödyistä espoolaisille.',
      sv: 'Esbo stad berättar om sin internationella verksamhet och vad den ger Esboborna.',
      en: 'The City of Espoo tells residents what it does abroad, and what that brings them.',
    },
  });
  const contact = {
    postId: cast.coordinatorPostId,
    label: { fi: 'Kansainväliset asiat', sv: 'Internationella ärenden', en: 'International affairs' },
    // A role address of its own: the coordinator's own address stays private.
    email: 'international.affairs@example.org',
    phone: null,
  };
  const common = { authorRole: 'international_affairs_coordinator' as const, contact };
  const swedish = await createArticle(db, espooActor, {
    seriesId: series.id,
    language: 'sv',
    slug: 'i-asien-ar-vanortsforbindelser-viktiga',
    title: 'I Asien är vänortsförbindelser viktiga och de påverkar finländskt näringsliv',
    lead: 'Esbo och Shanghai har varit vänorter i redan 22 år. Samarbetet bygger broar mellan Finland och Kina.',
    body: SWEDISH_BODY,
    ...common,
    links: {
      placeIds: [cast.espoo, cast.shanghai],
      partnershipIds: [cast.tieId],
      eventIds: [cast.forumId],
      outcomeIds: [cast.outcomeId],
      networkIds: [cast.workingGroupId],
    },
  });
  const translation = (language: 'fi' | 'en', slug: string, title: string, lead: string, body: string) =>
    createArticle(
      db,
      espooActor,
      { translationOf: swedish.id, language, slug, title, lead, body, ...common, links: {} },
      { demo: true },
    );
  const finnish = await translation(
    'fi',
    'aasiassa-ystavyyskaupunkisuhteet-ovat-tarkeita',
    'Aasiassa ystävyyskaupunkisuhteet ovat tärkeitä ja vaikuttavat suomalaiseen elinkeinoelämään',
    'Espoo ja Shanghai ovat olleet ystävyyskaupunkeja jo 22 vuotta.',
    FINNISH_BODY,
  );
  const english = await translation(
    'en',
    'in-asia-twin-town-ties-matter',
    'In Asia, twin-town ties matter and they shape Finnish business',
    'Espoo and Shanghai have been twin towns for 22 years.',
    ENGLISH_BODY,
  );
  const ids: number[] = [];
  for (const article of [swedish, finnish, english]) {
    const published = await setArticleStatus(db, espooActor, article.id, {
      version: article.version,
      status: 'published',
      publishAt: PUBLISHED_AT,
    });
    ids.push(published.id);
  }
  return { seriesId: series.id, articleIds: ids };
}
