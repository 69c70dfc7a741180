import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkMembers, networks } from '../../src/db/schema.ts';
import type { DemoUser } from '../../src/features/demo/demo.service.ts';
import { makeUser } from '../helpers/auth.ts';
import { makeOrganization } from '../helpers/factories.ts';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * A mapping campaign from end to end in the workspace: a network's coordinator, reading the workspace in Swedish,
 * builds a campaign from the ready template (China), writes its Swedish title and opens it; Espoo's editor answers it
 * with the keyboard alone (Tab, typing, Space, arrows and Enter) and submits; the results show the answer. Axe finds
 * nothing on the list, the builder, the response and the results, in either theme.
 */

const workspace = setUpDemoWorkspace();
const SWEDISH_TITLE = 'Samarbetet med Kina 2024: nuläge, planer och behov';
const ROLE = 'Coordinator for international affairs';

let coordinator: DemoUser;
let espooId: number;
let groupId: number;
let campaignId: number;

/** What a keyboard user meets on focusing an element: its tag, role, name, and the name of the group it is in. */
interface Focused {
  tag: string;
  role: string | null;
  name: string;
  group: string;
}

/** Presses Tab until the focused element is the one wanted (a keyboard user moving through the page). */
async function tabTo(page: Page, describe: string, wanted: (focused: Focused) => boolean) {
  for (let step = 0; step < 200; step += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const nameOf = (element: Element | null | undefined): string => {
        if (!element) return '';
        const labelled = element.getAttribute('aria-labelledby');
        if (labelled)
          return labelled
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ');
        return (
          element.getAttribute('aria-label') ??
          (element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null) ??
          element.closest('label')?.textContent ??
          element.textContent ??
          ''
        );
      };
      const element = document.activeElement;
      return {
        tag: element?.tagName ?? '',
        role: element?.getAttribute('role') ?? null,
        name: nameOf(element).trim(),
        group: nameOf(element?.closest('[role="radiogroup"], [role="group"]')).trim(),
      };
    });
    if (wanted(focused)) return;
  }
  throw new Error(`Tab never reached ${describe}`);
}

const named = (pattern: RegExp) => (focused: Focused) => pattern.test(focused.name);

