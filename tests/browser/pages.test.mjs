// Every page of every demo role, in Finnish, Swedish and English (chosen with
// the header's language switch): the right <html lang>, exactly one h1, no axe
// violations (WCAG 2.2 A/AA tags) at 360×740 and at 1280×800, and no sideways
// scrolling at either width. The pages are those in the role's navigation
// (which must be exactly the role's pages) plus every page linked from the
// admin lists (organisations, users, an organisation's users). Also the
// anonymous pages (login, forgotten password, its confirmation, a dead link,
// a 404), a failed sign-in, and forms that come back with errors: login sent
// empty, forgotten password with a bad address, a new organisation without a
// kind, an empty invitation; their error summary must get focus and link to
// fields marked invalid.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  useKlubi,
  ROLES,
  LANGUAGES,
  MOBILE,
  DESKTOP,
  emailOf,
  signIn,
  signOut,
  switchLanguage,
  htmlLang,
  pathOf,
  clickAndWait,
  navLinks,
  expectOneH1,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
} from './harness.mjs';

// A password reset for the participant puts a mail in the outbox, so the
// admin's outbox page shows its table rather than "no mail".
const k = useKlubi({
  setup: async (k) => {
    const { context, page } = await k.newPage();
    await page.goto('/password/forgot');
    await page.locator('#f-email').fill(emailOf('participant'));
    const res = await clickAndWait(page, page.locator('main form[action="/password/forgot"] button[type="submit"]'));
    assert.equal(res.status(), 200, 'asking for a password reset');
    await context.close();
  },
});

// What each role's navigation offers, in order.
const EXPECTED_NAV = {
  admin: ['/', '/admin/organisations', '/admin/users', '/admin/audit', '/admin/outbox', '/account'],
  coordinator: ['/', '/admin/users', '/account'],
  coach: ['/', '/account'],
  casemanager: ['/', '/account'],
  specialist: ['/', '/account'],
  participant: ['/', '/account'],
};

// Links from the admin lists to further pages: an organisation, a user, the
// users of one organisation.
const DETAIL_LINK = /^\/admin\/(organisations\/[^/?#]+|users\/[^/?#]+|users\?organisation=[^&#]+)$/;

/**
 * The checks every page gets, the page already loaded at 360×740: language,
 * one h1, no sideways scroll, axe at 360×740 and again at 1280×800.
 */
async function checkLoadedPage(page, lang, where) {
  assert.equal(await htmlLang(page), lang, `${where}: <html lang>`);
  await expectOneH1(page, where);
  await expectNoHorizontalScroll(page, `${where} at 360×740`);
  await expectNoAxeViolations(page, `${where} at 360×740`);
  await page.setViewportSize(DESKTOP);
  try {
    await expectNoHorizontalScroll(page, `${where} at 1280×800`);
    await expectNoAxeViolations(page, `${where} at 1280×800`);
  } finally {
    await page.setViewportSize(MOBILE);
  }
}

/** Opens a path (expecting 200 unless told, no redirect) and returns the detail links in its main. */
async function open(page, path, status = 200) {
  await page.setViewportSize(MOBILE);
  const res = await page.goto(path);
  assert.equal(res.status(), status, `GET ${path}`);
  assert.equal(pathOf(page), path, `GET ${path} should not redirect`);
  return page
    .locator('main a[href]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    .then((hrefs) => hrefs.filter((h) => DETAIL_LINK.test(h)));
}

/**
 * Checks a form that came back with errors: the status, the error summary
 * (focused, one link per field in the given order, each field marked invalid),
 * then the usual page checks; last, the summary's first link moves focus to
 * its field.
 */
async function checkErrorState(page, res, { status = 422, fields, lang, where }) {
  assert.equal(res.status(), status, `${where}: status`);
  const summary = page.locator('#error-summary');
  await summary.waitFor({ state: 'visible' });
  // app.js moves focus to the summary once the page has loaded.
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 5000 })
    .catch(() => {});
  assert.equal(
    await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName),
    'error-summary',
    `${where}: focus should be on the error summary`,
  );
  const hrefs = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, fields.map((f) => `#f-${f}`), `${where}: the summary's links`);
  for (const f of fields) {
    const field = page.locator(`#f-${f}`);
    assert.equal(await field.count(), 1, `${where}: the summary links to #f-${f}, which should exist`);
    const tag = await field.evaluate((el) => el.tagName.toLowerCase());
    if (tag !== 'fieldset') {
      assert.equal(await field.getAttribute('aria-invalid'), 'true', `${where}: #f-${f} aria-invalid`);
      const described = await field.getAttribute('aria-describedby');
      assert.ok(described, `${where}: #f-${f} should be described by its error message`);
      assert.ok((await page.locator(`#${described}`).innerText()).trim(), `${where}: #${described} is empty`);
    }
  }
  await checkLoadedPage(page, lang, where);
  // The first link takes keyboard and screen reader users to the field.
  await summary.locator('a').first().click();
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    `f-${fields[0]}`,
    `${where}: the summary's first link should move focus to #f-${fields[0]}`,
  );
}

