import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { organizations, users } from '../../src/db/schema.ts';
import { grantMembership } from '../../src/features/auth/auth.users.service.ts';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

const demo = setUpDemoWorkspace();
const newPage = demo.newPage;
const signIn = (page: Page) => demo.signIn(page);

/** What has focus: its tag, its accessible label or text, and whether it sits in a dialog. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase(),
      label: element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '',
      inDialog: Boolean(element?.closest('[role="dialog"]')),
    };
  });

describe('the app shell in Chromium', () => {
  it('opens the command palette with Ctrl+K, finds a tie by keyboard and opens it; Escape gives focus back', async () => {
    const page = await newPage();
    await signIn(page);
    await page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();

    // Escape closes the palette and focus returns to the button that opened it.
    const opener = page.getByRole('button', { name: 'Search and commands' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const palette = page.getByRole('dialog', { name: 'Search and commands' });
    await palette.waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('input');
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused(page)).label).toMatch(/^Search and commands/);

    // Ctrl+K, type, the results are counted for screen readers, arrows move, Enter opens.
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.type('Kristian');
    await palette
      .getByRole('status')
      .filter({ hasText: /\d+ results?/ })
      .waitFor();
    const ties = palette.getByRole('group', { name: 'Ties' });
    await ties.getByRole('menuitem', { name: /Kristianstad/ }).waitFor();
    const input = palette.locator('input');
    const active = () =>
      input.evaluate((element) => {
        const id = element.getAttribute('aria-activedescendant');
        return id ? (document.getElementById(id)?.closest('[role="group"]')?.textContent ?? '') : '';
      });
    for (let step = 0; step < 10 && !/^Ties/.test(await active()); step++)
      await page.keyboard.press('ArrowDown');
    expect(await active()).toMatch(/^Ties/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/partnerships\/\d+$/);
    await page.getByRole('heading', { name: /Kristianstad/, level: 1 }).waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('h1');

    // Commands: switching the language from the palette.
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.type('Suomi');
    await palette.getByRole('menuitem', { name: 'Language: Suomi' }).waitFor();
    const activeItem = () =>
      input.evaluate((element) => {
        const id = element.getAttribute('aria-activedescendant');
        return id ? (document.getElementById(id)?.textContent ?? '') : '';
      });
    for (let step = 0; step < 10 && (await activeItem()) !== 'Language: Suomi'; step++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Haku ja komennot' }).waitFor();
    await page.context().close();
  });

  it('navigates with the sidebar and the breadcrumbs, marks the current page and focuses its heading', async () => {
    const page = await newPage();
    await signIn(page);
    const sections = page.getByRole('navigation', { name: 'Workspace sections' });
    for (const [name, path, cell] of [
      ['Ties', '/workspace/ties', 'Shanghai'],
      ['Organisations', '/workspace/organizations', 'City of Espoo'],
      ['People', '/workspace/people', 'City Manager of Espoo'],
      ['Activity', '/workspace/activity', null],
    ] as const) {
      await sections.getByRole('link', { name, exact: true }).click();
      // The sections' links name the organisation shown (?org=), so the address opens the same view elsewhere.
      await page.waitForURL((url) => url.pathname === path && url.searchParams.has('org'));
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('h1');
      await expect(
        sections.getByRole('link', { name, exact: true }).getAttribute('aria-current'),
      ).resolves.toBe('page');
      const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
      await expect(crumbs.getByRole('link', { name }).getAttribute('aria-current')).resolves.toBe('page');
      if (cell) await page.getByRole('table').getByText(cell).first().waitFor();
    }
    await page
      .getByRole('navigation', { name: 'Breadcrumbs' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await page.waitForURL((url) => url.pathname === '/workspace');
    await page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();
    await page.context().close();
  });

  it('opens the sections drawer and the site menu at 375 px, keeps focus inside, and closes with Escape', async () => {
    const page = await newPage({ width: 375 });
    await signIn(page);
    for (const [button, dialog, link] of [
      ['Sections', 'Workspace sections', 'Ties'],
      ['Menu', 'CityBridge', 'Countries'],
    ] as const) {
      const opener = page.getByRole('button', { name: button, exact: true });
      await opener.click();
      const drawer = page.getByRole('dialog', { name: dialog });
      await drawer.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      for (let step = 0; step < 15; step++) {
        await page.keyboard.press('Tab');
        expect((await focused(page)).inDialog).toBe(true);
      }
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
      // Focus goes back to the opener in the frame after the drawer leaves.
      await expect.poll(async () => (await focused(page)).label).toBe(button);
      // A link in the drawer navigates and closes it.
      await opener.click();
      await drawer.getByRole('link', { name: link, exact: true }).click();
      await drawer.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: link, level: 1 }).waitFor();
    }
    await page.context().close();
  });

  it.each([
    ['en-GB', 'Ties', 'Countries'],
    ['fi-FI', 'Suhteet', 'Maat'],
    ['sv-FI', 'Förbindelser', 'Länder'],
  ])('has no axe violations on the shell pages in %s, in both themes', async (locale, ties, countries) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await newPage({ locale, colorScheme });
      await page.goto(`${demo.server.url}/countries`);
      await page.getByRole('heading', { name: countries, level: 1 }).waitFor();
      await page.getByRole('table').getByRole('link').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await signIn(page);
      await page.getByRole('navigation').getByRole('link', { name: ties, exact: true }).first().click();
      await page.getByRole('heading', { name: ties, level: 1 }).waitFor();
      await page.getByRole('table').getByRole('link').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Control+k');
      await page.getByRole('dialog').waitFor();
      await page.keyboard.type('sha');
      await page.getByRole('dialog').getByRole('menuitem').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.context().close();
    }
  });

  it('has no axe violations after switching to the dark theme with the header switch', async () => {
    const page = await newPage();
    await signIn(page);
    await page.getByRole('radiogroup', { name: 'Colour theme' }).getByRole('radio', { name: 'Dark' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    for (const path of [
      '/workspace',
      '/workspace/people',
      '/workspace/activity',
      '/workspace/organizations',
    ]) {
      await page.goto(`${demo.server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Breadcrumbs' }).waitFor();
      await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.context().close();
  });
});

describe('the site header', () => {
  it.each([
    ['en-GB', 'Workspace'],
    ['fi-FI', 'Työtila'],
    ['sv-FI', 'Arbetsyta'],
  ])('shows its links whole on one line at every width where they show, in %s', async (locale, workspace) => {
    const page = await newPage({ locale });
    await signIn(page);
    for (const width of [1400, 1280, 1180, 1101, 1100, 1001]) {
      await page.setViewportSize({ width, height: 700 });
      // The Workspace link is current (bold, with a background) on the workspace's pages: the widest case.
      await page.goto(`${demo.server.url}/workspace/ties`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const layout = await page.evaluate(() => {
        const box = (element: Element | null) => element?.getBoundingClientRect();
        const header = box(document.querySelector('.site-header'))!;
        const palette = box(document.querySelector('.site-palette-button'))!;
        const links = Array.from(document.querySelectorAll('.site-nav a'))
          .map((link) => ({ text: link.textContent, box: box(link)! }))
          .filter((link) => link.box.width > 0);
        return { header, palette, links };
      });
      expect(layout.links.map((link) => link.text)).toContain(workspace);
      for (const link of layout.links) {
        expect(link.box.top, `${width}: ${link.text}`).toBeGreaterThanOrEqual(layout.header.top);
        expect(link.box.bottom, `${width}: ${link.text}`).toBeLessThanOrEqual(layout.header.bottom);
        expect(link.box.right, `${width}: ${link.text}`).toBeLessThanOrEqual(layout.palette.left);
      }
    }
    // Narrower, a menu button opens them in a drawer.
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.getByRole('button', { name: /^(Menu|Valikko|Meny)$/ }).waitFor();
    expect(await page.locator('.site-nav').isVisible()).toBe(false);
    await page.context().close();
  });
});

/** The id of the organisation of this name. */
async function organizationId(name: string): Promise<number> {
  const [row] = await demo.server.database.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.name, name));
  return row!.id;
}