async function expectNoViolations(page: Page, what: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await axeViolations(page);
    expect(violations, `${what}, ${scheme}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function signedIn(user: DemoUser, locale = 'en-GB', width = 1280) {
  const page = await workspace.newPage({ locale, width });
  // Opening and closing ask first.
  page.on('dialog', (dialog) => void dialog.accept());
  await workspace.signIn(page, user);
  return page;
}

beforeAll(async () => {
  const db = workspace.server.database.db;
  const member = workspace.coordinator;
  // The organisation the demo's coordinator edits: the City of Espoo, a member of the group below.
  const context = await workspace.browser.newContext();
  await context.request.post(`${workspace.server.url}/api/auth/sign-in`, {
    data: { email: member.email, password: member.password },
  });
  const session = await (await context.request.get(`${workspace.server.url}/api/auth/session`)).json();
  espooId = session.memberships[0].organizationId as number;
  await context.close();

  const secretariat = await makeOrganization(db, {
    name: 'Nordiska nätverkets sekretariat',
    kind: 'network_secretariat',
  });
  coordinator = {
    email: 'samordnare@example.org',
    password: 'samordnare-lösenord-1',
    role: 'editor',
  } as DemoUser;
  await makeUser(db, {
    email: coordinator.email,
    name: 'Nätverkets samordnare',
    password: coordinator.password,
    memberships: [{ organizationId: secretariat.id, role: 'editor' }],
  });
  const [network] = await db
    .insert(networks)
    .values({
      kind: 'network',
      name: { fi: 'Pohjoinen verkosto', sv: 'Nordiska nätverket', en: 'Nordic network' },
      secretariatId: secretariat.id,
    })
    .returning();
  const [group] = await db
    .insert(networks)
    .values({
      kind: 'working_group',
      parentId: network!.id,
      name: { fi: 'Kiina-ryhmä', sv: 'Kinagruppen', en: 'China group' },
      countryCode: 'CN',
    })
    .returning();
  groupId = group!.id;
  await db.insert(networkMembers).values([
    { networkId: network!.id, organizationId: espooId },
    { networkId: groupId, organizationId: espooId },
  ]);
});

describe('a mapping campaign', () => {
  it('is built from the template in Swedish and opened by the coordinator', async () => {
    const page = await signedIn(coordinator, 'sv-SE');
    await page.goto(`${workspace.server.url}/workspace/campaigns`);
    await page.getByRole('heading', { level: 1, name: 'Enkäter' }).waitFor();
    await page.getByText('Inga enkäter ännu').waitFor();
    await expectNoViolations(page, 'campaigns list');

    await page.getByRole('button', { name: 'Ny enkät' }).click();
    await page.getByRole('heading', { name: 'Ny enkät', level: 2 }).waitFor();
    // The target: the China group (the network is offered too).
    await page.getByRole('button', { name: /Nätverk eller arbetsgrupp/ }).click();
    await page.getByRole('option', { name: 'Kinagruppen' }).click();
    // The group's country is chosen for the template.
    await expect(page.getByRole('combobox', { name: 'Land' }).inputValue()).resolves.toBe('Kina');
    await expectNoViolations(page, 'new campaign form');
    await page.getByRole('button', { name: 'Skapa utkast' }).click();
    await page.waitForURL(/\/workspace\/campaigns\/\d+\/edit$/);
    campaignId = Number(/campaigns\/(\d+)\/edit/.exec(page.url())![1]);
    await page.getByRole('heading', { level: 1, name: /^Formulärbyggare: Samarbetet med Kina/ }).waitFor();
    // Swedish is the language written, and every text of the template is there in all three.
    await expect(page.getByRole('radio', { name: /^svenska/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByText('klart', { exact: true }).count()).resolves.toBe(3);
    await expectNoViolations(page, 'builder');

    const title = page.getByRole('textbox', { name: 'Rubrik (svenska)', exact: true });
    await title.fill(SWEDISH_TITLE);
    await page.getByText('Osparade ändringar').waitFor();
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Enkäten sparad').waitFor();
    await page.getByRole('heading', { level: 1, name: `Formulärbyggare: ${SWEDISH_TITLE}` }).waitFor();

    // The preview shows the form as a member sees it, the registry table included.
    await page.getByRole('tab', { name: 'Förhandsvisning' }).click();
    await page.getByRole('heading', { name: SWEDISH_TITLE, level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Era förbindelser med Kina' }).waitFor();
    await expectNoViolations(page, 'builder preview');
    await page.getByRole('tab', { name: 'Redigera' }).click();

    await page.getByRole('button', { name: 'Öppna för svar' }).click();
    await page.getByText('Enkäten öppnad').waitFor();
    await page.getByText('Öppen', { exact: true }).first().waitFor();
    // Once open, only texts and dates change: no more questions are added.
    await expect(page.getByRole('button', { name: /^Lägg till en fråga/ }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("is answered by a member's editor with the keyboard alone, and submitted", async () => {
    const page = await signedIn(workspace.coordinator);
    await page.goto(
      `${workspace.server.url}/workspace/campaigns/${campaignId}/respond?organization=${espooId}`,
    );
    await page.getByRole('heading', { level: 1, name: /^State of cooperation with China/ }).waitFor();
    await page.getByText('Answers save as you type.').waitFor();
    // The registry table is pre-filled with Espoo's tie with Shanghai, and says so.
    await page.getByText('Pre-filled from the registry').waitFor();
    await page
      .getByRole('group', { name: /Shanghai/ })
      .first()
      .waitFor();
    await expectNoViolations(page, 'response');

    // What forms does the cooperation take: a twin-town agreement.
    await tabTo(page, 'the twin-town checkbox', named(/^Twin-town agreement$/));
    await page.keyboard.press('Space');
    // How active: 4 on the scale (Space picks the first point, the arrows move along).
    await tabTo(page, 'the scale', (focused) => focused.name === '1' && /How active/.test(focused.group));
    await page.keyboard.press('Space');
    for (let step = 0; step < 3; step += 1) await page.keyboard.press('ArrowRight');
    // Contacts in the last 12 months.
    await tabTo(page, 'the number of contacts', named(/^How many contacts/));
    await page.keyboard.type('12');
    // A named contact person: yes, which asks for the person's title.
    await tabTo(
      page,
      'the contact person question',
      (focused) => focused.name === 'Yes' && /contact person/.test(focused.group),
    );
    await page.keyboard.press('Space');
    await tabTo(page, "the contact person's title", named(/^The contact person's title or unit/));
    await page.keyboard.type(ROLE);
    // A visit planned: no (the arrow moves from yes to no).
    await tabTo(
      page,
      'the visit question',
      (focused) => focused.name === 'Yes' && /visit/.test(focused.group),
    );
    await page.keyboard.press('ArrowRight');
    // The importance grows.
    await tabTo(page, 'the outlook', named(/^It will grow$/));
    await page.keyboard.press('Space');
    await page.getByText('All changes saved', { exact: true }).first().waitFor();

    await tabTo(page, 'the Submit button', named(/^Submit the response$/));
    await page.keyboard.press('Enter');
    await page.getByText('Response submitted').waitFor();
    await page.getByText(/^Submitted on /).waitFor();
    // Read only now, with the step that applies the registry table to the ties.
    await page.getByRole('heading', { name: 'Update your ties in the registry?' }).waitFor();
    await expect(page.getByRole('textbox').count()).resolves.toBe(0);
    await expectNoViolations(page, 'submitted response');
    await page.context().close();
  });

  it('shows the answer in the results', async () => {
    const page = await signedIn(coordinator, 'sv-SE');
    await page.goto(`${workspace.server.url}/workspace/campaigns/${campaignId}/results`);
    await page.getByRole('heading', { level: 1, name: `Resultat: ${SWEDISH_TITLE}` }).waitFor();
    await page.getByText('1 av 1 medlemmar har skickat sitt svar.').waitFor();
    // The free text, by member; the choice counted in the chart's table.
    const role = page.locator('.cp-texts').filter({ hasText: ROLE });
    await role.waitFor();
    await expect(role.textContent()).resolves.toContain('City of Espoo');
    const chart = page.getByRole('table', { name: 'Svar på Vilka former av samarbete har ni?' });
    const cells = await chart
      .getByRole('row', { name: /Vänortsavtal/ })
      .getByRole('cell')
      .allTextContents();
    expect(cells[0]).toBe('1');
    expect(cells[1]).toMatch(/^100\s?%$/);
    // The members' table has Espoo's row, and the map its marker.
    await page
      .getByRole('table', { name: 'En rad per medlem som skickat sitt svar' })
      .getByRole('cell', { name: 'City of Espoo', exact: true })
      .waitFor();
    await page.getByTestId('results-map').waitFor();
    await expectNoViolations(page, 'results');
    await page.context().close();
  });

  it('fits a phone: the builder, the response and the results, clean for axe', async () => {
    const pages = [
      {
        user: coordinator,
        locale: 'sv-SE',
        path: `/workspace/campaigns/${campaignId}/edit`,
        ready: 'Skriver på',
      },
      {
        user: workspace.coordinator,
        locale: 'en-GB',
        path: `/workspace/campaigns/${campaignId}/respond?organization=${espooId}`,
        ready: 'Update your ties in the registry?',
      },
      {
        user: coordinator,
        locale: 'sv-SE',
        path: `/workspace/campaigns/${campaignId}/results`,
        ready: 'Svarsfrekvens',
      },
    ];
    for (const { user, locale, path, ready } of pages) {
      const page = await signedIn(user, locale, 375);
      await page.goto(`${workspace.server.url}${path}`);
      await page.getByText(ready).first().waitFor();
      await expectNoViolations(page, `${path} at 375 px`);
      // Nothing wider than the screen: wide tables scroll in their own box.
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
        375,
      );
      await page.context().close();
    }
  });
});
