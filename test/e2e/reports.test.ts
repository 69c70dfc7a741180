import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * The impact report of the demo's Espoo–Shanghai tie: reached from the tie's page, its figures, timeline and PDF;
 * on paper without the workspace around it; in Finnish; readable by anyone for the published tie, without what
 * only members see. Axe finds nothing in either theme, on a phone too.
 */

const workspace = setUpDemoWorkspace();

describe('the impact report', () => {
  it("opens from the tie's page, with its figures, timeline and PDF, and prints without the workspace", async () => {
    const page = await workspace.newPage();
    await workspace.signIn(page);
    await page.goto(`${workspace.server.url}/partnerships/${workspace.partnershipId}`);
    await page.getByRole('link', { name: 'Impact report' }).click();
    await page.waitForURL(/\/report$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Espoo – Shanghai');
    const figures = page.getByRole('region', { name: 'In figures' });
    await expect.poll(() => figures.textContent()).toMatch(/Activities\d+/);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect.poll(() => timeline.getByRole('listitem').count()).toBeGreaterThan(1);
    // The breadcrumbs lead back through the tie.
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    await expect.poll(() => crumbs.getByRole('link', { name: 'Espoo – Shanghai' }).count()).toBe(1);

    const href = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    expect(href).toBe(`/api/partnerships/${workspace.partnershipId}/report.pdf?lang=en`);
    const pdf = await page.request.get(`${workspace.server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ws-sidebar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
  });

  it('is in Finnish for a Finnish reader, and anyone reads the published tie’s without the members’ log', async () => {
    const page = await workspace.newPage();
    await workspace.signIn(page);
    await page.goto(`${workspace.server.url}/partnerships/${workspace.partnershipId}/report`);
    await page.getByRole('button', { name: 'Suomi' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Lukuina' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Lataa PDF' }).getAttribute('href')).toContain('lang=fi');

    const anonymous = await workspace.newPage();
    await anonymous.goto(`${workspace.server.url}/partnerships/${workspace.partnershipId}/report`);
    await expect
      .poll(() => anonymous.getByRole('heading', { level: 1 }).textContent())
      .toBe('Espoo – Shanghai');
    await expect
      .poll(() => anonymous.getByRole('region', { name: 'People met' }).textContent())
      .toContain('None recorded.');
    await expect.poll(() => anonymous.locator('.rp-page').textContent()).toContain('shown to the members');
  });

  for (const colorScheme of ['light', 'dark'] as const)
    for (const width of [1280, 375])
      it(`has no axe violations in ${colorScheme} at ${width} px`, async () => {
        const page = await workspace.newPage({ colorScheme, width });
        await workspace.signIn(page);
        await page.goto(`${workspace.server.url}/partnerships/${workspace.partnershipId}/report`);
        await page.getByRole('region', { name: 'Timeline' }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
      });
});