describe('the workspace shell', () => {
  it('names the record in the last breadcrumb, from what the page loads, with its type until then', async () => {
    const page = await newPage();
    await signIn(page);
    const reads: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (/^\/api\/(partnerships|organizations)\/\d+$/.test(pathname)) reads.push(pathname);
    });
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    const current = crumbs.locator('[aria-current="page"]');

    // While the tie is on its way the last crumb says what it is; then it names the tie as its heading does.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const tiePath = `/api/partnerships/${demo.partnershipId}`;
    await page.route(`**${tiePath}`, async (route) => {
      await answered;
      await route.continue();
    });
    await page.goto(`${demo.server.url}/partnerships/${demo.partnershipId}`);
    await expect.poll(() => current.textContent()).toBe('Partnership');
    answer();
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(/Espoo.+Shanghai|Shanghai.+Espoo/);
    await expect.poll(() => current.textContent()).toBe(await heading.textContent());
    // The crumbs read the page's own query: one request for the tie, the page's.
    expect(reads).toEqual([tiePath]);

    // An organisation's page: its name.
    reads.length = 0;
    const espoo = await organizationId('City of Espoo');
    await page.goto(`${demo.server.url}/organizations/${espoo}`);
    await page.getByRole('heading', { level: 1, name: 'City of Espoo' }).waitFor();
    await expect.poll(() => current.textContent()).toBe('City of Espoo');
    expect(reads).toEqual([`/api/organizations/${espoo}`]);
    // The crumbs before it lead to the section and the dashboard of the organisation shown.
    expect(await crumbs.getByRole('link', { name: 'Organisations' }).getAttribute('href')).toBe(
      `/workspace/organizations?org=${espoo}`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('names the organisation shown in the address, remembers it, and falls back from one the user is not a member of', async () => {
    const [espoo, shanghai, c21] = await Promise.all([
      organizationId('City of Espoo'),
      organizationId('Shanghai Municipal People’s Government'),
      organizationId('C21 – China working group'),
    ]);
    const viewer = demo.users[2]!;
    const { db } = demo.server.database;
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, viewer.email));
    await grantMembership(db, null, { userId: row!.id, organizationId: shanghai, role: 'viewer' });

    // The list's caption names the organisation (a <caption>, or the title above an empty or loading list).
    const caption = (page: Page) => page.locator('caption, .cb-table-title').first().textContent();
    const named = (page: Page) => new URL(page.url()).searchParams.get('org');
    const remembered = (page: Page) => page.evaluate(() => localStorage.getItem('citybridge.organization'));
    const switcher = (page: Page) =>
      page.locator('.ws-sidebar').getByRole('button', { name: /Organisation/ });

    // A link to Shanghai's ties opens Shanghai's ties, and Shanghai becomes the remembered choice.
    const page = await newPage();
    await demo.signIn(page, viewer);
    await page.goto(`${demo.server.url}/workspace/ties?org=${shanghai}`);
    await expect.poll(() => caption(page)).toBe('Ties of Shanghai Municipal People’s Government');
    await expect.poll(() => remembered(page)).toBe(String(shanghai));
    expect(await switcher(page).textContent()).toContain('Shanghai Municipal People’s Government');
    const sections = page.getByRole('navigation', { name: 'Workspace sections' });
    expect(await sections.getByRole('link', { name: 'People' }).getAttribute('href')).toBe(
      `/workspace/people?org=${shanghai}`,
    );

    // The switcher puts the choice in the address and remembers it; Back shows the one before, remembered again.
    await switcher(page).click();
    await page.getByRole('option', { name: 'City of Espoo' }).click();
    await expect.poll(() => named(page)).toBe(String(espoo));
    await expect.poll(() => caption(page)).toBe('Ties of City of Espoo');
    expect(await remembered(page)).toBe(String(espoo));
    await page.goBack();
    await expect.poll(() => caption(page)).toBe('Ties of Shanghai Municipal People’s Government');
    await expect.poll(() => remembered(page)).toBe(String(shanghai));

    // Without a name in the address, the remembered choice.
    await page.goto(`${demo.server.url}/workspace/people`);
    await expect.poll(() => caption(page)).toBe('People of Shanghai Municipal People’s Government');

    // An organisation the user is not a member of, or none at all: the remembered one, and the address says so.
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/api/organizations/${c21}`)) asked.push(request.url());
    });
    for (const wrong of [String(c21), '999999', 'espoo', '-1']) {
      await page.goto(`${demo.server.url}/workspace/ties?org=${wrong}&ties.sort=-since`);
      await expect.poll(() => named(page)).toBe(String(shanghai));
      expect(new URL(page.url()).searchParams.get('ties.sort')).toBe('-since');
      await expect.poll(() => caption(page)).toBe('Ties of Shanghai Municipal People’s Government');
      expect(await remembered(page)).toBe(String(shanghai));
    }
    expect(asked).toEqual([]);
    await page.context().close();

    // The link opened in another browser (nothing remembered there) shows the organisation it names.
    const elsewhere = await newPage();
    await demo.signIn(elsewhere, viewer);
    await elsewhere.goto(`${demo.server.url}/workspace/ties?org=${espoo}`);
    await expect.poll(() => caption(elsewhere)).toBe('Ties of City of Espoo');
    await elsewhere.context().close();
  });
});

/** The page's header: its height, its background, and the theme on <html>. */
const headerNow = (page: Page) =>
  page.evaluate(() => {
    const header = document.querySelector('header.site-header');
    return {
      height: header?.getBoundingClientRect().height,
      background: header ? getComputedStyle(header).backgroundColor : undefined,
      theme: document.documentElement.dataset.theme,
      app: Boolean(document.querySelector('.site-palette-button')),
    };
  });

describe('the page before the app loads', () => {
  it.each([
    [1280, 'light', 'dark'],
    [1280, 'dark', 'light'],
    [375, 'light', 'dark'],
    [375, 'dark', 'light'],
  ] as const)(
    'at %i px, with a %s system and %s chosen, has the chosen theme and the header’s height from the first paint',
    async (width, colorScheme, chosen) => {
      const page = await newPage({ width, colorScheme });
      await page.goto(`${demo.server.url}/accessibility`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.evaluate((theme) => localStorage.setItem('citybridge.theme', theme), chosen);

      // The app's entry held back: what shows is index.html's static header with the head's script and stylesheet.
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
        await released;
        await route.continue();
      });
      await page.goto(`${demo.server.url}/accessibility`, { waitUntil: 'commit' });
      await page.locator('header.site-header').waitFor();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
      const before = await headerNow(page);
      expect(before.app).toBe(false);
      expect(before.theme).toBe(chosen);

      release();
      await page.locator('.site-palette-button').waitFor();
      const after = await headerNow(page);
      expect(after.theme).toBe(chosen);
      expect(before.height).toBe(56);
      expect(after.height).toBe(before.height);
      expect(after.background).toBe(before.background);
      await page.context().close();
    },
  );

  it('writes each colour of the theme once, and the system’s dark and the chosen dark (and light) are the same colours', async () => {
    const tokens = await readFile(new URL('../../web/src/ui/tokens.css', import.meta.url), 'utf8');
    const declared = [...tokens.matchAll(/^\s*(--cb-(?:color|shadow)-[\w-]+):/gm)].map((match) => match[1]);
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((name, index) => declared.indexOf(name) !== index)).toEqual([]);
    const pairs = [...tokens.matchAll(/^\s*(--cb-color-[\w-]+): light-dark\((.+), (.+)\);$/gm)].map(
      ([, name, light, dark]) => ({ name: name!, light: light!, dark: dark! }),
    );
    expect(pairs.map((pair) => pair.name)).toEqual(
      declared.filter((name) => name?.startsWith('--cb-color-')),
    );

    /** Each colour token as the page resolves it, and each light and dark value resolved on its own. */
    const resolve = (page: Page) =>
      page.evaluate((list) => {
        const probe = document.createElement('div');
        document.body.append(probe);
        const colour = (value: string) => {
          probe.style.color = value;
          return getComputedStyle(probe).color;
        };
        const answer = list.map((pair) => ({
          name: pair.name,
          token: colour(`var(${pair.name})`),
          light: colour(pair.light),
          dark: colour(pair.dark),
        }));
        const shadows = ['1', '2', '3'].map((level) => {
          probe.style.boxShadow = `var(--cb-shadow-${level})`;
          return getComputedStyle(probe).boxShadow;
        });
        probe.remove();
        return { colours: answer, shadows };
      }, pairs);

    const seen: Record<'light' | 'dark', Awaited<ReturnType<typeof resolve>>[]> = { light: [], dark: [] };
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await newPage({ colorScheme });
      await page.goto(`${demo.server.url}/accessibility`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      for (const chosen of [undefined, 'light', 'dark'] as const) {
        await page.evaluate((theme) => {
          if (theme) document.documentElement.dataset.theme = theme;
          else delete document.documentElement.dataset.theme;
        }, chosen);
        const theme = chosen ?? colorScheme;
        const resolved = await resolve(page);
        for (const colour of resolved.colours) expect(colour.token, colour.name).toBe(colour[theme]);
        seen[theme].push(resolved);
        expect(await axeViolations(page)).toEqual([]);
      }
      await page.context().close();
    }
    // The same colours and shadows whichever way a theme was reached, and the two themes differ in every colour.
    for (const theme of ['light', 'dark'] as const)
      for (const resolved of seen[theme]) expect(resolved).toEqual(seen[theme][0]);
    for (const [index, colour] of seen.light[0]!.colours.entries())
      expect(colour.token, colour.name).not.toBe(seen.dark[0]!.colours[index]!.token);
  });
});
