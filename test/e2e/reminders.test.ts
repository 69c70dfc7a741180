import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '../../src/features/reminders/reminders.service.ts';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * Reminders in the workspace: the bell tells Espoo's coordinator of the Shanghai tie's 30th anniversary and leads to
 * the reminder settings, where the coordinator turns anniversaries off and chooses a shorter quiet period, by
 * keyboard; the choices hold after a reload. Axe finds nothing on the settings in either theme, on a phone too.
 */

const workspace = setUpDemoWorkspace();

/** A toast that says `text`. */
const toast = (page: Page, text: string | RegExp) => page.getByRole('alertdialog').filter({ hasText: text });

beforeAll(async () => {
  // The demo tie started on 1 January 1998: eleven days before its 30th anniversary, the reminder is due.
  await runReminders(workspace.server.database, { now: new Date('2027-12-21T09:00:00Z') });
});

describe('reminders', () => {
  it('reach the coordinator under the bell, and the coordinator chooses which come', async () => {
    const page = await workspace.newPage();
    await workspace.signIn(page);
    await page.goto(`${workspace.server.url}/workspace`);
    await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Notifications' });
    await expect
      .poll(() =>
        dialog
          .getByRole('link', { name: /Shanghai: the tie turns 30 years old on January 1, 2028\./ })
          .count(),
      )
      .toBe(1);
    // Every notification of the demo is worded, none left as "something new".
    expect(await dialog.textContent()).not.toContain('Something new');
    await dialog.getByRole('link', { name: 'Reminder settings' }).click();
    await page.waitForURL(/\/account#reminders$/);

    const panel = page.getByRole('region', { name: 'Reminders' });
    const anniversaries = panel.getByRole('checkbox', { name: /Round anniversaries of ties/ });
    await expect.poll(() => anniversaries.isChecked()).toBe(true);
    await anniversaries.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => anniversaries.isChecked()).toBe(false);
    const quiet = panel.getByRole('button', { name: /A tie is quiet after/ });
    await quiet.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: '6 months' }).click();
    await panel.getByRole('button', { name: 'Save reminder settings' }).click();
    await toast(page, 'Reminder settings saved').waitFor();

    await page.reload();
    await expect.poll(() => anniversaries.isChecked()).toBe(false);
    await expect.poll(() => quiet.textContent()).toContain('6 months');
    await expect
      .poll(() => panel.getByRole('checkbox', { name: /Agreements due for renewal/ }).isChecked())
      .toBe(true);
    // The server sends no e-mail in this test: the digest says so.
    await expect.poll(() => panel.textContent()).toContain('This server does not send e-mail yet');
  });

  for (const colorScheme of ['light', 'dark'] as const)
    for (const width of [1280, 375])
      it(`has no axe violations in ${colorScheme} at ${width} px`, async () => {
        const page = await workspace.newPage({ colorScheme, width });
        await workspace.signIn(page);
        await page.goto(`${workspace.server.url}/account`);
        await page.getByRole('button', { name: 'Save reminder settings' }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
      });
});
