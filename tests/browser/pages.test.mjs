// Every page of every demo role, in Finnish, Swedish and English (chosen with
// the header's language switch): the right <html lang>, exactly one h1, no axe
// violations (WCAG 2.2 A/AA tags) at 360×740 and at 1280×800, and no sideways
// scrolling at either width. The pages are those in the role's navigation
// (which must be exactly the role's pages) plus the detail pages linked from
// them: every page linked from the admin lists (organisations, users, an
// organisation's users), and one of each kind of club page (a group, its
// editor, a new meeting, a meeting, its attendance sheet, the group's report
// and compensation, a format, the new group and new format forms), which one
// turning with the language. On the attendance pages (Tänään, Läsnäoloni,
// Poissaolot, a sheet, a report, a compensation page) Tab must also reach
// every control in main, with focus shown on screen, and leave it again.
// Also the anonymous pages (login, forgotten
// password, its confirmation, a dead link, a 404), a failed sign-in, and forms
// that come back with errors: login sent empty, forgotten password with a bad
// address, a new organisation without a kind, an empty invitation, a new group
// without a name, a compensation rate that is not euros, a meeting that ends
// before it starts; their error summary must get focus and link to fields
// marked invalid.

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

// What each role's navigation offers, in order: the calendar for everyone,
// groups and club formats for staff.
const STAFF_CLUBS = ['/calendar', '/groups', '/formats'];
// Those who run meetings (coaches, coordinators) get today's meetings to
// mark, those who get no-show alerts (case managers, coordinators) the
// alerts, and participants their own attendance.
const EXPECTED_NAV = {
  admin: ['/', ...STAFF_CLUBS, '/admin/organisations', '/admin/users', '/admin/audit', '/admin/outbox', '/account'],
  coordinator: ['/', ...STAFF_CLUBS, '/today', '/alerts', '/triage', '/admin/users', '/account'],
  coach: ['/', ...STAFF_CLUBS, '/today', '/internal-referrals', '/account'],
  casemanager: ['/', ...STAFF_CLUBS, '/referrals', '/alerts', '/account'],
  specialist: ['/', ...STAFF_CLUBS, '/internal-referrals', '/account'],
  participant: ['/', '/calendar', '/my/attendance', '/account'],
};