// Two suites at a time: each has its own browser context and account, and
// axe keeps one core busy while the other renders. Same-account tests stay in
// one suite (a user's language is shared by all their sessions).
describe('pages', { concurrency: 2 }, () => {
  for (const role of ROLES) {
    describe(`${role}@demo.invalid`, { concurrency: 1 }, () => {
      let page;
      before(async () => {
        ({ page } = await k.newPage());
        await signIn(page, emailOf(role));
      });

      for (const { code: lang } of LANGUAGES) {
        test(`${lang}: every page in the navigation and every detail page linked from the lists`, async (t) => {
          await page.goto('/');
          await switchLanguage(page, lang);
          const nav = await navLinks(page);
          assert.deepEqual(nav, EXPECTED_NAV[role], `${role}'s navigation`);

          const queue = [...nav];
          const seen = new Set(queue);
          while (queue.length) {
            const path = queue.shift();
            await t.test(path, async () => {
              const links = await open(page, path);
              for (const href of links) {
                if (!seen.has(href)) {
                  seen.add(href);
                  queue.push(href);
                }
              }
              if (nav.includes(path)) {
                assert.deepEqual(
                  await page.locator('header nav a[aria-current="page"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
                  [path],
                  `${path}: the navigation should mark it, and only it, as the current page`,
                );
              }
              if (path === '/admin/outbox') {
                assert.ok((await page.locator('main table tbody tr').count()) > 0, 'the outbox lists the password-reset mail');
              }
              await checkLoadedPage(page, lang, `${path} as ${role} (${lang})`);
            });
          }
          if (nav.includes('/admin/organisations')) {
            assert.ok([...seen].some((h) => /^\/admin\/organisations\/[^/?]+$/.test(h)), 'the organisation list should link to organisations');
          }
          if (nav.includes('/admin/users')) {
            assert.ok([...seen].some((h) => /^\/admin\/users\/[^/?]+$/.test(h)), 'the user list should link to users');
          }
        });

        if (role === 'admin') {
          test(`${lang}: a new organisation without a kind`, async () => {
            await open(page, '/admin/organisations');
            await switchLanguage(page, lang);
            const form = page.locator('main form[action="/admin/organisations"]');
            await form.locator('#f-name').fill(`Testiyhdistys ${lang}`);
            assert.equal(await form.locator('#f-kind').inputValue(), '', 'no kind is chosen at first');
            const res = await clickAndWait(page, form.locator('button[type="submit"]'));
            await checkErrorState(page, res, { fields: ['kind'], lang, where: `organisation form without a kind (${lang})` });
            assert.equal(await page.locator('#f-name').inputValue(), `Testiyhdistys ${lang}`, 'the name is kept');
          });

          test(`${lang}: an invitation sent empty`, async () => {
            await open(page, '/admin/users');
            await switchLanguage(page, lang);
            const form = page.locator('main form[action="/admin/users"]');
            const res = await clickAndWait(page, form.locator('button[type="submit"]'));
            assert.equal(res.status(), 422, 'an empty invitation is refused');
            const fields = await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href').slice(3)));
            assert.ok(fields.includes('name') && fields.includes('email'), `the summary should name the name and email fields, names ${fields}`);
            await checkErrorState(page, res, { fields, lang, where: `empty invitation form (${lang})` });
          });
        }
      }
    });
  }

  describe('anonymous pages', { concurrency: 1 }, () => {
    let page;
    before(async () => {
      ({ page } = await k.newPage());
    });

    for (const { code: lang } of LANGUAGES) {
      test(`${lang}: /login and /password/forgot`, async (t) => {
        await page.goto('/login');
        await switchLanguage(page, lang);
        for (const path of ['/login', '/password/forgot']) {
          await t.test(path, async () => {
            await open(page, path);
            assert.equal(await page.locator('header nav').count(), 0, `${path}: no navigation before signing in`);
            await checkLoadedPage(page, lang, `${path} (${lang})`);
          });
        }
      });

      test(`${lang}: the login form sent empty`, async () => {
        await open(page, '/login');
        const res = await clickAndWait(page, page.locator('main form[action="/login"] button[type="submit"]'));
        await checkErrorState(page, res, { fields: ['email', 'password'], lang, where: `empty login form (${lang})` });
      });

      test(`${lang}: a failed sign-in`, async () => {
        await open(page, '/login');
        // An address no account has: the failure counts only against itself.
        await page.locator('#f-email').fill(`nobody-${lang}@demo.invalid`);
        await page.locator('#f-password').fill('not the password');
        const res = await clickAndWait(page, page.locator('main form[action="/login"] button[type="submit"]'));
        assert.equal(res.status(), 401);
        const failure = page.locator('#login-failure[role="alert"]');
        assert.ok((await failure.innerText()).trim(), 'the failure message should be shown');
        assert.equal(await page.locator('#f-email').inputValue(), `nobody-${lang}@demo.invalid`, 'the email is kept');
        await checkLoadedPage(page, lang, `failed sign-in (${lang})`);
      });

      test(`${lang}: the forgotten-password form sent`, async () => {
        await open(page, '/password/forgot');
        await page.locator('#f-email').fill(`nobody-${lang}@demo.invalid`);
        const res = await clickAndWait(page, page.locator('main form[action="/password/forgot"] button[type="submit"]'));
        assert.equal(res.status(), 200);
        assert.ok((await page.locator('main [role="status"]').innerText()).trim(), 'the page says a link was sent');
        await checkLoadedPage(page, lang, `forgot-password form sent (${lang})`);
      });

      test(`${lang}: a link that does not work, a page that does not exist`, async (t) => {
        for (const path of ['/link/no-such-token', '/no-such-page']) {
          await t.test(path, async () => {
            await open(page, path, 404);
            await checkLoadedPage(page, lang, `${path} (${lang})`);
          });
        }
      });

      test(`${lang}: the forgotten-password form with a bad address`, async () => {
        await open(page, '/password/forgot');
        await page.locator('#f-email').fill('not an address');
        const res = await clickAndWait(page, page.locator('main form[action="/password/forgot"] button[type="submit"]'));
        await checkErrorState(page, res, { fields: ['email'], lang, where: `forgot-password form (${lang})` });
      });
    }
  });
});

test('the chosen language is remembered for the user, in a new browser too', async () => {
  const first = await k.newPage();
  await signIn(first.page, emailOf('specialist'));
  await switchLanguage(first.page, 'sv');
  await signOut(first.page);
  await first.context.close();

  const second = await k.newPage();
  await signIn(second.page, emailOf('specialist'));
  assert.equal(await htmlLang(second.page), 'sv', 'signed in again in a fresh browser, the page is in Swedish');
  await switchLanguage(second.page, 'fi');
  await second.page.goto('/account');
  assert.equal(await htmlLang(second.page), 'fi');
  await second.context.close();
});
