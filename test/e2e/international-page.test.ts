import type { APIRequestContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { type PageOptions, setUpDemoWorkspace } from './browser.ts';

/**
 * A city's international life in the app, as the server's pages show it to readers without JavaScript: Espoo's page
 * in the demo shows its ties by kind and status, the networks it belongs to, its upcoming and past events, and what
 * its government publishes (the latest article of its series in the reader's language, the outcome it recorded, its
 * website); the City of Espoo's page shows an anonymous reader its series, outcomes, networks and ties, and its
 * editor the forms as before. Both are axe clean in fi, sv and en.
 */

const workspace = setUpDemoWorkspace();
const LANGUAGES = ['fi', 'sv', 'en'] as const;
type Language = (typeof LANGUAGES)[number];
let espooId: number;
let cityOfEspoo: { id: number; name: string };
/** The government's latest article in each language, as the API answers it. */
const latestArticle = {} as Record<Language, string>;
let outcome: string;
let network: { id: number; name: string };
const upcoming = { en: 'Delegation from Shanghai visits Espoo', fi: 'Shanghain valtuuskunta Espoossa' };

async function json<T>(answer: Awaited<ReturnType<APIRequestContext['get']>>, status = 200): Promise<T> {
  expect(answer.status(), await answer.text()).toBe(status);
  return (await answer.json()) as T;
}

beforeAll(async () => {
  const { server, browser, coordinator, partnershipId } = workspace;
  const context = await browser.newContext();
  const api = context.request;
  const { csrfToken } = await json<{ csrfToken: string }>(
    await api.post(`${server.url}/api/auth/sign-in`, {
      data: { email: coordinator.email, password: coordinator.password },
    }),
  );
  const tie = await json<{ parties: { placeId: number; name: string }[] }>(
    await api.get(`${server.url}/api/partnerships/${partnershipId}`),
  );
  espooId = tie.parties.find((party) => party.name === 'Espoo')!.placeId;
  const governments = await json<{ items: { id: number; name: string }[] }>(
    await api.get(`${server.url}/api/organizations?placeId=${espooId}&kind=city_government`),
  );
  cityOfEspoo = governments.items[0]!;
  for (const language of LANGUAGES) {
    const articles = await json<{ items: { title: string }[] }>(
      await api.get(
        `${server.url}/api/articles?organizationId=${cityOfEspoo.id}&language=${language}&limit=1`,
      ),
    );
    latestArticle[language] = articles.items[0]!.title;
  }
  const outcomes = await json<{ items: { organizationId: number; title: { en: string } }[] }>(
    await api.get(`${server.url}/api/outcomes?organizationId=${cityOfEspoo.id}`),
  );
  outcome = outcomes.items.find((item) => item.organizationId === cityOfEspoo.id)!.title.en;
  const networks = await json<{ items: { id: number; kind: string; name: { en: string } }[] }>(
    await api.get(`${server.url}/api/networks?placeId=${espooId}`),
  );
  const c21 = networks.items.find((item) => item.kind === 'network')!;
  network = { id: c21.id, name: c21.name.en };
  // The demo's events are all past: the City of Espoo plans one, two months from now.
  const starts = new Date(Date.now() + 60 * 24 * 3600 * 1000);
  await json(
    await api.post(`${server.url}/api/events`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        kind: 'delegation_visit',
        attendanceMode: 'in_person',
        startsAt: starts.toISOString(),
        endsAt: new Date(starts.getTime() + 6 * 3600 * 1000).toISOString(),
        timeZone: 'Europe/Helsinki',
        title: upcoming,
        venuePlaceId: espooId,
        hostIds: [cityOfEspoo.id],
      },
    }),
    201,
  );
  await context.close();
});

/** Opens a page as an anonymous reader and waits until the part loaded after it (`ready`) is there. */
async function open(path: string, ready: (page: Page) => Promise<void>, options: PageOptions = {}) {
  const page = await workspace.newPage(options);
  await page.goto(`${workspace.server.url}${path}`);
  await page.locator('main h1').first().waitFor();
  await ready(page);
  await page.waitForLoadState('networkidle');
  return page;
}

const placeReady = (language: Language) => async (page: Page) => {
  await page
    .getByRole('region', { name: cityOfEspoo.name })
    .getByRole('link', { name: latestArticle[language] })
    .waitFor();
};

const organizationReady = async (page: Page) => {
  await page.getByRole('region', { name: /Article series|Artikkelisarjat|Artikelserier/ }).waitFor();
  await page.getByRole('region', { name: /^(Partnerships|Kumppanuudet|Samarbeten)$/ }).waitFor();
};

