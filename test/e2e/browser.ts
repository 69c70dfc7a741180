import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type DemoUser, loadDemo } from '../../src/features/demo/demo.service.ts';
import { type RunningServer, startTestServer } from './server.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless system Chromium; no browser is ever downloaded. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface PageOptions {
  /** en-GB unless given. */
  locale?: string;
  /** The viewport's width, 1280 unless given; its height is 760 on a phone (under 500 px), else 900. */
  width?: number;
  /** The system's colour scheme, light unless given. */
  colorScheme?: 'light' | 'dark';
}

/** A page in a context of its own (no cookies, no storage); an error thrown in the page fails the test. */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<Page> {
  const width = options.width ?? 1280;
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport: { width, height: width < 500 ? 760 : 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** Signs in with the sign-in form, in whichever language the page shows, and waits for the workspace. */
export async function signInWithForm(page: Page, baseUrl: string, user: { email: string; password: string }) {
  await page.goto(`${baseUrl}/sign-in`);
  const email = page.getByLabel(/email|sähköposti|e-post/i);
  await email.waitFor();
  await email.fill(user.email);
  await page.getByLabel(/^(password|salasana|lösenord)$/i).fill(user.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/workspace(\?.*)?$/);
}

/** What a file's browser tests share: the app with the demo workspace, a browser, and how to open and sign in. */
export interface DemoWorkspace {
  server: RunningServer;
  browser: Browser;
  /** The demo's users: the administrator, Espoo's coordinator (an editor), Espoo's viewer, Shanghai's editor. */
  users: DemoUser[];
  /** The City of Espoo's coordinator, an editor: the user most tests sign in as. */
  coordinator: DemoUser;
  /** The demo's tie, Espoo–Shanghai. */
  partnershipId: number;
  /** A page of its own in this file's browser. */
  newPage(options?: PageOptions): Promise<Page>;
  /** Signs in with the form as `user` (the coordinator unless given). */
  signIn(page: Page, user?: DemoUser): Promise<void>;
}

/**
 * Starts the app over the fixture world with the demo workspace loaded, and a browser, before this file's tests,
 * and closes both after them. The answer is filled in before the first test runs.
 */
export function setUpDemoWorkspace(): DemoWorkspace {
  const workspace = {
    newPage: (options?: PageOptions) => openPage(workspace.browser, options),
    signIn: (page: Page, user?: DemoUser) =>
      signInWithForm(page, workspace.server.url, user ?? workspace.coordinator),
  } as DemoWorkspace;
  beforeAll(async () => {
    [workspace.server, workspace.browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const demo = await workspace.server.database.db.transaction((tx) => loadDemo(tx));
    workspace.users = demo.users;
    workspace.coordinator = demo.users[1]!;
    workspace.partnershipId = demo.partnershipId;
  });
  afterAll(async () => {
    await workspace.browser?.close();
    await workspace.server?.close();
  });
  return workspace;
}
