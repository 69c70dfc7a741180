import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './browser.ts';
import { type RunningServer, startTestServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let espooId: number;
let finnishEspoo: number;

async function newPage(
  options: { locale?: string; width?: number; height?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

const mapReady = (page: Page) =>
  page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 30_000 });

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const search = (await (await fetch(`${server.url}/api/places?q=Espoo`)).json()) as {
    results: { id: number }[];
  };
  espooId = search.results[0]!.id;
  finnishEspoo = espooId;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the atlas in Chromium', () => {
  it('is served as a production build, even when a test run built it', async () => {
    const html = await (await fetch(server.url)).text();
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    const code = await (await fetch(`${server.url}${script}`)).text();
    expect(code).not.toContain('jsxDEV');
  });

  it('names the land in the page, for its head to fetch with the network', async () => {
    const html = await (await fetch(server.url)).text();
    const land = /<meta name="citybridge-land" content="([^"]+)"/.exec(html)?.[1];
    expect(land).toMatch(/^\/assets\/land-110m-[\w-]+\.json$/);
    const topology = (await (await fetch(`${server.url}${land}`)).json()) as {
      objects: Record<string, unknown>;
    };
    expect(Object.keys(topology.objects)).toEqual(['land']);
  });

  it('paints the first picture in the colours of the theme, before the app has loaded', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page } = await newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(server.url);
      // Read as soon as it is painted, before the map takes it over.
      const seen = await page.evaluate(async () => {
        const canvas = await new Promise<HTMLCanvasElement>((resolve) => {
          const look = () => {
            const found = document.querySelector<HTMLCanvasElement>('canvas.atlas-early-picture');
            if (found && performance.getEntriesByName('citybridge:ties-painted').length > 0) resolve(found);
            else requestAnimationFrame(look);
          };
          look();
        });
        const context = canvas.getContext('2d')!;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        const colours = new Set<string>();
        for (let index = 0; index < data.length; index += 4 * 97) {
          colours.add(
            `#${[data[index]!, data[index + 1]!, data[index + 2]!].map((c) => c.toString(16).padStart(2, '0')).join('')}`,
          );
        }
        const style = getComputedStyle(document.documentElement);
        return {
          colours: [...colours],
          ocean: style.getPropertyValue('--cb-map-ocean').trim(),
          land: style.getPropertyValue('--cb-map-land').trim(),
        };
      });
      expect(seen.ocean).toBe(colorScheme === 'dark' ? '#0f1923' : '#dbe7f0');
      expect(seen.colours, colorScheme).toContain(seen.ocean);
      expect(seen.colours, colorScheme).toContain(seen.land);
      await context.close();
    }
  });

  it('search → select → partners listed, with the place in the URL', async () => {
    const { context, page } = await newPage();
    await page.goto(server.url);
    await mapReady(page);
    const input = page.getByRole('combobox', { name: 'Search for a place' });
    await input.fill('Esbo');
    await page.getByRole('option', { name: /Espoo/ }).waitFor();
    await input.press('Enter');
    const panel = page.getByRole('complementary');
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe('Espoo');
    const rows = panel.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(6);
    await expect(panel.getByRole('link', { name: 'Shanghai' }).count()).resolves.toBe(1);
    // The URL follows the panel, after the frame that shows it.
    await expect.poll(() => new URL(page.url()).searchParams.get('place')).toBe(String(espooId));
    await context.close();
  });

  it('shows a tooltip on hovering a place and selects it on click', async () => {
    const { context, page } = await newPage();
    // Centre the map on Espoo, so that its dot is in the middle of the map.
    await page.goto(`${server.url}/?view=24.66,60.21,6`);
    await mapReady(page);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByRole('tooltip').textContent()).toMatch(/^Espoo, Finland: 6 ties$/);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect
      .poll(() => page.getByRole('complementary').getByRole('heading', { level: 2 }).textContent())
      .toBe('Espoo');
    await context.close();
  });

  it('filters the ties and the partner list, and keeps the filter in the URL', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/?place=${espooId}`);
    await mapReady(page);
    const shown = page.locator('.shown-count');
    const before = await shown.textContent();
    // The country: typed into its combo box, then chosen from the narrowed list with the pointer.
    await page.getByRole('combobox', { name: 'Country' }).fill('Swed');
    await page.getByRole('listbox').getByRole('option', { name: 'Sweden', exact: true }).click();
    await expect.poll(() => shown.textContent()).not.toBe(before);
    expect(await shown.textContent()).toBe('3 ties shown');
    const rows = page.getByRole('complementary').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('country')).toBe('SE');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBe(6);
    expect(await page.getByRole('combobox', { name: 'Country' }).inputValue()).toBe('All');

    // The status, by keyboard: open the select, type the option's first letters, Enter; "All" removes the filter.
    const status = page.getByRole('button', { name: /Status$/ });
    const chooseStatus = async (option: string) => {
      await status.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('listbox').waitFor();
      await page.keyboard.type(option);
      await page.keyboard.press('Enter');
      await page.getByRole('listbox').waitFor({ state: 'detached' });
    };
    await chooseStatus('Active');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('active');
    // The URL changes first; the select's label follows in the deferred render of the filter.
    await expect.poll(() => status.textContent()).toContain('Active');
    await chooseStatus('All');
    await expect.poll(() => new URL(page.url()).searchParams.has('status')).toBe(false);
    await expect.poll(() => rows.count()).toBe(6);
    await context.close();
  });

  it('opens a deep link, follows a partner to its page, and comes back with the back button', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/?place=${espooId}&view=24.6,60.2,4`);
    await mapReady(page);
    await page.getByRole('complementary').getByRole('link', { name: 'Shanghai' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Shanghai');
    expect(new URL(page.url()).pathname).toMatch(/^\/places\/\d+$/);
    await page.goBack();
    await expect
      .poll(() => page.getByRole('complementary').getByRole('heading', { level: 2 }).textContent())
      .toBe('Espoo');
    expect(new URL(page.url()).searchParams.get('view')).toBe('24.6,60.2,4');
    await context.close();
  });

  it('switches language, remembers it, and names places in it (Esbo in Swedish)', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/?place=${finnishEspoo}`);
    await page.getByRole('button', { name: 'Svenska' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Världsatlas över vänorter');
    await expect
      .poll(() => page.getByRole('complementary').getByRole('heading', { level: 2 }).textContent())
      .toBe('Esbo');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    await page.reload();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Världsatlas över vänorter');
    await context.close();
  });

  it('defaults to the browser language', async () => {
    const { context, page } = await newPage({ locale: 'fi-FI' });
    await page.goto(server.url);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Ystävyyskaupunkien maailmankartasto');
    // Finnish groups digits with a no-break space and writes a decimal comma.
    expect(
      await page.evaluate(() => new Intl.NumberFormat(document.documentElement.lang).format(1234.5)),
    ).toBe('1\u00a0234,5');
    await context.close();
  });

  it('can be used with the keyboard alone: skip link, search, choose, open a partner', async () => {
    const { context, page } = await newPage();
    await page.goto(server.url);
    await mapReady(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main');
    // Tab on to the search box.
    for (let step = 0; step < 5; step += 1) {
      if (await page.evaluate(() => document.activeElement?.getAttribute('role') === 'combobox')) break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.keyboard.type('Espoo');
    await page.getByRole('option', { name: /Espoo/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary');
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(6);
    await panel.getByRole('link', { name: 'Kristianstad' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Kristianstad');
    await context.close();
  });

  it("shows the selected place's tooltip when the map gets keyboard focus", async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/?place=${espooId}`);
    await mapReady(page);
    await page.getByRole('img', { name: "Map of the world's twin-town ties" }).focus();
    await expect.poll(() => page.getByRole('tooltip').textContent()).toBe('Espoo, Finland: 6 ties');
    await context.close();
  });

  it('fills the window under the header with the map, the search and the panel floating over it', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/?place=${espooId}`);
    await mapReady(page);
    const header = (await page.locator('header').first().boundingBox())!;
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(map).toEqual({ x: 0, y: header.y + header.height, width: 1280, height: 900 - header.height });
    for (const overlay of [page.locator('.atlas-controls'), page.getByRole('complementary')]) {
      const box = (await overlay.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(map.x);
      expect(box.x + box.width).toBeLessThanOrEqual(map.x + map.width);
      expect(box.y + box.height).toBeLessThanOrEqual(map.y + map.height);
      // On top of the map: what is at the overlay's centre belongs to it.
      const onTop = await overlay.evaluate((element) => {
        const rect = element.getBoundingClientRect();
        return element.contains(document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2));
      });
      expect(onTop).toBe(true);
    }
    // No page scrolling: the map is the page.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(900);
    await context.close();
  });

  it("highlights a clicked place's ties and lists its partners before the partners API answers", async () => {
    const { context, page } = await newPage();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    await page.route('**/api/places/*/partners', async (route) => {
      asked += 1;
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/?view=24.66,60.21,6`);
    await mapReady(page);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByRole('tooltip').textContent()).toMatch(/^Espoo, Finland/);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const panel = page.getByRole('complementary');
    await expect
      .poll(() => page.locator('.atlas-map').getAttribute('data-selection-drawn'))
      .toBe(String(espooId));
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe('Espoo');
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(6);
    expect(await panel.getByRole('link', { name: 'Shanghai' }).count()).toBe(1);
    // The hover asked for the partners already; the answer is still held back.
    expect(asked).toBe(1);
    expect(await panel.getByRole('table').getAttribute('aria-busy')).toBe('true');
    release();
    await expect.poll(() => panel.getByRole('table').getAttribute('aria-busy')).toBe('false');
    expect(await panel.locator('tbody tr').count()).toBe(6);
    await context.close();
  });

  it("draws a click's highlight over the map without drawing the map again", async () => {
    const { context, page } = await newPage();
    // Every frame MapLibre draws starts by clearing its WebGL canvas: count the clears.
    await page.addInitScript(() => {
      const counted = window as unknown as { glClears: number };
      counted.glClears = 0;
      const clear = WebGL2RenderingContext.prototype.clear;
      WebGL2RenderingContext.prototype.clear = function (this: WebGL2RenderingContext, mask: number) {
        counted.glClears += 1;
        return clear.call(this, mask);
      };
    });
    await page.goto(`${server.url}/?view=24.66,60.21,6`);
    await mapReady(page);
    await page.waitForTimeout(500);
    const drawn = () => page.evaluate(() => performance.getEntriesByName('citybridge:network-drawn').length);
    const clears = () => page.evaluate(() => (window as unknown as { glClears: number }).glClears);
    const before = await drawn();
    const framesBefore = await clears();
    const box = (await page.getByTestId('map').boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await expect.poll(() => page.getByRole('tooltip').textContent()).toMatch(/^Espoo/);
    await page.mouse.click(x, y);
    await expect
      .poll(() => page.locator('.atlas-map').getAttribute('data-selection-drawn'))
      .toBe(String(espooId));
    // The place's dot in the selected colour on the overlay, at the map's centre.
    const centre = await page.locator('canvas.atlas-selection').evaluate((canvas: HTMLCanvasElement) => {
      const pixel = canvas.getContext('2d')!.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
      return [...pixel];
    });
    expect(centre.slice(0, 3)).toEqual([0xc2, 0x18, 0x5b]);
    await page.waitForTimeout(500);
    expect(await drawn()).toBe(before);
    expect(await clears()).toBe(framesBefore);
    // Closing the panel takes the highlight away.
    await page.getByRole('complementary').getByRole('button', { name: 'Close panel' }).click();
    await expect
      .poll(() =>
        page
          .locator('canvas.atlas-selection')
          .evaluate(
            (canvas: HTMLCanvasElement) =>
              canvas.getContext('2d')!.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data[3],
          ),
      )
      .toBe(0);
    await context.close();
  });

  it('pans with a drag, and a drag that ends on a place does not select it', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/?view=24.66,60.21,6`);
    await mapReady(page);
    const box = (await page.getByTestId('map').boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    // Espoo is under the pointer from the press to the release: the map moves with it.
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x - 50, y, { steps: 3 });
    await page.mouse.move(x - 200, y, { steps: 5 });
    await page.mouse.up();
    const centre = () => Number(new URL(page.url()).searchParams.get('view')?.split(',')[0] ?? 24.66);
    // The map moved 200 px westwards with the pointer: its centre is now east of Espoo.
    await expect.poll(centre).toBeGreaterThan(25);
    await page.waitForTimeout(300);
    expect(await page.locator('.atlas-map').getAttribute('data-selection-drawn')).toBe('');
    expect(new URL(page.url()).searchParams.get('place')).toBeNull();
    await context.close();
  });

  it('renders the map at half resolution while the wheel zooms, and sharp again at rest', async () => {
    const { context, page } = await newPage();
    await page.goto(server.url);
    await mapReady(page);
    const canvas = page.locator('canvas.maplibregl-canvas');
    const full = await canvas.evaluate((element: HTMLCanvasElement) => element.width);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -100);
    await expect.poll(() => canvas.evaluate((element: HTMLCanvasElement) => element.width)).toBe(full / 2);
    await expect.poll(() => canvas.evaluate((element: HTMLCanvasElement) => element.width)).toBe(full);
    await context.close();
  });

  it('lists the partners within the panel at every width, in Finnish too', async () => {
    for (const width of [375, 800, 1280]) {
      const { context, page } = await newPage({ locale: 'fi-FI', width });
      await page.goto(`${server.url}/?place=${espooId}`);
      await mapReady(page);
      const panel = page.getByRole('complementary');
      await expect.poll(() => panel.locator('tbody tr').count()).toBe(6);
      const overflow = await panel.evaluate((element) => {
        const right = element.getBoundingClientRect().right;
        const cells = Array.from(element.querySelectorAll('th, td')).map(
          (cell) => cell.getBoundingClientRect().right,
        );
        return { scroll: element.scrollWidth - element.clientWidth, cells: Math.max(...cells) - right };
      });
      expect(overflow.scroll, `at ${width} px`).toBeLessThanOrEqual(0);
      expect(overflow.cells, `at ${width} px`).toBeLessThanOrEqual(0);
      // No word is split over two lines ("tuntematon", an unknown start, in a column a year wide).
      const split = await panel.locator('table').evaluate((table) => {
        const words: string[] = [];
        const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
            if (lines.size > 1) words.push(match[0]);
          }
        }
        return words;
      });
      expect(split, `at ${width} px`).toEqual([]);
      // An unknown start is read out as such.
      expect(await panel.locator('tbody td').last().textContent()).toContain('tuntematon');
      await context.close();
    }
  });

  it('shows the place as a bottom sheet on a phone (375 px)', async () => {
    const { context, page } = await newPage({ width: 375, height: 812 });
    await page.goto(`${server.url}/?place=${espooId}`);
    await mapReady(page);
    const sheet = (await page.getByRole('complementary').boundingBox())!;
    expect(sheet.x).toBe(0);
    expect(sheet.width).toBe(375);
    expect(sheet.y + sheet.height).toBe(812);
    expect(sheet.height).toBeLessThanOrEqual(812 / 2);
    // The search stays at the top, over the map; the map fills the rest.
    const search = (await page.getByRole('combobox', { name: 'Search for a place' }).boundingBox())!;
    expect(search.y + search.height).toBeLessThan(sheet.y);
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(map.width).toBe(375);
    expect(map.y + map.height).toBe(812);
    await context.close();
  });

  it("shows the map beside the place's panel as it is drawn, in both themes, on a phone and a wide screen", async () => {
    // Chromium once left a box of an earlier frame (a flat rectangle) over the map beside a panel that scrolls:
    // the map seen around the panel must be the same with the panel shown and hidden.
    const differ = await browser.newPage();
    for (const [width, height] of [
      [375, 812],
      [1280, 600],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context, page } = await newPage({ width, height });
        await page.emulateMedia({ colorScheme });
        await page.goto(`${server.url}/?place=${espooId}`);
        await mapReady(page);
        const panel = page.getByRole('complementary');
        await expect.poll(() => panel.locator('tbody tr').count()).toBe(6);
        await page.waitForTimeout(500);
        const box = (await panel.boundingBox())!;
        const shown = await page.screenshot();
        await panel.evaluate((element) => {
          (element as HTMLElement).style.visibility = 'hidden';
        });
        await page.waitForTimeout(300);
        const hidden = await page.screenshot();
        const changed = await differ.evaluate(
          async ([a, b, box]) => {
            const pixels = async (png: string) => {
              const image = new Image();
              image.src = `data:image/png;base64,${png}`;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.width;
              canvas.height = image.height;
              const context = canvas.getContext('2d')!;
              context.drawImage(image, 0, 0);
              return context.getImageData(0, 0, image.width, image.height);
            };
            const [x, y] = [await pixels(a), await pixels(b)];
            // The panel and its shadow aside, no pixel of the map may change.
            const margin = 40;
            let count = 0;
            for (let row = 0; row < x.height; row += 1) {
              for (let column = 0; column < x.width; column += 1) {
                if (
                  column >= box.x - margin &&
                  column < box.x + box.width + margin &&
                  row >= box.y - margin &&
                  row < box.y + box.height + margin
                )
                  continue;
                const at = (row * x.width + column) * 4;
                const difference =
                  Math.abs(x.data[at]! - y.data[at]!) +
                  Math.abs(x.data[at + 1]! - y.data[at + 1]!) +
                  Math.abs(x.data[at + 2]! - y.data[at + 2]!);
                if (difference > 30) count += 1;
              }
            }
            return count;
          },
          [shown.toString('base64'), hidden.toString('base64'), box] as const,
        );
        expect(changed, `${width}×${height}, ${colorScheme}`).toBe(0);
        await context.close();
      }
    }
    await differ.close();
  });

  it('fits a phone screen (375 px) without sideways scrolling', async () => {
    const { context, page } = await newPage({ width: 375 });
    await page.goto(`${server.url}/?place=${espooId}`);
    await mapReady(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`the atlas with a place chosen, on a phone, in Finnish and ${colorScheme} has no violations`, async () => {
      const { context, page } = await newPage({ locale: 'fi', width: 375, height: 812 });
      await page.emulateMedia({ colorScheme });
      await page.goto(`${server.url}/?place=${espooId}`);
      await page.waitForLoadState('networkidle');
      await mapReady(page);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  const pages = [
    ['the atlas', () => `/?place=${espooId}`, true],
    ['a place page', () => `/places/${espooId}`, true],
    ['a country page', () => '/countries/FI?pair=SE', false],
    ['the accessibility statement', () => '/accessibility', false],
  ] as const;
  for (const language of ['fi', 'sv', 'en']) {
    for (const [name, path, hasMap] of pages) {
      it(`${name} in ${language} has no violations`, async () => {
        const { context, page } = await newPage({ locale: language });
        await page.goto(`${server.url}${path()}`);
        await page.waitForLoadState('networkidle');
        if (hasMap) await mapReady(page);
        await page.waitForSelector('h1');
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
        expect(await axeViolations(page)).toEqual([]);
        await context.close();
      });
    }
  }
});
