// A referral from start to finish with the keyboard alone, on a phone-sized
// screen (360×740), with klubi's mail going to a real SMTP server
// (scripts/smtp_sink.py):
//
// 1. The case manager signs in, opens Lähetteet from the navigation, makes a
//    referral to the running demo group (the group chosen in its select by
//    typing, the consent ticked with Space) and lands on the referral's page.
// 2. The coordinator signs in, opens Uudet lähetteet, finds the referral in
//    the queue with its needs text, and accepts it from there.
// 3. The participant's invitation arrives by mail in Finnish; they open its
//    link, set a password, and their home page shows their group, its next
//    meeting and what to bring. The link then no longer works.
//
// Every page on the way is checked with axe (WCAG 2.2 A/AA tags), for one h1
// and for sideways scrolling, and every Tab stop must show focus on screen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useKlubi,
  emailOf,
  PASSWORD,
  MOBILE,
  pathOf,
  htmlLang,
  tabUntil,
  pressAndWait,
  expectOneH1,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
} from './harness.mjs';

const k = useKlubi({ smtp: true });

async function checkPage(page, where) {
  assert.equal(await htmlLang(page), 'fi', `${where}: in Finnish`);
  await expectOneH1(page, where);
  await expectNoHorizontalScroll(page, where);
  await expectNoAxeViolations(page, where);
}

async function signInByKeyboard(page, email, password = PASSWORD) {
  await page.goto('/login');
  await checkPage(page, '/login');
  await tabUntil(page, (f) => f.id === 'f-email', 'the email field');
  await page.keyboard.type(email);
  await tabUntil(page, (f) => f.id === 'f-password', 'the password field', { max: 1 });
  await page.keyboard.type(password);
  await pressAndWait(page, 'Enter');
  assert.equal(pathOf(page), '/', `${email} is signed in, on the home page`);
}

test('a case manager refers, the coordinator accepts, the participant signs in by the mailed link', async () => {
  const client = { name: 'Ella Esimerkki', email: 'ella@example.fi' };
  const needs = 'Ella haluaa harjoitella työhaastattelua ja päivittää CV:nsä.';

  // 1. The referral.
  const cm = await k.newPage({ viewport: MOBILE, locale: 'fi-FI' });
  const page = cm.page;
  await signInByKeyboard(page, emailOf('casemanager'));
  await checkPage(page, '/ (case manager)');
  await tabUntil(page, (f) => f.inNav && f.href === '/referrals', 'Lähetteet in the navigation');
  await pressAndWait(page, 'Enter');
  assert.equal(pathOf(page), '/referrals');
  await checkPage(page, '/referrals');
  await tabUntil(page, (f) => f.inMain && f.href === '/referrals/new', 'the "Tee lähete" link');
  await pressAndWait(page, 'Enter');
  await checkPage(page, '/referrals/new');

  await tabUntil(page, (f) => f.id === 'f-group', 'the group select');
  await page.keyboard.type('Työnhakuklubi, r');
  const group = await page.locator('#f-group option:checked').innerText();
  assert.match(group, /^Työnhakuklubi, ryhmä 1/, 'typing chooses the running demo group');
  await tabUntil(page, (f) => f.id === 'f-name', 'the name field', { max: 1 });
  await page.keyboard.type(client.name);
  await tabUntil(page, (f) => f.id === 'f-email', 'the email field', { max: 1 });
  await page.keyboard.type(client.email);
  await tabUntil(page, (f) => f.id === 'f-needs', 'the needs field');
  await page.keyboard.type(needs);
  await tabUntil(page, (f) => f.id === 'consent-yes', 'the consent checkbox');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#consent-yes').isChecked(), true, 'Space ticks the consent');
  await tabUntil(page, (f) => f.tag === 'button' && f.formAction === '/referrals', 'the send button');
  await pressAndWait(page, 'Enter');
  const referralPath = pathOf(page);
  assert.match(referralPath, /^\/referrals\/[^/?#]+$/, 'sending leads to the referral');
  assert.equal((await page.locator('main .flash[role="status"]').innerText()).trim(), 'Lähete on lähetetty.');
  assert.ok((await page.locator('main').innerText()).includes(needs));
  assert.ok((await page.locator('main').innerText()).includes('Odottaa päätöstä'));
  await checkPage(page, referralPath);
  await cm.context.close();

  // 2. The triage.
  const co = await k.newPage({ viewport: MOBILE, locale: 'fi-FI' });
  await signInByKeyboard(co.page, emailOf('coordinator'));
  await tabUntil(co.page, (f) => f.inNav && f.href === '/triage', 'Uudet lähetteet in the navigation');
  await pressAndWait(co.page, 'Enter');
  assert.equal(pathOf(co.page), '/triage');
  await checkPage(co.page, '/triage');
  const item = co.page.locator('main ol.triage > li', { hasText: client.name });
  assert.ok((await item.innerText()).includes(needs), 'the queue shows the needs text');
  const accept = `${referralPath}/accept`;
  await tabUntil(co.page, (f) => f.tag === 'button' && f.formAction === accept, "the accept button of Ella's referral", { max: 40 });
  await pressAndWait(co.page, 'Enter');
  assert.equal(pathOf(co.page), '/triage', 'back in the queue');
  assert.equal(
    (await co.page.locator('main .flash[role="status"]').innerText()).trim(),
    'Asiakas on otettu ryhmään. Hän saa kutsun.',
  );
  assert.equal(await co.page.locator('main ol.triage > li', { hasText: client.name }).count(), 0, 'no longer in the queue');
  await checkPage(co.page, '/triage after accepting');
  await co.context.close();

  // 3. The invitation.
  const [mail] = await k.mail.waitFor(client.email);
  assert.match(mail.text, /Hei Ella Esimerkki/);
  assert.match(mail.text, /Hämeenkatu 10, Tampere/, 'where');
  const link = /https?:\/\/\S+\/link\/\S+/.exec(mail.text)?.[0];
  assert.ok(link, `a sign-in link in the mail:\n${mail.text}`);
  const linkPath = new URL(link).pathname;

  const pa = await k.newPage({ viewport: MOBILE, locale: 'fi-FI' });
  await pa.page.goto(linkPath);
  await checkPage(pa.page, 'the invitation link');
  await tabUntil(pa.page, (f) => f.id === 'f-password', 'the new password field');
  await pa.page.keyboard.type('Ellan oma salasana');
  await tabUntil(pa.page, (f) => f.id === 'f-password_confirm', 'the confirmation field', { max: 1 });
  await pa.page.keyboard.type('Ellan oma salasana');
  await pressAndWait(pa.page, 'Enter');
  assert.equal(pathOf(pa.page), '/', 'signed in, on the home page');
  const home = await pa.page.locator('main').innerText();
  assert.ok(home.includes('Työnhakuklubi, ryhmä 1'), home);
  assert.ok(home.includes('Seuraava tapaaminen'), home);
  assert.ok(home.includes('Ota mukaan'), home);
  await checkPage(pa.page, '/ (participant)');
  // The meeting's page opens from there, by keyboard.
  await tabUntil(pa.page, (f) => f.inMain && /^\/meetings\//.test(f.href ?? ''), 'the next meeting link');
  await pressAndWait(pa.page, 'Enter');
  assert.match(pathOf(pa.page), /^\/meetings\//);
  await checkPage(pa.page, 'the next meeting (participant)');
  await pa.context.close();

  // Single use: the link no longer works.
  const again = await k.newPage({ viewport: MOBILE, locale: 'fi-FI' });
  const res = await again.page.goto(linkPath);
  assert.equal(res.status(), 404, 'the link works once');
  await again.context.close();
});
