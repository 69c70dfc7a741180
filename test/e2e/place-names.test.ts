import { and, eq, isNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { places } from '../../src/db/schema.ts';
import { axeViolations } from './axe.ts';
import { type PageOptions, setUpDemoWorkspace } from './browser.ts';

const workspace = setUpDemoWorkspace();

const shanghaiId = async () =>
  (
    await workspace.server.database.db
      .select({ id: places.id })
      .from(places)
      .where(and(eq(places.name, 'Shanghai'), isNull(places.mergedIntoId)))
  )[0]!.id;

/** Shanghai's page, signed in as the editor of the City of Shanghai (who speaks for it), or anonymously. */
async function shanghaiPage(options: PageOptions & { signedIn?: boolean } = {}): Promise<Page> {
  const page = await workspace.newPage(options);
  if (options.signedIn !== false) await workspace.signIn(page, workspace.users[3]);
  await page.goto(`${workspace.server.url}/places/${await shanghaiId()}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const toast = (page: Page, text: string) => page.getByRole('alertdialog').filter({ hasText: text });

describe("a place's names in Chromium", () => {
  it('are added by those who speak for the place, shown beside its name in the language of its country, and removed', async () => {
    const page = await shanghaiPage();
    expect(await heading(page).textContent()).toBe('Shanghai');
    await page.getByRole('button', { name: 'Add a name' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a name' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('上海');
    // China's language is offered first.
    expect(await dialog.getByRole('button', { name: /Language/ }).textContent()).toContain('Chinese');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Add a name' }).click();
    await toast(page, '上海 added').waitFor();

    // Beside the English name, marked as Chinese for screen readers and fonts; in the names table with its source.
    const native = heading(page).locator('span[lang="zh"]');
    await expect.poll(() => native.textContent()).toBe('上海');
    const row = page.getByRole('row').filter({ hasText: '上海' });
    await row.getByRole('cell', { name: 'Added in CityBridge' }).waitFor();
    await row.getByRole('cell', { name: 'Chinese' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The same name again is refused on the field, saying why.
    await page.getByRole('button', { name: 'Add a name' }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('上海');
    await dialog.getByRole('button', { name: 'Add a name' }).click();
    await dialog.getByText('The place already has this name in this language.').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Removed once confirmed: the page shows the English name alone again.
    await row.getByRole('button', { name: 'Remove the name 上海' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove this name?' });
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await toast(page, '上海 removed').waitFor();
    await expect.poll(() => heading(page).textContent()).toBe('Shanghai');
    await page.context().close();
  });

  it('offer no editing to readers who may not change them', async () => {
    const page = await shanghaiPage({ signedIn: false });
    await page.getByRole('table', { name: 'Names' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add a name' }).count()).toBe(0);
    await page.context().close();
    const espooEditor = await workspace.newPage();
    await workspace.signIn(espooEditor, workspace.coordinator);
    await espooEditor.goto(`${workspace.server.url}/places/${await shanghaiId()}`);
    await espooEditor.getByRole('table', { name: 'Names' }).waitFor();
    expect(await espooEditor.getByRole('button', { name: 'Add a name' }).count()).toBe(0);
    await espooEditor.context().close();
  });

  it('are accessible in Finnish and Swedish, in both themes', async () => {
    for (const [locale, add, title, colorScheme] of [
      ['fi-FI', 'Lisää nimi', 'Lisää nimi', 'dark'],
      ['sv-SE', 'Lägg till ett namn', 'Lägg till ett namn', 'light'],
    ] as const) {
      const page = await shanghaiPage({ locale, colorScheme });
      await page.getByRole('button', { name: add }).click();
      await page.getByRole('dialog', { name: title }).waitFor();
      expect(await axeViolations(page), locale).toEqual([]);
      await page.context().close();
    }
  });
});