// Links in a page's main to further pages, by kind (the first pattern that
// matches decides), with how many pages of each kind one crawl (one role in
// one language) visits at most. The admin lists are followed in full. Club
// pages are many and alike (every group links to each of its meetings, the
// calendar to every meeting in four weeks), so a crawl visits one page of each
// kind, and which one turns with the language: of the links of a kind on the
// page where the crawl first meets them, Finnish takes the first, Swedish the
// second, English the third (wrapping around). With the demo data the
// coordinator so sees this week's guest visit, the afternoon excursion (with
// its notice) and a regular meeting (from the calendar), every staff member
// the three groups (in Finnish the finished one, whose payment report is
// approved; in Swedish the running one; in English the open one, which has
// held no meetings yet) with their reports and compensation pages, and both
// shipped formats. This keeps the whole browser suite within a few minutes.
const DETAIL_LINKS = [
  { kind: 'organisation', re: /^\/admin\/organisations\/[^/?#]+$/, max: Infinity },
  { kind: 'user', re: /^\/admin\/users\/[^/?#]+$/, max: Infinity },
  { kind: "an organisation's users", re: /^\/admin\/users\?organisation=[^&#]+$/, max: Infinity },
  { kind: 'new group', re: /^\/groups\/new$/, max: 1 },
  { kind: 'group', re: /^\/groups\/[^/?#]+$/, max: 1 },
  { kind: 'group editor', re: /^\/groups\/[^/?#]+\/edit$/, max: 1 },
  { kind: 'new meeting', re: /^\/groups\/[^/?#]+\/meetings\/new$/, max: 1 },
  { kind: 'meeting', re: /^\/meetings\/[^/?#]+$/, max: 1 },
  { kind: 'attendance sheet', re: /^\/meetings\/[^/?#]+\/attendance$/, max: 1 },
  { kind: 'group report', re: /^\/groups\/[^/?#]+\/report$/, max: 1 },
  { kind: 'compensation', re: /^\/groups\/[^/?#]+\/compensation$/, max: 1 },
  { kind: 'new format', re: /^\/formats\/new$/, max: 1 },
  { kind: 'format', re: /^\/formats\/[^/?#]+$/, max: 1 },
  { kind: 'format editor', re: /^\/formats\/[^/?#]+\/edit$/, max: 1 },
  { kind: 'new referral', re: /^\/referrals\/new(\?group=[^&#]+)?$/, max: 1 },
  { kind: 'referral', re: /^\/referrals\/[^/?#]+$/, max: 1 },
  { kind: 'withdrawal', re: /^\/my\/groups\/[^/?#]+\/withdraw$/, max: 1 },
  { kind: 'new internal referral', re: /^\/internal-referrals\/new\?group=[^&#]+&participant=[^&#]+$/, max: 1 },
  { kind: 'internal referral', re: /^\/internal-referrals\/[^/?#]+$/, max: 1 },
];

/** The kind of a detail link (see DETAIL_LINKS), or undefined for other links. */
const detailKind = (href) => DETAIL_LINKS.find((d) => d.re.test(href));

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

// Pages whose every control is also walked with Tab (see checkKeyboardReach):
// those of attendance, today's meetings, alerts and compensation.
const KEYBOARD_PATHS = ['/today', '/alerts', '/my/attendance'];
const KEYBOARD_KINDS = ['attendance sheet', 'group report', 'compensation'];

/**
 * From the start of main, Tab must reach every visible control in main (links,
 * buttons, fields, summaries) and then leave main (no trap), each stop showing
 * focus on screen. At 360×740.
 */
async function checkKeyboardReach(page, where) {
  const count = await page.evaluate(() => {
    const main = document.getElementById('main');
    const controls = [...main.querySelectorAll(
      'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), ' +
        'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])',
    )].filter((el) => el.checkVisibility({ visibilityProperty: true }));
    controls.forEach((el, i) => {
      el.dataset.kbd = String(i);
    });
    main.focus();
    return controls.length;
  });
  const reached = new Set();
  const stops = [];
  for (let i = 0; i < count * 3 + 10; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      const main = document.getElementById('main');
      if (!el || el === document.body || !main.contains(el) || el === main) return { left: true };
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        left: false,
        kbd: el.dataset.kbd ?? null,
        what: `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}> "${(el.innerText || el.value || '').trim().slice(0, 40)}"`,
        indicator: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        onScreen: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 &&
          box.bottom <= window.innerHeight && box.right <= window.innerWidth,
      };
    });
    if (f.left) break;
    stops.push(f.what);
    assert.ok(f.indicator, `${where}: focus is not visible on ${f.what}`);
    assert.ok(f.onScreen, `${where}: the focused ${f.what} is not on screen`);
    if (f.kbd !== null) reached.add(Number(f.kbd));
    assert.ok(i < count * 3 + 9, `${where}: Tab does not leave main (a trap?); stops: ${stops.join(', ')}`);
  }
  const missed = await page.evaluate((got) => [...document.querySelectorAll('#main [data-kbd]')]
    .filter((el) => !got.includes(Number(el.dataset.kbd)))
    .map((el) => `<${el.tagName.toLowerCase()}> "${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`), [...reached]);
  assert.deepEqual(missed, [], `${where}: Tab should reach every control in main; stops: ${stops.join(', ')}`);
}

/** Opens a path (expecting 200 unless told, no redirect) and returns the detail links in its main, in order. */
async function open(page, path, status = 200) {
  await page.setViewportSize(MOBILE);
  const res = await page.goto(path);
  assert.equal(res.status(), status, `GET ${path}`);
  assert.equal(pathOf(page), path, `GET ${path} should not redirect`);
  return page
    .locator('main a[href]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    .then((hrefs) => hrefs.filter((h) => detailKind(h)));
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
      // Described by its error message (and by a hint, if it has one).
      const described = (await field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      assert.ok(described.length > 0, `${where}: #f-${f} should be described by its error message`);
      for (const id of described) {
        const text = await page.locator(`[id="${id}"]`).innerText();
        assert.ok(text.trim(), `${where}: #${id}, which describes #f-${f}, is empty`);
      }
      assert.ok(
        described.includes(`f-${f}-error`),
        `${where}: #f-${f} should be described by its error message #f-${f}-error, is by ${described.join(' ')}`,
      );
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

// Three suites at a time: each has its own browser context and account, and
// while one waits for a page or a round trip the others keep both cores busy
// (on 2 cores three took 3 min 44 s where two took 4 min 12 s). Same-account
// tests stay in one suite (a user's language is shared by all their sessions).
describe('pages', { concurrency: 3 }, () => {
  for (const role of ROLES) {
    describe(`${role}@demo.invalid`, { concurrency: 1 }, () => {
      let page;
      before(async () => {
        ({ page } = await k.newPage());
        await signIn(page, emailOf(role));
      });

      for (const { code: lang } of LANGUAGES) {
        test(`${lang}: every page in the navigation and the detail pages linked from them`, async (t) => {
          await page.goto('/');
          await switchLanguage(page, lang);
          const nav = await navLinks(page);
          assert.deepEqual(nav, EXPECTED_NAV[role], `${role}'s navigation`);

          const queue = [...nav];
          const seen = new Set(queue);
          const taken = new Map(); // detail kind -> pages of it queued so far
          const turn = LANGUAGES.findIndex((l) => l.code === lang);
          let groupClosed = false; // the group page visited is of a finished group
          while (queue.length) {
            const path = queue.shift();
            await t.test(path, async () => {
              const links = await open(page, path);
              for (const { kind, max } of DETAIL_LINKS) {
                const fresh = [...new Set(links.filter((h) => detailKind(h).kind === kind && !seen.has(h)))];
                const n = Math.min(fresh.length, max - (taken.get(kind) ?? 0));
                for (let i = 0; i < n; i++) {
                  const href = fresh[(turn + i) % fresh.length];
                  seen.add(href);
                  queue.push(href);
                }
                taken.set(kind, (taken.get(kind) ?? 0) + n);
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
              if (detailKind(path)?.kind === 'group') {
                groupClosed = (await page.locator('main h2#schedule + p.muted').count()) > 0;
              }
              await checkLoadedPage(page, lang, `${path} as ${role} (${lang})`);
              if (KEYBOARD_PATHS.includes(path) || KEYBOARD_KINDS.includes(detailKind(path)?.kind)) {
                await checkKeyboardReach(page, `${path} as ${role} (${lang})`);
              }
            });
          }
          if (nav.includes('/admin/organisations')) {
            assert.ok([...seen].some((h) => /^\/admin\/organisations\/[^/?]+$/.test(h)), 'the organisation list should link to organisations');
          }
          if (nav.includes('/admin/users')) {
            assert.ok([...seen].some((h) => /^\/admin\/users\/[^/?]+$/.test(h)), 'the user list should link to users');
          }
          // Every staff member sees the demo's groups, their meetings and the
          // shipped formats; the coordinator (whose organisation owns the
          // groups) and the coach (who leads them) may add meetings, only the
          // coordinator may edit the groups and plan new groups and formats,
          // and nobody edits a shipped format (it is copied instead).
          const visited = (kind) => [...seen].filter((h) => detailKind(h)?.kind === kind);
          const staff = nav.includes('/groups');
          const leads = role === 'coordinator' || role === 'coach';
          const expected = {
            group: staff,
            // The participant reaches their next meeting from the home page.
            meeting: staff || role === 'participant',
            // Case managers read the referrals they made, coordinators those
            // to their groups (from the triage queue and the roster).
            referral: role === 'casemanager' || role === 'coordinator',
            'new referral': role === 'casemanager',
            withdrawal: role === 'participant',
            // The demo's internal referral: the coach who made it, the
            // specialist who has it and the participant it is about.
            'internal referral': ['coach', 'specialist', 'participant'].includes(role),
            'new internal referral': role === 'coach',
            format: staff,
            // (A finished group takes no new meetings.)
            'new meeting': leads && !groupClosed,
            // Those who lead a group mark its meetings (from Tänään and the
            // meeting's page) and read its report; only the coordinator
            // handles its compensation.
            'attendance sheet': leads,
            'group report': leads,
            compensation: role === 'coordinator',
            'group editor': role === 'coordinator',
            'new group': role === 'coordinator',
            'new format': role === 'coordinator',
            'format editor': false,
          };
          for (const [kind, yes] of Object.entries(expected)) {
            assert.equal(visited(kind).length, yes ? 1 : 0, `${role} should ${yes ? '' : 'not '}reach a ${kind} page; reached ${visited(kind)}`);
          }
        });

        if (role === 'coordinator') {
          test(`${lang}: a new group without a name`, async () => {
            await open(page, '/groups/new');
            await switchLanguage(page, lang);
            const form = page.locator('main form[action="/groups"]');
            await form.locator('#f-format').selectOption('template-tampere');
            await form.locator('#f-location').fill(`Testikatu 1, ${lang}`);
            assert.equal(await form.locator('#f-name').inputValue(), '', 'the name is empty at first');
            const res = await clickAndWait(page, form.locator('button[type="submit"]'));
            await checkErrorState(page, res, { fields: ['name'], lang, where: `new group without a name (${lang})` });
            assert.equal(await page.locator('#f-location').inputValue(), `Testikatu 1, ${lang}`, 'the location is kept');
            assert.equal(await page.locator('#f-format').inputValue(), 'template-tampere', 'the chosen format is kept');
          });

          test(`${lang}: a printed invitation for a participant without email`, async () => {
            await open(page, '/groups');
            const href = await page.locator('main a[href^="/groups/"]', { hasText: 'ryhmä 1' }).first().getAttribute('href');
            await open(page, href);
            await switchLanguage(page, lang);
            // Everyone not yet signed in can be handed a printed invitation;
            // the demo's Aarne Ahonen has no email address.
            const print = page.locator('main tr', { hasText: 'Aarne Ahonen' }).locator('form[action$="/print"] button');
            assert.equal(await print.count(), 1, 'the demo has one participant without email, not yet signed in');
            const res = await clickAndWait(page, print);
            assert.equal(res.status(), 200);
            assert.match(await page.locator('main .code').innerText(), /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
            // The participant's own language (Finnish), whatever the coordinator reads.
            await checkLoadedPage(page, 'fi', `printed invitation (coordinator in ${lang})`);
          });

          test(`${lang}: a new compensation rate that is not a sum of euros`, async () => {
            await open(page, '/groups');
            const href = await page.locator('main a[href^="/groups/"]', { hasText: 'ryhmä 1' }).first().getAttribute('href');
            await open(page, `${href}/compensation`);
            await switchLanguage(page, lang);
            const form = page.locator(`main form[action="${href}/compensation/rates"]`);
            await form.locator('#f-effective_from').fill('2030-01-07');
            await form.locator('#f-rate').fill('yhdeksän');
            const res = await clickAndWait(page, form.locator('button[type="submit"]'));
            await checkErrorState(page, res, { fields: ['rate'], lang, where: `a rate that is not euros (${lang})` });
            assert.equal(await page.locator('#f-rate').inputValue(), 'yhdeksän', 'the typed rate is kept');
            assert.equal(await page.locator('#f-effective_from').inputValue(), '2030-01-07', 'the date is kept');
          });

          test(`${lang}: a meeting that would end before it starts`, async () => {
            // The first meeting in the calendar: this week's guest visit of the running demo group.
            await open(page, '/calendar');
            const href = await page.locator('main .agenda a[href^="/meetings/"]').first().getAttribute('href');
            await open(page, href);
            await switchLanguage(page, lang);
            const time = await page.locator('main dl.facts dd').nth(1).innerText();
            const form = page.locator(`main form[action="${href}"]`);
            const start = await form.locator('#f-start').inputValue();
            const [h, m] = start.split(':').map(Number);
            assert.ok(h >= 1, `the meeting should start after 1.00 for this test, starts ${start}`);
            const end = `${String(h - 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
            await form.locator('#f-end').fill(end);
            await form.locator('#f-reason').fill('Testi');
            const res = await clickAndWait(page, form.locator('button[type="submit"]'));
            await checkErrorState(page, res, { fields: ['end'], lang, where: `meeting ending before it starts (${lang})` });
            assert.equal(await page.locator('#f-end').inputValue(), end, 'the typed end time is kept');
            assert.equal(await page.locator('#f-start').inputValue(), start, 'the start time is kept');
            await open(page, href);
            assert.equal(await page.locator('main dl.facts dd').nth(1).innerText(), time, 'the meeting did not change');
          });
        }

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
        for (const path of ['/login', '/password/forgot', '/code']) {
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
