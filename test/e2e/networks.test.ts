import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoNetworks, findDemoNetworks } from '../../src/features/demo/demo.networks.ts';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * Networks in the browser: the public page of the demo's C21 China working group (its members on a map and in a
 * table, their ties with China) and of C21, in both themes; and in the workspace, Espoo's coordinator adding a
 * member of C21 to the working group with the keyboard alone.
 */

const workspace = setUpDemoWorkspace();
let networks: DemoNetworks;
let turku: { id: number; name: string };

/** A toast that says `text`, in the page's notifications region. */
const toast = (page: Page, text: string | RegExp) =>
  page
    .getByRole('region', { name: /Notifications|Ilmoitukset|Aviseringar/ })
    .getByRole('alertdialog')
    .filter({ hasText: text });

beforeAll(async () => {
  const { server, browser, users } = workspace;
  networks = (await findDemoNetworks(server.database.db))!;
  // The fixture world has three Finnish municipalities, all in the working group: Turku leaves it, for Espoo's
  // coordinator to add it again.
  const context = await browser.newContext();
  const api = context.request;
  const admin = users.find((user) => user.role === 'administrator')!;
  expect(
    (
      await api.post(`${server.url}/api/auth/sign-in`, {
        data: { email: admin.email, password: admin.password },
      })
    ).status(),
  ).toBe(200);
  const { csrfToken } = await (await api.get(`${server.url}/api/auth/session`)).json();
  const group = await (await api.get(`${server.url}/api/networks/${networks.workingGroupId}`)).json();
  const member = group.members.find((item: { name: string }) => item.name === 'Turku');
  turku = { id: member.placeId, name: member.name };
  const removed = await api.delete(
    `${server.url}/api/networks/${networks.workingGroupId}/members/${member.id}`,
    {
      headers: { 'x-csrf-token': csrfToken },
    },
  );
  expect(removed.status(), await removed.text()).toBe(200);
  await context.close();
});

describe('a network’s public page', () => {
  it('shows the working group’s members on a map and in a table, and their ties with China, in both themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await workspace.newPage({ colorScheme });
      await page.goto(`${workspace.server.url}/networks/${networks.workingGroupId}`);
      await page.getByRole('heading', { name: 'C21 China working group', level: 1 }).waitFor();
      await page.getByRole('link', { name: /C21 – the network of Finland’s 21 largest cities/ }).waitFor();
      const members = page.getByRole('table', { name: 'Members, current and former' });
      await members.getByRole('link', { name: 'Espoo' }).waitFor();
      expect(await members.getByRole('link', { name: 'Turku' }).count()).toBe(0);
      // The map comes as it nears the view: a marker per current member, each named.
      await page.getByRole('heading', { name: 'Members', exact: true }).scrollIntoViewIfNeeded();
      await page.locator('[data-testid="network-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
      await expect
        .poll(() =>
          page.getByRole('button', { name: /^(Espoo|Helsinki) \(Finland\): City or region$/ }).count(),
        )
        .toBe(2);
      // The ties with China, the group's country, from the registry.
      await page.getByRole('combobox', { name: 'Country' }).waitFor();
      expect(await page.getByRole('combobox', { name: 'Country' }).inputValue()).toBe('China');
      await page.getByRole('table', { name: 'Members’ ties with China' }).waitFor();
      await page.getByRole('link', { name: 'C21 China working group meeting' }).waitFor();
      expect(await axeViolations(page), colorScheme).toEqual([]);
      await page.context().close();
    }
  });

  it('lists C21’s members and working group, linked from the header’s Networks', async () => {
    const page = await workspace.newPage({ locale: 'fi-FI', colorScheme: 'dark', width: 375 });
    await page.goto(`${workspace.server.url}/networks`);
    await page.getByRole('heading', { name: 'Kaupunkiverkostot', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'C21 – Suomen 21 suurimman kaupungin verkosto' }).click();
    await page
      .getByRole('heading', { name: 'C21 – Suomen 21 suurimman kaupungin verkosto', level: 1 })
      .waitFor();
    await page.getByText(/jäsenluettelo on johdettu väkiluvusta/).waitFor();
    await page.getByRole('link', { name: 'C21:n Kiina-työryhmä', exact: true }).waitFor();
    const members = page.getByRole('table', { name: 'Jäsenet, nykyiset ja entiset' });
    await members.getByRole('link', { name: 'Turku' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('a network in the workspace', () => {
  it('lets the working group’s coordinator add a member of C21 with the keyboard', async () => {
    // Dark first: the page as it is; then, in light, the member added.
    for (const colorScheme of ['dark', 'light'] as const) {
      const page = await workspace.newPage({ colorScheme });
      await workspace.signIn(page);
      await page.goto(`${workspace.server.url}/workspace/networks`);
      await page.getByRole('heading', { name: 'Networks', level: 1 }).waitFor();
      const list = page.getByRole('table', { name: 'Our networks and working groups' });
      await list.getByRole('link', { name: 'C21 China working group' }).waitFor();
      expect(await axeViolations(page), `list ${colorScheme}`).toEqual([]);
      await list.getByRole('link', { name: 'C21 China working group' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'C21 China working group', level: 1 }).waitFor();
      await page.getByText('Your organisation coordinates this: you keep its members list.').waitFor();
      expect(await axeViolations(page), `page ${colorScheme}`).toEqual([]);
      if (colorScheme === 'dark') {
        await page.context().close();
        continue;
      }

      // Choose Turku among C21's current members, give the day it joined, and add it: keys only.
      const member = page.getByRole('combobox', { name: /^Member of C21/ });
      await member.focus();
      await page.keyboard.type('Tur');
      await page.getByRole('option', { name: /Turku/ }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await member.inputValue()).toBe('Turku');
      await page.keyboard.press('Tab');
      await page.keyboard.type('01032021');
      for (let step = 0; step < 12; step += 1) {
        const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
        if (focused === 'Add member') break;
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Add member');
      await page.keyboard.press('Enter');
      await toast(page, 'Turku added.').waitFor();
      const members = page.getByRole('table', { name: 'Members of C21 China working group' });
      const row = members.getByRole('row').filter({ has: page.getByRole('link', { name: 'Turku' }) });
      await row.waitFor();
      expect(await row.getByRole('cell').nth(3).textContent()).toBe('2021-03-01');
      expect(await axeViolations(page), `added ${colorScheme}`).toEqual([]);
      await page.context().close();
    }
    // The public page shows the new member too.
    const check = await (
      await fetch(`${workspace.server.url}/api/networks/${networks.workingGroupId}`)
    ).json();
    expect(check.members.map((item: { placeId: number }) => item.placeId)).toContain(turku.id);
  });
});
