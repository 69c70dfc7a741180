import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkMembers, networks } from '../../src/db/schema.ts';
import type { DemoUser } from '../../src/features/demo/demo.service.ts';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * A working group's discussion in the workspace: Espoo's coordinator posts, mentions Shanghai and replies with the
 * keyboard only; Shanghai's editor finds the mention under the bell and follows it to the post. Axe finds nothing in
 * either theme.
 */

const workspace = setUpDemoWorkspace();
const POST = 'Who will attend the forum in Shanghai?\nWe plan to send two delegates.';
const REPLY = 'Our city manager confirmed today.';

let groupId: number;
let shanghaiEditor: DemoUser;

/** What a keyboard user meets on focusing an element: its tag, role and name. */
interface Focused {
  tag: string;
  role: string | null;
  name: string;
}

/** Presses Tab until the focused element is the one wanted (a keyboard user moving through the page), at most 40 times. */
async function tabTo(page: Page, describe: string, wanted: (focused: Focused) => boolean) {
  for (let step = 0; step < 40; step += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return {
        tag: element?.tagName ?? '',
        role: element?.getAttribute('role') ?? null,
        name: (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim(),
      };
    });
    if (wanted(focused)) return;
  }
  throw new Error(`Tab never reached ${describe}`);
}

const nameIs = (name: string) => (focused: Focused) => focused.name === name;

async function signedIn(user?: DemoUser, colorScheme: 'light' | 'dark' = 'light', width = 1280) {
  const page = await workspace.newPage({ colorScheme, width });
  await workspace.signIn(page, user);
  return page;
}

const discussionUrl = () => `${workspace.server.url}/workspace/networks/${groupId}/discussion`;

async function expectNoViolations(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

beforeAll(async () => {
  const db = workspace.server.database.db;
  shanghaiEditor = workspace.users.find((user) => user.email.startsWith('shanghai'))!;
  const organizationIdOf = async (user: DemoUser) => {
    const context = await workspace.browser.newContext();
    await context.request.post(`${workspace.server.url}/api/auth/sign-in`, {
      data: { email: user.email, password: user.password },
    });
    const session = await (await context.request.get(`${workspace.server.url}/api/auth/session`)).json();
    await context.close();
    return session.memberships[0].organizationId as number;
  };
  const [c21] = await db
    .insert(networks)
    .values({ kind: 'network', name: { en: 'C21' } })
    .returning();
  const [group] = await db
    .insert(networks)
    .values({
      kind: 'working_group',
      parentId: c21!.id,
      name: { en: 'China working group', fi: 'Kiina-työryhmä', sv: 'Kinaarbetsgruppen' },
    })
    .returning();
  groupId = group!.id;
  await db.insert(networkMembers).values([
    { networkId: groupId, organizationId: await organizationIdOf(workspace.coordinator) },
    { networkId: groupId, organizationId: await organizationIdOf(shanghaiEditor) },
  ]);
});

describe('a working group discussion', () => {
  it('takes a post with a mention, and a reply, from the keyboard alone', async () => {
    const page = await signedIn();
    await page.goto(discussionUrl());
    await page.getByRole('heading', { level: 1, name: 'Discussion: China working group' }).waitFor();
    await page.getByText('No posts yet').waitFor();
    await expectNoViolations(page, 'empty discussion');

    await tabTo(page, 'the message', (focused) => focused.tag === 'TEXTAREA');
    await page.keyboard.type(POST);
    await tabTo(page, 'the mention combo box', (focused) => focused.role === 'combobox');
    await page.keyboard.type('Shanghai');
    await page.getByRole('option', { name: /Shanghai/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /Remove the mention of .*Shanghai/ }).waitFor();
    await tabTo(page, 'the Post button', nameIs('Post'));
    await page.keyboard.press('Enter');
    await page.getByText('Post published').waitFor();

    const thread = page.locator('article.dc-post').filter({ hasText: 'Who will attend the forum' });
    await thread.waitFor();
    await expect(thread.locator('.dc-body').textContent()).resolves.toBe(POST);
    await expect(thread.locator('.dc-mentions').textContent()).resolves.toMatch(/Mentions: .*Shanghai/);
    // The form is empty again for the next post.
    await expect(page.getByRole('textbox', { name: 'Message' }).inputValue()).resolves.toBe('');

    await tabTo(page, 'the Reply button', nameIs('Reply'));
    await page.keyboard.press('Enter');
    // The reply form opens with its text focused.
    await page.getByRole('textbox', { name: 'Your reply' }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('TEXTAREA');
    await page.keyboard.type(REPLY);
    await tabTo(page, 'the Send reply button', nameIs('Send reply'));
    await page.keyboard.press('Enter');
    await page.getByText('Reply published').waitFor();
    const reply = page.locator('.dc-replies article').filter({ hasText: REPLY });
    await reply.waitFor();
    await expect(reply.getByRole('heading', { level: 4 }).textContent()).resolves.toMatch(/Espoo/);
    // Back on the thread's Reply button, where the keyboard left off.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Reply');
    await expectNoViolations(page, 'discussion with a thread, light');
    await page.context().close();
  });

  it("tells the mentioned organisation's user, who follows the bell to the post", async () => {
    const page = await signedIn(shanghaiEditor);
    await page.goto(discussionUrl());
    await page.getByRole('heading', { level: 1 }).waitFor();
    const bell = page.getByRole('button', { name: 'Notifications, 1 unread' });
    await bell.waitFor();
    await bell.focus();
    await page.keyboard.press('Enter');
    const popover = page.getByRole('dialog', { name: 'Notifications' });
    const mention = popover.getByRole('link', {
      name: /Espoo Coordinator \(City of Espoo\) mentioned your organisation in China working group/,
    });
    await mention.waitFor();
    await expect(popover.textContent()).resolves.toContain('Who will attend the forum in Shanghai?');
    await expectNoViolations(page, 'notifications, light');
    await mention.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#post-\d+$/);
    // The post is brought into view and focused; the notification is read.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^post-\d+$/);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toContain(
      'Who will attend the forum',
    );
    await page.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
    await page.context().close();
  });

  it('is clean for axe in the dark theme, on a phone too', async () => {
    for (const width of [1280, 375]) {
      const page = await signedIn(shanghaiEditor, 'dark', width);
      await page.goto(discussionUrl());
      await page.locator('article.dc-post').first().waitFor();
      await expectNoViolations(page, `discussion, dark, ${width}px`);
      await page.getByRole('button', { name: /^Notifications/ }).click();
      await page.getByRole('dialog', { name: 'Notifications' }).waitFor();
      await expectNoViolations(page, `notifications, dark, ${width}px`);
      // Nothing wider than the screen.
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
        width,
      );
      await page.context().close();
    }
  });
});
