import type { APIRequestContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { type PageOptions, setUpDemoWorkspace } from './browser.ts';

/**
 * The map of the invitees on an event's public page: the demo's Shanghai twin-town forum, with Espoo's partners
 * invited too and answers of every kind. Each invitee with a known location has a marker shaped and coloured by its
 * answer, the legend counts the answers as the invitations' summary does, a marker names its invitee and answer when
 * focused or clicked, and a link leads past the map to the list of invitees.
 */

const workspace = setUpDemoWorkspace();
const MAP_NAME = 'Map of the invitees by their answer';
const STATUS_LABELS: Record<string, string> = {
  invited: 'Invited',
  accepted: 'Accepted',
  declined: 'Declined',
  tentative: 'Tentative',
  attended: 'Attended',
  no_show: 'Did not attend',
};

interface Invitation {
  id: number;
  version: number;
  status: string;
  invitee: { type: string; id: number; name: string; location: { lat: number; lng: number } | null };
}
interface Invitations {
  items: Invitation[];
  summary: { invited: number; byStatus: Record<string, number> };
}

let forumId: number;
let invitations: Invitations;

/** Answers a JSON body, failing with the answer's text when the status is not the one expected. */
async function json<T>(answer: Awaited<ReturnType<APIRequestContext['get']>>, status = 200): Promise<T> {
  expect(answer.status(), await answer.text()).toBe(status);
  return (await answer.json()) as T;
}

/** The forum's page, scrolled to who took part, with the map drawn. */
async function openMap(options: PageOptions = {}): Promise<Page> {
  const page = await workspace.newPage(options);
  await page.goto(`${workspace.server.url}/events/${forumId}`);
  await page.locator('.event-attended').waitFor();
  // The map loads as it nears the view.
  await page.locator('#event-participants').scrollIntoViewIfNeeded();
  await page.locator('[data-testid="invitees-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
  return page;
}

beforeAll(async () => {
  const { server, browser, users } = workspace;
  const admin = users.find((user) => user.role === 'administrator')!;
  const context = await browser.newContext();
  const api = context.request;
  const { csrfToken } = await json<{ csrfToken: string }>(
    await api.post(`${server.url}/api/auth/sign-in`, {
      data: { email: admin.email, password: admin.password },
    }),
  );
  const headers = { 'x-csrf-token': csrfToken };
  const events = await json<{ items: { id: number; title: Record<string, string> }[] }>(
    await api.get(`${server.url}/api/events`),
  );
  forumId = events.items.find((event) => event.title.en === 'Shanghai twin-town forum')!.id;
  const espoo = (await json<{ results: { id: number }[] }>(await api.get(`${server.url}/api/places?q=Espoo`)))
    .results[0]!.id;
  await json(
    await api.post(`${server.url}/api/events/${forumId}/invitations`, {
      headers,
      data: { partnersOf: espoo },
    }),
  );
  // Every other answer once, given by the hosts for invitees that have not answered.
  const before = await json<Invitations>(await api.get(`${server.url}/api/events/${forumId}/invitations`));
  const waiting = before.items.filter((item) => item.status === 'invited' && item.invitee.location);
  const answers = ['accepted', 'declined', 'tentative', 'no_show'];
  expect(waiting.length).toBeGreaterThan(answers.length);
  for (const [index, status] of answers.entries()) {
    const invitation = waiting[index]!;
    await json(
      await api.patch(`${server.url}/api/events/${forumId}/invitations/${invitation.id}`, {
        headers,
        data: { version: invitation.version, status },
      }),
    );
  }
  invitations = await json<Invitations>(await api.get(`${server.url}/api/events/${forumId}/invitations`));
  await context.close();
});

describe('the map of the invitees on an event’s page', () => {
  it('has its accessible name, a marker for every invitee with a location, and a legend counting every answer', async () => {
    const page = await openMap();
    const map = page.getByRole('region', { name: MAP_NAME });
    const located = invitations.items.filter((item) => item.invitee.location);
    await expect.poll(() => map.locator('.invitees-marker').count()).toBe(located.length);
    for (const status of Object.keys(STATUS_LABELS))
      expect(invitations.summary.byStatus[status]).toBeGreaterThan(0);

    const legend = page.getByRole('list', { name: 'Answers' });
    for (const [status, label] of Object.entries(STATUS_LABELS)) {
      const entry = legend.locator(`li[data-status="${status}"]`);
      await expect(entry.locator('.invitees-map-legend-label').textContent()).resolves.toBe(label);
      await expect(entry.locator('.invitees-map-legend-count').textContent()).resolves.toBe(
        String(invitations.summary.byStatus[status]),
      );
      // A marker of this answer has the legend's shape, which no other answer has.
      const shape = await entry.locator('svg').getAttribute('data-shape');
      const markers = map.locator(`.invitees-marker[data-status="${status}"] svg`);
      await expect(markers.first().getAttribute('data-shape')).resolves.toBe(shape);
    }
    const shapes = await legend
      .locator('svg')
      .evaluateAll((icons) => icons.map((icon) => icon.dataset.shape));
    expect(new Set(shapes).size).toBe(Object.keys(STATUS_LABELS).length);

    // Markers are named by their invitee and answer, as the list of invitees names them.
    const espoo = invitations.items.find((item) => item.invitee.name === 'Espoo')!;
    await map.getByRole('button', { name: `Espoo (Finland): ${STATUS_LABELS[espoo.status]}` }).waitFor();
    const unplaced = invitations.items.length - located.length;
    if (unplaced > 0) await page.getByText(`${unplaced} invitee`).first().waitFor();
    await page.context().close();
  });

  it('names the invitee and its answer when a marker is clicked or focused, until Escape', async () => {
    const page = await openMap();
    const map = page.getByRole('region', { name: MAP_NAME });
    const popup = page.locator('.invitees-popup');
    const espoo = invitations.items.find((item) => item.invitee.name === 'Espoo')!;
    await map.getByRole('button', { name: /^Espoo / }).click();
    await expect.poll(() => popup.textContent()).toBe(`EspooFinland${STATUS_LABELS[espoo.status]}`);
    // A click elsewhere on the map closes it.
    await map.locator('canvas').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => popup.count()).toBe(0);

    const declined = invitations.items.find((item) => item.status === 'declined')!;
    const marker = map.locator('.invitees-marker[data-status="declined"]');
    await marker.focus();
    await expect.poll(() => popup.textContent()).toContain(declined.invitee.name);
    await expect(popup.textContent()).resolves.toContain('Declined');
    await page.keyboard.press('Escape');
    await expect.poll(() => popup.count()).toBe(0);
    await page.context().close();
  });

  it('leads past the map to the list of invitees', async () => {
    const page = await openMap();
    const skip = page.getByRole('link', { name: 'Skip the map: list of invitees' });
    await skip.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('invitees-list');
    // The next stop is the list's own search, not a marker.
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.cb-data-table') !== null))
      .toBe(true);
    await page.context().close();
  });

  it('has no accessibility violations in light and dark, on a wide screen and a phone, with a popup open', async () => {
    for (const options of [
      {},
      { colorScheme: 'dark' as const },
      { colorScheme: 'dark' as const, width: 375 },
      { locale: 'fi-FI', width: 375 },
    ]) {
      const page = await openMap(options);
      expect(await axeViolations(page), JSON.stringify(options)).toEqual([]);
      await page.locator('.invitees-marker').first().focus();
      await page.locator('.invitees-popup').waitFor();
      expect(await axeViolations(page), `${JSON.stringify(options)} with a popup`).toEqual([]);
      await page.context().close();
    }
  });
});
