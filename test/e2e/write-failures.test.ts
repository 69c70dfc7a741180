import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

const demo = setUpDemoWorkspace();
const { signIn } = demo;

type Answer = ((route: Route) => Promise<void>) & { label: string };

/** The API refusing in its own error shape. */
const refusal = (status: number, code: string): Answer =>
  Object.assign(
    (route: Route) =>
      route.fulfill({
        status,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code, message: `refused: ${code}`, details: [] } }),
      }),
    { label: `${status} ${code}` },
  );

/** No answer at all: the network is down. */
const networkDown: Answer = Object.assign((route: Route) => route.abort('internetdisconnected'), {
  label: 'network down',
});

/** A proxy in front of the API answering with a page of its own. */
const badGateway: Answer = Object.assign(
  (route: Route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }),
  { label: '502 from a proxy' },
);

/** Each failure, and what the user reads in English, Finnish and Swedish. */
const FAILURES: [Answer, string, string, string][] = [
  [
    refusal(403, 'FORBIDDEN'),
    'You may not do this.',
    'Sinulla ei ole oikeutta tähän.',
    'Du får inte göra det här.',
  ],
  [
    refusal(404, 'TOKEN_NOT_FOUND'),
    'This is no longer there: someone may have deleted it. Reload the page.',
    'Tätä ei enää ole: joku on ehkä poistanut sen. Lataa sivu uudelleen.',
    'Det här finns inte längre: någon kan ha raderat det. Ladda om sidan.',
  ],
  [
    refusal(409, 'VERSION_CONFLICT'),
    'Someone else changed this meanwhile. Look at the current version and try again.',
    'Joku muu muutti tätä sillä välin. Katso nykyinen versio ja yritä uudelleen.',
    'Någon annan ändrade det här under tiden. Se den aktuella versionen och försök igen.',
  ],
  [
    refusal(409, 'CONFLICT'),
    'This clashes with what is stored already.',
    'Tämä on ristiriidassa jo tallennettujen tietojen kanssa.',
    'Det här strider mot det som redan finns sparat.',
  ],
  [
    refusal(413, 'PAYLOAD_TOO_LARGE'),
    'The file is too large.',
    'Tiedosto on liian suuri.',
    'Filen är för stor.',
  ],
  [
    refusal(400, 'VALIDATION_FAILED'),
    'This was refused as not valid. Check what you entered and try again.',
    'Tämä hylättiin virheellisenä. Tarkista antamasi tiedot ja yritä uudelleen.',
    'Det här avvisades som ogiltigt. Kontrollera det du angav och försök igen.',
  ],
  [
    refusal(422, 'VALIDATION_FAILED'),
    'This was refused as not valid. Check what you entered and try again.',
    'Tämä hylättiin virheellisenä. Tarkista antamasi tiedot ja yritä uudelleen.',
    'Det här avvisades som ogiltigt. Kontrollera det du angav och försök igen.',
  ],
  [
    refusal(401, 'UNAUTHENTICATED'),
    'Your session has ended. Sign in again, then try again.',
    'Istuntosi on päättynyt. Kirjaudu uudelleen sisään ja yritä sitten uudelleen.',
    'Din session har upphört. Logga in igen och försök sedan på nytt.',
  ],
  [
    refusal(429, 'RATE_LIMITED'),
    'Too many attempts. Wait a while and try again.',
    'Liian monta yritystä. Odota hetki ja yritä uudelleen.',
    'För många försök. Vänta en stund och försök igen.',
  ],
  [
    refusal(503, 'DATABASE_UNAVAILABLE'),
    'CityBridge cannot answer just now. Try again in a moment.',
    'CityBridge ei voi vastata juuri nyt. Yritä hetken kuluttua uudelleen.',
    'CityBridge kan inte svara just nu. Försök igen om en stund.',
  ],
  [
    networkDown,
    'No connection to CityBridge. Check your network and try again.',
    'Yhteys CityBridgeen ei toimi. Tarkista verkkoyhteys ja yritä uudelleen.',
    'Ingen anslutning till CityBridge. Kontrollera nätverket och försök igen.',
  ],
  [
    badGateway,
    'Something went wrong (error 502). Try again.',
    'Jokin meni vikaan (virhe 502). Yritä uudelleen.',
    'Något gick fel (fel 502). Försök igen.',
  ],
];

/** The language buttons, the column of each language's texts, and the revoke button in that language. */
const LANGUAGES = [
  ['English', 1, 'Revoke Failure drill'],
  ['Suomi', 2, 'Mitätöi Failure drill'],
  ['Svenska', 3, 'Återkalla Failure drill'],
] as const;

describe('a write that fails', () => {
  it('says why beside the button, in the user’s language, for every kind of failure', async () => {
    const context = await demo.browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await signIn(page);
    await page.goto(`${demo.server.url}/account`);
    await page.getByLabel('What the token is for').fill('Failure drill');
    await page.getByRole('button', { name: 'Create a token' }).click();
    const token = page.getByRole('row').filter({ hasText: 'Failure drill' });
    await token.getByRole('button').waitFor();

    let answer: Answer | undefined;
    let revokes = 0;
    await page.route('**/api/auth/tokens/*', (route) => {
      if (route.request().method() !== 'DELETE' || !answer) return route.continue();
      revokes += 1;
      return answer(route);
    });

    for (const [language, column, label] of LANGUAGES) {
      await page.getByRole('button', { name: language, exact: true }).click();
      // The page is in the new language once its texts have loaded.
      const revoke = token.getByRole('button', { name: label });
      await revoke.waitFor();
      for (const failure of FAILURES) {
        answer = failure[0];
        const before = revokes;
        await revoke.click();
        await expect.poll(() => revokes, { message: failure[0].label }).toBe(before + 1);
        // Beside the button, in the page; the toasts (outside it) say only what went through.
        const alert = page.getByRole('main').getByRole('alert');
        await expect
          .poll(() => alert.allTextContents(), { message: `${language}: ${failure[0].label}` })
          .toEqual([failure[column]]);
        // Nothing happened: the token is still there to revoke, and no toast says otherwise.
        expect(await revoke.isEnabled()).toBe(true);
        expect(await page.getByRole('alertdialog').filter({ hasText: 'Failure drill' }).count()).toBe(0);
      }
      expect(await axeViolations(page)).toEqual([]);
    }

    // The same button, when the write goes through: the token is revoked and the message is gone.
    answer = undefined;
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await token.getByRole('button', { name: 'Revoke Failure drill' }).click();
    await page.getByRole('alertdialog').filter({ hasText: 'Failure drill revoked.' }).waitFor();
    await token.getByText('Revoked').waitFor();
    expect(await page.getByRole('main').getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('says why beside a form, and keeps what was typed', async () => {
    const context = await demo.browser.newContext({
      locale: 'fi-FI',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${demo.server.url}/account`);
    await page.route('**/api/auth/tokens', (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
    );
    const name = page.getByLabel('Mihin tunnistetta käytetään');
    await name.fill('Yöllinen vienti');
    await name.press('Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Yhteys CityBridgeen ei toimi. Tarkista verkkoyhteys ja yritä uudelleen.' })
      .waitFor();
    expect(await name.inputValue()).toBe('Yöllinen vienti');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
