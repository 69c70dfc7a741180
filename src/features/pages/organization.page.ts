import type { DbOrTx } from '../../db/client.ts';
import { inLanguage } from '../../lib/localized.ts';
import { listArticles, listSeries } from '../articles/articles.service.ts';
import { listNetworks } from '../networks/networks.service.ts';
import { GOVERNMENT_KINDS } from '../organizations/organizations.constants.ts';
import { organizationRecord } from '../organizations/organizations.service.ts';
import { listOutcomes } from '../outcomes/outcomes.service.ts';
import { mayRead } from '../records/records.service.ts';
import { type Html, html } from './html.ts';
import { frame, languageAlternates, type RenderedPage, shorten } from './page.ts';
import { PAGE_TEXTS, type PageLanguage } from './pages.texts.ts';
import { articleList, countryName, eventsSection } from './registry.page.ts';

/** An organisation's series, each with its latest articles in the page's language; nothing when it has none. */
async function seriesSection(db: DbOrTx, organizationId: number, lang: PageLanguage): Promise<Html | ''> {
  const { items: series } = await listSeries(db, null, { organizationId });
  if (series.length === 0) return '';
  const parts: Html[] = [];
  for (const one of series) {
    // One query at a time: `db` may be a transaction's single connection.
    const { items } = await listArticles(db, null, { seriesId: one.id, language: lang, limit: 5 });
    parts.push(
      html`<h3><a href="${one.url}?lang=${lang}">${inLanguage(one.title, lang)}</a></h3>${
        items.length > 0 ? articleList(items, lang) : html`<p>${PAGE_TEXTS[lang].noArticles}</p>`
      }`,
    );
  }
  return html`<section aria-labelledby="organization-series"><h2 id="organization-series">${PAGE_TEXTS[lang].series}</h2>${parts}</section>`;
}

/**
 * An organisation's public page: what it is and where, its website, its series and their latest articles, the
 * networks it belongs to, the events it hosts and the outcomes it recorded; for a government, a link to the ties of
 * the place it speaks for.
 */
export async function renderOrganizationPage(
  db: DbOrTx,
  id: number,
  lang: PageLanguage,
  baseUrl: string,
): Promise<RenderedPage | undefined> {
  const loaded = await organizationRecord.load(db, id, false);
  if (
    !loaded ||
    loaded.row.deletedAt ||
    loaded.row.mergedIntoId ||
    !mayRead(null, organizationRecord, loaded)
  )
    return undefined;
  const { row, place } = loaded;
  const texts = PAGE_TEXTS[lang];
  const kind = texts.kinds[row.kind];
  const government = GOVERNMENT_KINDS.includes(row.kind);
  const website = row.website && /^https?:\/\//.test(row.website) ? row.website : null;
  const series = await seriesSection(db, id, lang);
  const { items: networks } = await listNetworks(db, null, { organizationId: id, limit: 100 });
  const events = await eventsSection(db, { hostId: id }, lang);
  const { items: outcomes } = await listOutcomes(db, null, { organizationId: id, limit: 20 });
  const own = outcomes.filter((outcome) => outcome.organizationId === id);
  const path = `/organizations/${id}`;
  const url = `${baseUrl}${path}`;
  const placeLabel = place ? `${place.name}, ${countryName(place.country, lang)}` : null;
  const body = html`<h1>${row.name}</h1>
<p class="organization-facts">${kind}${
    place ? html` · <a href="/places/${place.id}?lang=${lang}">${placeLabel}</a>` : ''
  }${website ? html` · ${texts.website}: <a href="${website}">${website.replace(/^https?:\/\//, '')}</a>` : ''}</p>
${row.description ? html`<p>${row.description}</p>` : ''}${
  government && place
    ? html`<p><a href="/places/${place.id}?lang=${lang}">${texts.tiesOf(place.name)}</a></p>`
    : ''
}${series}${
  networks.length > 0
    ? html`<section aria-labelledby="organization-networks"><h2 id="organization-networks">${texts.networks}</h2><ul>${networks.map(
        (network) =>
          html`<li><a href="/networks/${network.id}?lang=${lang}">${inLanguage(network.name, lang)}</a></li>`,
      )}</ul></section>`
    : ''
}${events}${
  own.length > 0
    ? html`<section aria-labelledby="organization-outcomes"><h2 id="organization-outcomes">${texts.outcomes}</h2><ul>${own.map(
        (outcome) => html`<li>${inLanguage(outcome.title, lang)} (${outcome.achievedOn.slice(0, 4)})</li>`,
      )}</ul></section>`
    : ''
}`;
  return {
    lang,
    title: `${row.name} – CityBridge`,
    description: shorten(row.description || texts.organizationDescription(row.name, kind, placeLabel)),
    canonical: `${url}?lang=${lang}`,
    alternates: languageAlternates(baseUrl, path),
    type: 'website',
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': government ? 'GovernmentOrganization' : 'Organization',
        '@id': url,
        url,
        name: row.name,
        ...(row.aliases.length > 0 ? { alternateName: row.aliases } : {}),
        ...(row.description ? { description: row.description } : {}),
        ...(website ? { sameAs: website } : {}),
        ...(place
          ? {
              [government ? 'areaServed' : 'location']: {
                '@type': 'Place',
                '@id': `${baseUrl}/places/${place.id}`,
                name: place.name,
              },
            }
          : {}),
      },
    ],
    body: frame(lang, body),
  };
}
