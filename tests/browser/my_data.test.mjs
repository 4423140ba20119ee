// My data (issue 17), with the keyboard alone at 360 px: the demo case
// manager opens Pekka's referral (a read of his support needs, audited);
// Pekka signs in, goes from his own page to "Omat tietoni" by keyboard, sees
// the case manager in "Kuka on lukenut tietojasi" and his own data, and the
// file to download holds the same. Axe finds nothing on the page.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useKlubi,
  emailOf,
  MOBILE,
  signIn,
  pathOf,
  tabUntil,
  pressAndWait,
  clickAndWait,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  expectOneH1,
} from './harness.mjs';

const k = useKlubi();

describe('my data, by keyboard on a phone', { concurrency: 1 }, () => {
  test('a participant sees who read their data and downloads it', async () => {
    const cm = await k.newPage({ viewport: MOBILE, locale: 'fi-FI' });
    await signIn(cm.page, 'casemanager@demo.invalid');
    await cm.page.goto('/referrals');
    await clickAndWait(cm.page, cm.page.getByRole('link', { name: /Pekka Osallistuja/ }).first());
    assert.match(pathOf(cm.page), /^\/referrals\/[^/]+$/);

    const { page } = await k.newPage({ viewport: MOBILE, locale: 'fi-FI' });
    await signIn(page, emailOf('participant'));
    await page.goto('/account');
    await tabUntil(page, (f) => f.inMain && f.href === '/my-data', 'the "Omat tietoni" link');
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), '/my-data');
    assert.equal(await expectOneH1(page), 'Omat tietoni');

    const reads = await page.locator('section[aria-labelledby="reads-h"]').innerText();
    assert.ok(reads.includes('Tuen tarpeet ohjauksessa'), `the read of the needs: ${reads}`);
    assert.ok(reads.includes('Olli Omavalmentaja'), `who read it: ${reads}`);
    const account = await page.locator('section[aria-labelledby="data-account"]').innerText();
    assert.ok(account.includes('participant@demo.invalid'), account);
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);

    await page.goto('/my-data');
    await tabUntil(page, (f) => f.inMain && f.href === '/my-data.json', 'the download link', { max: 40 });
    const res = await page.request.get('/my-data.json');
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-disposition'], /^attachment/);
    const data = await res.json();
    assert.equal(data.account.email, 'participant@demo.invalid');
    assert.ok(data.referrals.some((r) => r.participant_name === 'Pekka Osallistuja'));
  });
});
