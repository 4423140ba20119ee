// Two-step sign-in with the keyboard alone, at 360 px: a coach turns it on
// from "Omat tiedot" (the secret typed from the page as a person would type
// it into an authenticator app), signs out, and signs in again with the
// password and a code. Axe finds nothing on the setting-up, recovery-code and
// code pages.
//
// Codes are computed here (RFC 6238: HMAC-SHA-1, 6 digits, 30 s) at klubi's
// time. Its clock starts at CLOCK_START when the process starts and runs on
// in real time, so its time is CLOCK_START plus the time since then: reckoned
// from when the server answered (a few seconds after it started, so a little
// behind). A code is accepted one step either way, and never a step again,
// so the sign-in waits for a step after the one that turned it on.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  useKlubi,
  emailOf,
  PASSWORD,
  MOBILE,
  CLOCK_START,
  pathOf,
  focused,
  tabUntil,
  pressAndWait,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  expectOneH1,
} from './harness.mjs';

let startedAt;
const k = useKlubi({
  setup: async () => {
    startedAt = Date.now();
  },
});

/** Klubi's time now (unix seconds), as nearly as can be told from here. */
const klubiNow = () => Date.parse(CLOCK_START) / 1000 + (Date.now() - startedAt) / 1000;

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    assert.ok(v >= 0, `not base32: ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The code of the 30-second step `step` for `secret` (as the page shows it). */
function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

const stepNow = () => Math.floor(klubiNow() / 30);

/** Waits until klubi's time is at least 6 s into a step after `step`. */
async function waitForStepAfter(step) {
  for (;;) {
    const now = klubiNow();
    if (Math.floor(now / 30) > step && now % 30 >= 6) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Tab to the field with `id`, type `text` and press Enter. */
async function typeInto(page, id, text, what) {
  await tabUntil(page, (f) => f.id === id, what);
  await page.keyboard.type(text);
  return pressAndWait(page, 'Enter');
}

async function signInByKeyboard(page, expectedPath) {
  await page.goto('/login');
  await tabUntil(page, (f) => f.id === 'f-email', 'the email field');
  await page.keyboard.type(emailOf('coach'));
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'f-password');
  await page.keyboard.type(PASSWORD);
  await pressAndWait(page, 'Enter');
  assert.equal(pathOf(page), expectedPath, 'where the password leads');
}

describe('two-step sign-in with the keyboard, at 360 px', { concurrency: 1 }, () => {
  let page;
  let secret;
  let enrolledStep;
  before(async () => {
    ({ page } = await k.newPage({ viewport: MOBILE, locale: 'fi-FI' }));
  });

  test('turning it on from "Omat tiedot": the QR code, the key as text, a code', async () => {
    await signInByKeyboard(page, '/');
    await page.goto('/account');
    const start = await tabUntil(
      page,
      (f) => f.formAction === '/account/second-factor/start' && f.tag === 'button',
      'the "Ota käyttöön" button',
    );
    assert.equal(start.at(-1).text, 'Ota käyttöön');
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), '/account/second-factor');
    assert.equal(await expectOneH1(page), 'Kaksivaiheinen kirjautuminen');
    const qr = page.locator('img.qr');
    assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml;base64,/);
    assert.ok((await qr.getAttribute('alt')).startsWith('QR-koodi'), 'the QR code has a text alternative');
    assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code is shown (CSP allows data: images)');
    secret = (await page.locator('#secret').innerText()).trim();
    assert.match(secret, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/, 'the key in groups of four');
    const code = page.locator('#f-code');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);

    enrolledStep = stepNow();
    await typeInto(page, 'f-code', totp(secret, enrolledStep), 'the code field');
    assert.equal(await expectOneH1(page), 'Varakoodisi');
    const codes = await page.locator('ol.recovery-codes code').allInnerTexts();
    assert.equal(codes.length, 10);
    for (const c of codes) assert.match(c, /^[2-9A-Z]{4}(-[2-9A-Z]{4}){5}$/);
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
  });

  test('signing out and in again asks for the code; the code signs in', async () => {
    await tabUntil(page, (f) => f.formAction === '/logout' && f.tag === 'button', 'the sign-out button');
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), '/login');

    await signInByKeyboard(page, '/login/second-factor');
    assert.equal(await expectOneH1(page), 'Kirjautumisen toinen vaihe');
    assert.equal(await page.locator('header nav a').count(), 0, 'no menu before the code');
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);

    // A wrong code first: the error is announced and the field says so.
    const wrong = totp(secret, enrolledStep) === '000000' ? '000001' : '000000';
    await typeInto(page, 'f-code', wrong, 'the code field');
    assert.equal(pathOf(page), '/login/second-factor');
    assert.equal(await page.locator('#f-code').getAttribute('aria-invalid'), 'true');
    await expectNoAxeViolations(page, 'the code page with an error');

    await waitForStepAfter(enrolledStep);
    await typeInto(page, 'f-code', totp(secret, stepNow()), 'the code field');
    assert.equal(pathOf(page), '/', 'signed in');
    assert.ok((await page.locator('h1').innerText()).includes('Ville'), "the coach's home page");
  });
});
