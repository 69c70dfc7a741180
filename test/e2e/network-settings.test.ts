import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoNetworks, findDemoNetworks } from '../../src/features/demo/demo.networks.ts';
import type { DemoUser } from '../../src/features/demo/demo.service.ts';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * A network's texts and settings in the workspace: an administrator creates a network with the keyboard alone (a
 * refused short name marked beside its field, what was typed kept); Espoo's coordinator changes a text of the C21
 * China working group, and, in Swedish, meets someone else's newer change and applies theirs again on top; a
 * deleted network comes back with the toast's Undo, and a network with working groups is not deleted, with the reason
 * said. Axe finds nothing on the form in either theme, on a desktop and on a phone.
 */

const workspace = setUpDemoWorkspace();
let networks: DemoNetworks;
let admin: DemoUser;
let api: APIRequestContext;
let csrfToken: string;

/** A toast that says `text`, in the page's notifications region. */
const toast = (page: Page, text: string | RegExp) =>
  page
    .getByRole('region', { name: /^(Notifications|Ilmoitukset|Meddelanden)$/ })
    .getByRole('alertdialog')
    .filter({ hasText: text });

/** What a keyboard user meets on focusing an element: its label (or its own name) and its text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return (
      element?.getAttribute('aria-label') ??
      element?.labels?.[0]?.textContent ??
      element?.textContent ??
      ''
    ).trim();
  });

/** Presses Tab until the focused element is named `name` (a keyboard user moving through the form), at most 30 times. */
async function tabTo(page: Page, name: string) {
  for (let step = 0; step < 30; step += 1) {
    await page.keyboard.press('Tab');
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

async function expectNoViolations(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function signedIn(user: DemoUser, options: Parameters<typeof workspace.newPage>[0] = {}) {
  const page = await workspace.newPage(options);
  await workspace.signIn(page, user);
  return page;
}

/** A network as the API answers it to the administrator. */
async function readNetwork(id: number) {
  const answer = await api.get(`${workspace.server.url}/api/networks/${id}`);
  expect(answer.status()).toBe(200);
  return answer.json();
}

/** Creates a network as the administrator, through the API. */
async function createNetwork(name: string) {
  const answer = await api.post(`${workspace.server.url}/api/networks`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { kind: 'network', name: { en: name } },
  });
  expect(answer.status(), await answer.text()).toBe(201);
  return (await answer.json()) as { id: number; version: number };
}

beforeAll(async () => {
  const { server, browser, users } = workspace;
  networks = (await findDemoNetworks(server.database.db))!;
  admin = users.find((user) => user.role === 'administrator')!;
  api = (await browser.newContext()).request;
  const signIn = await api.post(`${server.url}/api/auth/sign-in`, {
    data: { email: admin.email, password: admin.password },
  });
  expect(signIn.status()).toBe(200);
  csrfToken = (await (await api.get(`${server.url}/api/auth/session`)).json()).csrfToken;
});

afterAll(async () => {
  await api?.dispose();
});

describe('creating a network', () => {
  it('lets an administrator create one with the keyboard, a refused field marked beside it, and lists it', {
    timeout: 120_000,
  }, async () => {
    const page = await signedIn(admin);
    await page.goto(`${workspace.server.url}/workspace/networks`);
    await page.getByRole('heading', { name: 'Networks', level: 1 }).waitFor();
    const open = page.getByRole('button', { name: 'New network' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New network' });
    await dialog.waitFor();

    // A short name longer than the API takes, the names in three languages, a description, a country and a
    // secretariat: keys only.
    await tabTo(page, 'Short name');
    await page.keyboard.type('THE-UNION-OF-THE-BALTIC-CITIES-NETWORK-UBC');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Itämeren kaupunkien liitto');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Östersjöstädernas förbund');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Union of the Baltic Cities');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Itämeren alueen kaupunkien verkosto.');
    await tabTo(page, 'Country');
    await page.keyboard.type('Swed');
    await dialog.page().getByRole('option', { name: 'Sweden' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Secretariat');
    // The organisations come from a search as one types: on a busy machine, type again until the list shows it.
    const secretariat = page.getByRole('option', { name: /C21 secretariat/ });
    for (let attempt = 0; ; attempt += 1) {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('C21 sec');
      const shown = await secretariat.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (shown) break;
      if (attempt === 2) throw new Error('The search never offered the C21 secretariat');
    }
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Create network');
    await page.keyboard.press('Enter');

    // Refused: the reason beside the short name, in English; everything typed is still there.
    const shortName = dialog.getByRole('textbox', { name: 'Short name' });
    await expect.poll(() => shortName.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await shortName.getAttribute('aria-describedby')) ?? '';
    const description = await page.evaluate(
      (ids) =>
        ids
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      describedBy,
    );
    expect(description).toContain('This is too long.');
    await dialog.getByText('Check the marked fields.').waitFor();
    const names = dialog.getByRole('group', { name: 'Name' });
    expect(await names.getByRole('textbox', { name: 'Swedish' }).inputValue()).toBe(
      'Östersjöstädernas förbund',
    );
    expect(await dialog.getByRole('combobox', { name: 'Country' }).inputValue()).toBe('Sweden');
    expect(await dialog.getByRole('combobox', { name: 'Secretariat' }).inputValue()).toBe('C21 secretariat');

    // A short name that fits, and the network is created.
    await shortName.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('UBC');
    await tabTo(page, 'Create network');
    await page.keyboard.press('Enter');
    await toast(page, 'Network created.').waitFor();
    await page.getByRole('heading', { name: 'Union of the Baltic Cities', level: 1 }).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const created = await readNetwork(id);
    expect(created).toMatchObject({
      kind: 'network',
      shortName: 'UBC',
      name: {
        fi: 'Itämeren kaupunkien liitto',
        sv: 'Östersjöstädernas förbund',
        en: 'Union of the Baltic Cities',
      },
      description: { fi: 'Itämeren alueen kaupunkien verkosto.' },
      countryCode: 'SE',
      visibility: 'published',
      secretariat: { id: networks.secretariatId, name: 'C21 secretariat' },
    });

    // Listed among every network the administrator keeps.
    await page.goto(`${workspace.server.url}/workspace/networks`);
    const all = page.getByRole('table', { name: 'All networks and working groups' });
    await all.getByRole('link', { name: 'Union of the Baltic Cities' }).waitFor();
    await expectNoViolations(page, 'list');
    await page.context().close();
  });

  it('shows the form without an axe violation in both themes, on a desktop and on a phone', {
    timeout: 150_000,
  }, async () => {
    for (const width of [1280, 375])
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await signedIn(admin, { colorScheme, width });
        await page.goto(`${workspace.server.url}/workspace/networks`);
        await page.getByRole('button', { name: 'New network' }).click();
        const dialog = page.getByRole('dialog', { name: 'New network' });
        await dialog.waitFor();
        await expectNoViolations(page, `form ${colorScheme} ${width}`);
        // With its refusal shown: no name in any language.
        await dialog.getByRole('button', { name: 'Create network' }).click();
        await dialog.getByText('Give the name in at least one language.').waitFor();
        await expectNoViolations(page, `refused form ${colorScheme} ${width}`);
        // Nothing wider than the screen.
        const box = await page.locator('.cb-modal').boundingBox();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        await page.context().close();
      }
  });
});

describe('changing a working group', () => {
  it('lets its coordinator change a text and shows the change', async () => {
    const page = await signedIn(workspace.coordinator);
    await page.goto(`${workspace.server.url}/workspace/networks/${networks.workingGroupId}`);
    await page.getByRole('heading', { name: 'C21 China working group', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit C21 China working group' });
    await dialog.waitFor();
    // Filled in with what the group has: its name, and its theme.
    expect(
      await dialog
        .getByRole('group', { name: 'Name' })
        .getByRole('textbox', { name: 'English' })
        .inputValue(),
    ).toBe('C21 China working group');
    expect(
      await dialog
        .getByRole('group', { name: 'Theme' })
        .getByRole('textbox', { name: 'English' })
        .inputValue(),
    ).toBe('China');
    // A coordinator that is not an administrator does not choose the secretariat.
    expect(await dialog.getByRole('combobox', { name: 'Secretariat' }).count()).toBe(0);
    const text = 'Maps the members’ cooperation with China and their plans.';
    await dialog
      .getByRole('group', { name: 'Description' })
      .getByRole('textbox', { name: 'English' })
      .fill(text);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'Changes to C21 China working group saved.').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(text).waitFor();
    expect((await readNetwork(networks.workingGroupId)).description.en).toBe(text);
    await page.context().close();
  });

  it('says in Swedish that someone else changed it meanwhile, shows theirs, and applies this change on top', async () => {
    const page = await signedIn(workspace.coordinator, { locale: 'sv-SE', colorScheme: 'dark' });
    await page.goto(`${workspace.server.url}/workspace/networks/${networks.workingGroupId}`);
    await page.getByRole('heading', { name: 'C21:s Kinaarbetsgrupp', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Redigera' }).click();
    const dialog = page.getByRole('dialog', { name: /^Redigera / });
    await dialog.waitFor();
    const mine = 'Kartlägger medlemmarnas samarbete med Kina.';
    await dialog
      .getByRole('group', { name: 'Beskrivning' })
      .getByRole('textbox', { name: 'på svenska' })
      .fill(mine);

    // Meanwhile the administrator changes the English description.
    const before = await readNetwork(networks.workingGroupId);
    const theirs = 'Changed by the administrator meanwhile.';
    const change = await api.patch(`${workspace.server.url}/api/networks/${networks.workingGroupId}`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { version: before.version, description: { ...before.description, en: theirs } },
    });
    expect(change.status(), await change.text()).toBe(200);

    await dialog.getByRole('button', { name: 'Spara ändringarna' }).click();
    const conflict = dialog
      .getByRole('alert')
      .filter({ hasText: 'Någon annan ändrade det här medan du redigerade' });
    await conflict.waitFor();
    await conflict.getByText(theirs).waitFor();
    // What was typed is still there.
    expect(
      await dialog
        .getByRole('group', { name: 'Beskrivning' })
        .getByRole('textbox', { name: 'på svenska' })
        .inputValue(),
    ).toBe(mine);
    await expectNoViolations(page, 'conflict');

    await conflict.getByRole('button', { name: 'Gör mina ändringar ovanpå deras' }).click();
    await toast(page, /har sparats/).waitFor();
    const after = await readNetwork(networks.workingGroupId);
    expect(after.description).toMatchObject({ en: theirs, sv: mine });
    expect(after.version).toBeGreaterThan(before.version + 1);
    await page.context().close();
  });
});

describe('deleting a network', () => {
  it('deletes one after asking, and the toast’s Undo restores it', async () => {
    const network = await createNetwork('Network to delete');
    const page = await signedIn(admin);
    await page.goto(`${workspace.server.url}/workspace/networks/${network.id}`);
    await page.getByRole('heading', { name: 'Network to delete', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete network' }).click();
    const question = page.getByRole('alertdialog', { name: 'Delete Network to delete?' });
    await question.waitFor();
    await expectNoViolations(page, 'delete question');
    await question.getByRole('button', { name: 'Delete' }).click();
    const deleted = toast(page, 'Network to delete deleted.');
    await deleted.waitFor();
    await page.getByText('This network is deleted.').waitFor();
    expect((await readNetwork(network.id)).deletedAt).not.toBeNull();

    await deleted.getByRole('button', { name: 'Undo' }).click();
    await toast(page, 'Network to delete restored.').waitFor();
    await page.getByRole('button', { name: 'Delete network' }).waitFor();
    expect(await page.getByText('This network is deleted.').count()).toBe(0);
    expect((await readNetwork(network.id)).deletedAt).toBeNull();
    await page.context().close();
  });

  it('says why a network with working groups is not deleted', async () => {
    const page = await signedIn(admin, { locale: 'fi-FI' });
    await page.goto(`${workspace.server.url}/workspace/networks/${networks.networkId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Poista verkosto' }).click();
    const question = page.getByRole('alertdialog', { name: /^Poistetaanko / });
    await question.getByRole('button', { name: 'Poista' }).click();
    await question
      .getByRole('alert')
      .filter({ hasText: 'Verkostolla on yhä työryhmiä: poista ne ensin.' })
      .waitFor();
    expect((await readNetwork(networks.networkId)).deletedAt).toBeNull();
    await page.context().close();
  });
});