describe('a place’s international page', () => {
  it('shows Espoo’s ties by kind, networks, events and what its government publishes', async () => {
    const page = await open(`/places/${espooId}?lang=en`, placeReady('en'));
    const summary = page.getByRole('table', { name: 'Ties by kind and status' });
    await summary.getByRole('rowheader', { name: 'Twin town' }).waitFor();

    const networks = page.getByRole('region', { name: 'Networks' });
    expect(await networks.getByRole('link', { name: network.name }).getAttribute('href')).toBe(
      `/networks/${network.id}`,
    );
    await networks.getByRole('link', { name: 'C21 China working group' }).waitFor();

    await page
      .getByRole('table', { name: 'Upcoming events' })
      .getByRole('link', { name: upcoming.en })
      .waitFor();
    const past = page.getByRole('table', { name: 'Past events' });
    await past.getByRole('link', { name: 'Shanghai twin-town forum' }).waitFor();
    expect(await past.getByRole('link', { name: upcoming.en }).count()).toBe(0);

    const government = page.getByRole('region', { name: cityOfEspoo.name });
    await government.getByRole('heading', { name: 'Latest articles', level: 3 }).waitFor();
    await government.getByRole('heading', { name: 'Outcomes', level: 3 }).waitFor();
    await government.getByText(outcome).waitFor();
    expect(await government.getByRole('link', { name: 'www.espoo.fi' }).getAttribute('href')).toBe(
      'https://www.espoo.fi',
    );
    expect(
      await government.getByRole('link', { name: `The page of ${cityOfEspoo.name}` }).getAttribute('href'),
    ).toBe(`/organizations/${cityOfEspoo.id}`);
    await page.context().close();
  });

  it('shows the government’s latest article in the reader’s language', async () => {
    for (const language of ['fi', 'sv'] as const) {
      const page = await open(`/places/${espooId}?lang=${language}`, placeReady(language));
      const government = page.getByRole('region', { name: cityOfEspoo.name });
      expect(await government.getByRole('link', { name: latestArticle.en }).count(), language).toBe(0);
      await page.context().close();
    }
  });
});

describe('an organisation’s page', () => {
  it('shows an anonymous reader its series, outcomes, networks and ties', async () => {
    const page = await open(`/organizations/${cityOfEspoo.id}?lang=en`, organizationReady);
    const series = page.getByRole('region', { name: 'Article series' });
    await series.getByRole('heading', { name: 'International Espoo', level: 3 }).waitFor();
    await series.getByRole('link', { name: latestArticle.en }).waitFor();
    await page.getByRole('region', { name: 'Outcomes' }).getByText(outcome).waitFor();
    expect(
      await page
        .getByRole('region', { name: 'Networks' })
        .getByRole('link', { name: network.name })
        .getAttribute('href'),
    ).toBe(`/networks/${network.id}`);
    const ties = page.getByRole('region', { name: 'Partnerships' });
    expect(await ties.getByRole('link', { name: 'Espoo – Shanghai' }).getAttribute('href')).toBe(
      `/partnerships/${workspace.partnershipId}`,
    );
    expect(await page.getByRole('heading', { name: 'Edit organisation' }).count()).toBe(0);
    await page.context().close();
  });

  it('keeps its editor’s forms', async () => {
    const page = await workspace.newPage();
    await workspace.signIn(page);
    await page.goto(`${workspace.server.url}/organizations/${cityOfEspoo.id}?lang=en`);
    await page.getByRole('heading', { name: 'Edit organisation' }).waitFor();
    await page.getByRole('heading', { name: 'Activity log' }).waitFor();
    expect(await page.getByRole('region', { name: 'Article series' }).count()).toBe(0);
    await page.context().close();
  });
});

describe('both pages in fi, sv and en', () => {
  it('are accessible (axe)', async () => {
    for (const language of LANGUAGES) {
      const place = await open(`/places/${espooId}?lang=${language}`, placeReady(language));
      expect(await axeViolations(place), `place ${language}`).toEqual([]);
      await place.context().close();
      const organization = await open(`/organizations/${cityOfEspoo.id}?lang=${language}`, organizationReady);
      expect(await axeViolations(organization), `organisation ${language}`).toEqual([]);
      await organization.context().close();
    }
    // A phone in the dark theme.
    for (const [path, ready] of [
      [`/places/${espooId}?lang=fi`, placeReady('fi')],
      [`/organizations/${cityOfEspoo.id}?lang=sv`, organizationReady],
    ] as const) {
      const page = await open(path, ready, { width: 375, colorScheme: 'dark' });
      expect(await axeViolations(page), `${path} on a phone, dark`).toEqual([]);
      await page.context().close();
    }
  }, 240_000);
});
