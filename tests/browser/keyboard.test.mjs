// Klubi with the keyboard alone: the skip link, signing in, moving through
// the navigation and signing out, with focus always visible and on screen.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  useKlubi,
  emailOf,
  PASSWORD,
  DESKTOP,
  MOBILE,
  pathOf,
  htmlLang,
  focused,
  describeFocus,
  tabUntil,
  pressAndWait,
} from './harness.mjs';

const k = useKlubi();

const CASES = [
  { role: 'coordinator', name: 'Kaisa', viewport: DESKTOP },
  { role: 'admin', name: 'Aino', viewport: MOBILE },
];

for (const { role, name, viewport } of CASES) {
  describe(`keyboard only, ${role} at ${viewport.width}×${viewport.height}`, { concurrency: 1 }, () => {
    let page;
    before(async () => {
      // A Finnish browser: the login page comes in Finnish without the switch.
      ({ page } = await k.newPage({ viewport, locale: 'fi-FI' }));
    });

    test('the skip link comes first and moves focus to the main content', async () => {
      await page.goto('/login');
      assert.equal(await htmlLang(page), 'fi');
      await page.keyboard.press('Tab');
      const first = await focused(page);
      assert.equal(first.tag, 'a', `the first Tab should focus the skip link, focused ${describeFocus(first)}`);
      assert.match(first.className, /\bskip-link\b/, `the first focusable element should be the skip link, is ${describeFocus(first)}`);
      assert.equal(first.href, '#main');
      assert.equal(first.text, 'Siirry sisältöön');
      assert.ok(first.indicator, 'the skip link shows focus');
      assert.ok(first.onScreen, 'the focused skip link is on screen');

      await page.keyboard.press('Enter');
      const target = await focused(page);
      assert.equal(target.tag, 'main', `Enter on the skip link should move focus to main, focused ${describeFocus(target)}`);
      assert.equal(target.id, 'main');
    });

    test('signing in with Tab, typing and Enter lands on the home page', async () => {
      // Continue from the main content, where the skip link left focus.
      const stops = await tabUntil(page, (f) => f.id === 'f-email', 'the email field');
      assert.ok(stops.every((f) => f.inMain), `after the skip link, Tab should stay in main: ${stops.map(describeFocus).join(', ')}`);
      assert.equal(stops.length, 1, 'the email field is the first thing to focus in main');
      await page.keyboard.type(emailOf(role));
      await page.keyboard.press('Tab');
      const pw = await focused(page);
      assert.equal(pw.id, 'f-password', `Tab from the email field should go to the password, went to ${describeFocus(pw)}`);
      assert.ok(pw.indicator && pw.onScreen, 'the password field shows focus, on screen');
      await page.keyboard.type(PASSWORD);
      await pressAndWait(page, 'Enter');
      assert.equal(pathOf(page), '/', 'Enter in the password field signs in and goes home');
      const h1 = (await page.locator('h1').innerText()).trim();
      assert.ok(h1.includes(name), `the home page greets ${name}: h1 is "${h1}"`);
    });

    test('"Omat tiedot" is reached with Tab and opened with Enter', async () => {
      const stops = await tabUntil(
        page,
        (f) => f.inNav && f.href === '/account',
        'the "Omat tiedot" link in the navigation',
      );
      assert.match(stops[0].className, /\bskip-link\b/, `on the home page too the skip link comes first, not ${describeFocus(stops[0])}`);
      assert.equal(stops.at(-1).text, 'Omat tiedot');
      await pressAndWait(page, 'Enter');
      assert.equal(pathOf(page), '/account');
      assert.equal((await page.locator('h1').innerText()).trim(), 'Omat tiedot');
      assert.equal(await page.locator('header nav a[aria-current="page"]').getAttribute('href'), '/account');
    });

    test('signing out with Tab and Enter', async () => {
      await tabUntil(
        page,
        (f) => f.tag === 'button' && f.text === 'Kirjaudu ulos',
        'the "Kirjaudu ulos" button',
      );
      await pressAndWait(page, 'Enter');
      assert.equal(pathOf(page), '/login', 'signing out ends on the login page');
      assert.equal((await page.locator('main [role="status"]').innerText()).trim(), 'Olet kirjautunut ulos.');
      await page.goto('/account');
      assert.equal(pathOf(page), '/login', 'signed out, /account sends to the login page');
    });
  });
}
