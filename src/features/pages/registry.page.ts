import type { DbOrTx } from '../../db/client.ts';
import { inLanguage } from '../../lib/localized.ts';
import { listArticles } from '../articles/articles.service.ts';
import { eventRecord, listEvents, presentEvent } from '../events/events.service.ts';
import { eventJsonLd } from '../events/jsonld.ts';
import { getNetwork, listNetworks } from '../networks/networks.service.ts';
import { listOutcomes } from '../outcomes/outcomes.service.ts';
import type { PARTNERSHIP_KINDS } from '../partnerships/partnerships.constants.ts';
import { findNativeName, getPlacePartners } from '../places/places.service.ts';
import { mayRead } from '../records/records.service.ts';
import { REPORT_TEXTS } from '../reports/reports.texts.ts';
import { type Html, html } from './html.ts';
import { formatDate, frame, languageAlternates, type RenderedPage, shorten } from './page.ts';
import {
  countCountryPlaces,
  findCountryPlaces,
  findPlaceHeader,
  findPublicGovernments,
} from './pages.repo.ts';
import { LOCALES, PAGE_TEXTS, type PageLanguage } from './pages.texts.ts';

type PartnershipKind = (typeof PARTNERSHIP_KINDS)[number];

export function countryName(code: string, lang: PageLanguage): string {
  try {
    return new Intl.DisplayNames([LOCALES[lang].intl], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Published articles about a record, in the page's language, as a section; nothing when there are none. */
async function articlesSection(
  db: DbOrTx,
  filter: { placeId?: number; eventId?: number; networkId?: number },
  lang: PageLanguage,
): Promise<Html | ''> {
  const { items } = await listArticles(db, null, { ...filter, language: lang, limit: 10 });
  if (items.length === 0) return '';
  return html`<section aria-labelledby="about-articles"><h2 id="about-articles">${PAGE_TEXTS[lang].articlesAbout}</h2>${articleList(items, lang)}</section>`;
}

/** Articles as a list of links, each with its publication date. */
export function articleList(
  items: readonly { url: string; title: string; publishAt: string | null }[],
  lang: PageLanguage,
): Html {
  return html`<ul>${items.map(
    (article) =>
      html`<li><a href="${article.url}">${article.title}</a>${
        article.publishAt
          ? html` <time datetime="${article.publishAt}">${formatDate(article.publishAt, lang)}</time>`
          : ''
      }</li>`,
  )}</ul>`;
}

/**
 * What a place's governments publish: the latest articles of their series, the outcomes they recorded, and where
 * to reach them (their website); nothing when they publish none of it.
 */
async function governmentSection(
  db: DbOrTx,
  governments: readonly { id: number; name: string; website: string | null }[],
  lang: PageLanguage,
): Promise<Html | ''> {
  const texts = PAGE_TEXTS[lang];
  const sections: Html[] = [];
  for (const government of governments) {
    // One query at a time: `db` may be a transaction's single connection.
    const { items: articles } = await listArticles(db, null, {
      organizationId: government.id,
      language: lang,
      limit: 5,
    });
    const { items: outcomes } = await listOutcomes(db, null, { organizationId: government.id, limit: 10 });
    const own = outcomes.filter((outcome) => outcome.organizationId === government.id);
    if (articles.length === 0 && own.length === 0 && !government.website) continue;
    sections.push(
      html`<section aria-labelledby="government-${government.id}"><h2 id="government-${government.id}">${government.name}</h2>${
        articles.length > 0
          ? html`<h3>${texts.latestArticles}</h3><ul>${articles.map(
              (article) => html`<li><a href="${article.url}">${article.title}</a></li>`,
            )}</ul>`
          : ''
      }${
        own.length > 0
          ? html`<h3>${texts.outcomes}</h3><ul>${own.map(
              (outcome) =>
                html`<li>${inLanguage(outcome.title, lang)} (${outcome.achievedOn.slice(0, 4)})</li>`,
            )}</ul>`
          : ''
      }${
        government.website && /^https?:\/\//.test(government.website)
          ? html`<p>${texts.contact}: <a href="${government.website}">${government.website.replace(/^https?:\/\//, '')}</a></p>`
          : ''
      }</section>`,
    );
  }
  return sections.length > 0 ? html`${sections}` : '';
}

/** Public events involving a place or hosted by an organisation, upcoming and past, as a section; nothing when none. */
export async function eventsSection(
  db: DbOrTx,
  filter: { involvesPlaceId: number } | { hostId: number },
  lang: PageLanguage,
): Promise<Html | ''> {
  const texts = PAGE_TEXTS[lang];
  const query = (when: 'upcoming' | 'past') => ({ when, ...filter, limit: 10 });
  // One query at a time: `db` may be a transaction's single connection.
  const upcoming = (await listEvents(db, null, query('upcoming'))).items;
  const past = (await listEvents(db, null, query('past'))).items;
  if (upcoming.length === 0 && past.length === 0) return '';
  const list = (items: typeof upcoming) =>
    html`<ul>${items.map(
      (event) =>
        html`<li><a href="/events/${event.id}?lang=${lang}">${inLanguage(event.title, lang)}</a> <time datetime="${event.startsAt}">${formatDate(event.startsAt, lang)}</time></li>`,
    )}</ul>`;
  return html`<section aria-labelledby="public-events"><h2 id="public-events">${texts.events}</h2>${
    upcoming.length > 0 ? html`<h3>${texts.upcoming}</h3>${list(upcoming)}` : ''
  }${past.length > 0 ? html`<h3>${texts.past}</h3>${list(past)}` : ''}</section>`;
}

/** A place's public page: its partners by kind of tie, the networks it belongs to, events and articles about it. */
export async function renderPlacePage(
  db: DbOrTx,
  id: number,
  lang: PageLanguage,
  baseUrl: string,
): Promise<RenderedPage | undefined> {
  const place = await findPlaceHeader(db, id, lang);
  if (!place) return undefined;
  const texts = PAGE_TEXTS[lang];
  const labels = REPORT_TEXTS[lang];
  const name = place.name;
  const country = countryName(place.country, lang);
  const { partners } = await getPlacePartners(db, id, new Date(), { sources: false });
  const { items: networks } = await listNetworks(db, null, { placeId: id, limit: 100 });
  const governments = await findPublicGovernments(db, id);
  const events = await eventsSection(db, { involvesPlaceId: id }, lang);
  const articles = await articlesSection(db, { placeId: id }, lang);
  const published = await governmentSection(db, governments, lang);
  const byKind = new Map<PartnershipKind, typeof partners>();
  for (const partner of partners) byKind.set(partner.kind, [...(byKind.get(partner.kind) ?? []), partner]);
  const path = `/places/${id}`;
  const url = `${baseUrl}${path}`;
  const number = new Intl.NumberFormat(LOCALES[lang].intl);
  // The name in the main language of the place's country, beside the reader's, when it is another.
  const nativeName = await findNativeName(db, id, place.country);
  const native = nativeName && nativeName.name !== name ? nativeName : null;
  const body = html`<h1>${name}${
    native ? html` <span class="place-native-name" lang="${native.lang}">${native.name}</span>` : ''
  }</h1>
<p class="place-facts">${country}${
    place.population ? html` · ${texts.population(number.format(place.population))}` : ''
  } · ${texts.partnerCount(partners.length)}</p>
${[...byKind].map(
  ([kind, list]) =>
    html`<section aria-labelledby="ties-${kind}"><h2 id="ties-${kind}">${labels.partnershipKinds[kind]} (${list.length})</h2><ul>${list.map(
      (partner) =>
        html`<li><a href="/places/${partner.place.id}?lang=${lang}">${partner.place.name}</a>, ${countryName(partner.place.country, lang)}${
          partner.startedOn
            ? html`, ${texts.since(partner.startedOn.slice(0, 4))}`
            : html`, ${texts.dateUnknown}`
        }${partner.status !== 'active' ? html` (${labels.statuses[partner.status]})` : ''}</li>`,
    )}</ul></section>`,
)}${
  networks.length > 0
    ? html`<section aria-labelledby="place-networks"><h2 id="place-networks">${labels.partnershipKinds.network_membership}</h2><ul>${networks.map(
        (network) =>
          html`<li><a href="/networks/${network.id}?lang=${lang}">${inLanguage(network.name, lang)}</a></li>`,
      )}</ul></section>`
    : ''
}${events}${articles}${published}`;
  const city = {
    '@context': 'https://schema.org',
    '@type': place.kind === 'municipality' || place.kind === 'district' ? 'City' : 'Place',
    '@id': url,
    url,
    name,
    address: { '@type': 'PostalAddress', addressCountry: place.country },
    ...(place.lat !== null && place.lng !== null
      ? { geo: { '@type': 'GeoCoordinates', latitude: place.lat, longitude: place.lng } }
      : {}),
    ...(place.wikidata ? { sameAs: `https://www.wikidata.org/wiki/${place.wikidata}` } : {}),
  };
  return {
    lang,
    title: `${name} – CityBridge`,
    description: texts.placeDescription(name, country, partners.length),
    canonical: `${url}?lang=${lang}`,
    alternates: languageAlternates(baseUrl, path),
    type: 'website',
    jsonLd: [
      city,
      ...governments.map((government) => ({
        '@context': 'https://schema.org',
        '@type': 'GovernmentOrganization',
        '@id': `${baseUrl}/organizations/${government.id}`,
        name: government.name,
        areaServed: { '@id': url },
      })),
    ],
    body: frame(lang, body),
  };
}

/** A country's public page: its places with ties, most partners first. */
export async function renderCountryPage(
  db: DbOrTx,
  code: string,
  lang: PageLanguage,
  baseUrl: string,
): Promise<RenderedPage | undefined> {
  if (!/^[A-Z]{2}$/.test(code)) return undefined;
  const count = await countCountryPlaces(db, code);
  if (count === 0) return undefined;
  const places = await findCountryPlaces(db, code, 200);
  const texts = PAGE_TEXTS[lang];
  const name = countryName(code, lang);
  const path = `/countries/${code}`;
  const url = `${baseUrl}${path}`;
  const body = html`<h1>${name}</h1>
<section aria-labelledby="country-places"><h2 id="country-places">${texts.placesWithTies(count)}</h2><ul>${places.map(
    (place) =>
      html`<li><a href="/places/${place.id}?lang=${lang}">${place.name}</a>: ${texts.partnerCount(place.partners)}</li>`,
  )}</ul></section>`;
  return {
    lang,
    title: `${texts.countryTitle(name)} – CityBridge`,
    description: texts.countryDescription(name, count),
    canonical: `${url}?lang=${lang}`,
    alternates: languageAlternates(baseUrl, path),
    type: 'website',
    jsonLd: [
      { '@context': 'https://schema.org', '@type': 'Country', '@id': url, url, name, identifier: code },
    ],
    body: frame(lang, body),
  };
}

/** An event's public page, as an anonymous reader sees it, with its schema.org Event. */
export async function renderEventPage(
  db: DbOrTx,
  id: number,
  lang: PageLanguage,
  baseUrl: string,
): Promise<RenderedPage | undefined> {
  const loaded = await eventRecord.load(db, id, false);
  if (!loaded || loaded.row.deletedAt || !mayRead(null, eventRecord, loaded)) return undefined;
  const event = presentEvent(null, loaded);
  const title = inLanguage(event.title, lang);
  const description = inLanguage(event.description, lang);
  const path = `/events/${id}`;
  const url = `${baseUrl}${path}`;
  const articles = await articlesSection(db, { eventId: id }, lang);
  const when = new Intl.DateTimeFormat(LOCALES[lang].intl, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: event.timeZone,
  });
  const body = html`<h1>${title}</h1>
<p class="event-facts"><time datetime="${event.startsAt}">${when.format(new Date(event.startsAt))}</time> – <time datetime="${event.endsAt}">${when.format(new Date(event.endsAt))}</time> (${event.timeZone})${
    event.venue ? html` · <a href="/places/${event.venue.id}?lang=${lang}">${event.venue.name}</a>` : ''
  }${event.hosts.length > 0 ? html` · ${event.hosts.map((host) => host.name).join(', ')}` : ''}</p>
${description ? html`<p>${description}</p>` : ''}${event.programme.map(
  (session) => html`<section><h2>${inLanguage(session.title, lang)}</h2></section>`,
)}${articles}`;
  return {
    lang,
    title: `${title} – CityBridge`,
    description: shorten(description || title),
    canonical: `${url}?lang=${lang}`,
    alternates: languageAlternates(baseUrl, path),
    type: 'website',
    jsonLd: [eventJsonLd(event, baseUrl, lang)],
    body: frame(lang, body),
  };
}

/** A network's public page: its name, description and current members. */
export async function renderNetworkPage(
  db: DbOrTx,
  id: number,
  lang: PageLanguage,
  baseUrl: string,
): Promise<RenderedPage | undefined> {
  const network = await getNetwork(db, null, id).catch(() => undefined);
  if (!network || network.deletedAt) return undefined;
  const texts = PAGE_TEXTS[lang];
  const name = inLanguage(network.name, lang);
  const description = inLanguage(network.description, lang);
  const members = network.members.filter((member) => member.current);
  const path = `/networks/${id}`;
  const url = `${baseUrl}${path}`;
  const articles = await articlesSection(db, { networkId: id }, lang);
  const body = html`<h1>${name}</h1>
${description ? html`<p>${description}</p>` : ''}
<section aria-labelledby="network-members"><h2 id="network-members">${texts.members} (${members.length})</h2><ul>${members.map(
    (member) =>
      html`<li>${
        member.placeId
          ? html`<a href="/places/${member.placeId}?lang=${lang}">${member.name}</a>`
          : member.name
      }</li>`,
  )}</ul></section>${articles}`;
  return {
    lang,
    title: `${name} – CityBridge`,
    description: shorten(description || name),
    canonical: `${url}?lang=${lang}`,
    alternates: languageAlternates(baseUrl, path),
    type: 'website',
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': 'Organization',
        '@id': url,
        url,
        name,
        ...(network.shortName ? { alternateName: network.shortName } : {}),
        ...(description ? { description } : {}),
        ...(network.website ? { sameAs: network.website } : {}),
        member: members.map((member) =>
          member.placeId
            ? { '@type': 'City', '@id': `${baseUrl}/places/${member.placeId}`, name: member.name }
            : { '@type': 'Organization', name: member.name },
        ),
      },
    ],
    body: frame(lang, body),
  };
}
