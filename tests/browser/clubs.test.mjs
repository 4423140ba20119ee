// A coordinator plans a club with the keyboard alone on a phone-sized screen
// (360×740): signs in, opens Ryhmät from the navigation, makes a group from the
// Tampere template (chosen in the format select by typing), generates its five
// meetings (a typed first date, Monday and Wednesday, 9.00), turns one meeting
// into an afternoon excursion elsewhere (kind, place and time changed, with
// the reason), sees the "another time than usual" notice on the meeting and
// the badge in the group's schedule, and finds the meetings in Kalenteri,
// opened from the navigation, with today marked. Every page on the way is
// checked with axe (WCAG 2.2 A/AA tags) and for sideways scrolling, and every
// stop of Tab must show focus on screen. The same flow runs a second time with
// JavaScript turned off: the pages are plain forms and links and must work
// without app.js and htmx.
//
// Keys only: Tab, Shift+Tab, Space, Enter, typing, and Control+A to replace a
// field's text; the only page.goto() is the login page, where the flow starts.
//
// Dates and times are typed too, not filled. Chromium's date and time inputs
// take digits segment by segment: Tab into the field lands on its first
// segment, a complete segment moves on to the next, Shift+Tab goes back one,
// and Tab from the last one stops on the field's picker button before leaving
// the field (app.css rings the field then too, with :focus-within). The order
// of the segments and the 12/24-hour clock follow Chromium's own UI language,
// not the page's language nor the context's `locale`: Debian's Chromium under
// LANG=C.UTF-8, as here, shows 11/30/2026 and 09:00 AM on a Finnish page with
// locale fi-FI; under another LANG the day may come first. So typeDate() types
// a probe date whose day and month differ, reads back which came out as the
// month, and then types the real date in that order; typeTime() types hours
// and minutes (a 12-hour field takes 13 as 1 PM) followed by "A" or "P", which
// a 12-hour field takes as AM/PM and a 24-hour field has no segment for. Each
// checks the field's value afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useKlubi,
  helsinkiDate,
  emailOf,
  PASSWORD,
  MOBILE,
  pathOf,
  htmlLang,
  focused,
  describeFocus,
  tabUntil,
  pressAndWait,
  expectOneH1,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
} from './harness.mjs';

const k = useKlubi();

/**
 * The checks every page of the flow gets: Finnish, one h1, no sideways
 * scroll, no axe violations. Axe cannot run where JavaScript is turned off
 * (its queue waits on timers that never fire there: analyze() hangs), so the
 * run without JavaScript skips it; the server sends the same HTML either way,
 * and the run with JavaScript checks it.
 */
async function checkPage(page, where) {
  assert.equal(await htmlLang(page), 'fi', `${where}: the coordinator's pages are in Finnish`);
  await expectOneH1(page, where);
  await expectNoHorizontalScroll(page, where);
  if (page.context().klubiJavaScript) await expectNoAxeViolations(page, where);
}

/** The value of the focused field. */
const focusedValue = (page) => page.evaluate(() => document.activeElement.value);

/** The date in `iso` plus `days` days, as YYYY-MM-DD. */
function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A Finnish date on the page ("maanantai 30.11.2026", "30.11.2026") as YYYY-MM-DD. */
function isoOfFinnish(text) {
  const m = /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(text);
  assert.ok(m, `no date d.m.yyyy in "${text}"`);
  return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

/** The app's today in Helsinki (its time zone), as YYYY-MM-DD. */
const todayInHelsinki = () => helsinkiDate(0);

/**
 * Types a date (YYYY-MM-DD) into the focused date input, whose first segment
 * has focus (just tabbed into). See the top of the file for why it probes.
 */
async function typeDate(page, iso) {
  const f = await focused(page);
  assert.equal(f.type, 'date', `typeDate needs a focused date input, focus is on ${describeFocus(f)}`);
  await page.keyboard.type('01' + '02' + '2030');
  const probe = await focusedValue(page);
  const order = { '2030-01-02': ['m', 'd', 'y'], '2030-02-01': ['d', 'm', 'y'] }[probe];
  assert.ok(order, `typing 01, 02, 2030 into #${f.id} gave "${probe}": neither month/day/year nor day/month/year`);
  // From the year back to the first segment.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused(page)).id, f.id, 'Shift+Tab twice from the year stays in the date field');
  const [y, m, d] = iso.split('-');
  const parts = { y, m, d };
  await page.keyboard.type(order.map((p) => parts[p]).join(''));
  assert.equal(await focusedValue(page), iso, `#${f.id} after typing ${iso} (segments ${order.join('/')})`);
}

/** Types a time (HH:MM, 24-hour) into the focused time input, its first segment focused. */
async function typeTime(page, hhmm) {
  const f = await focused(page);
  assert.equal(f.type, 'time', `typeTime needs a focused time input, focus is on ${describeFocus(f)}`);
  const [h, m] = hhmm.split(':');
  await page.keyboard.type(`${h}${m}${Number(h) >= 12 ? 'P' : 'A'}`);
  assert.equal(await focusedValue(page), hhmm, `#${f.id} after typing ${hhmm}`);
}

/** The group's schedule on its page: each meeting's link, date and text. */
async function scheduleOf(page) {
  const rows = await page.locator('main ol.agenda > li.agenda-item').evaluateAll((lis) =>
    lis.map((li) => ({
      href: li.querySelector('a').getAttribute('href'),
      when: li.querySelector('.when').innerText.trim(),
      text: li.innerText.replace(/\s+/g, ' ').trim(),
      unusual: li.querySelectorAll('.badge-warning').length,
    })),
  );
  return rows.map((r) => ({ ...r, date: isoOfFinnish(r.when) }));
}

/**
 * On a calendar page: its range (from the line under the pager) and, of the
 * group's meetings, exactly those in the range must be listed. Returns the
 * listed ones' text by href.
 */
async function checkCalendarRange(page, meetings, where) {
  const range = await page.locator('main > p.muted').first().innerText();
  const [from, to] = range.split('–').map((s) => isoOfFinnish(s));
  const listed = new Map();
  for (const m of meetings) {
    const item = page.locator('main .week .agenda > li', { has: page.locator(`a[href="${m.href}"]`) });
    const n = await item.count();
    const inRange = m.date >= from && m.date <= to;
    assert.equal(n, inRange ? 1 : 0, `${where} (${from}…${to}) should ${inRange ? '' : 'not '}list the meeting of ${m.date} (${m.href})`);
    if (n) listed.set(m.href, (await item.innerText()).replace(/\s+/g, ' '));
  }
  return listed;
}

/** The whole flow, in a fresh context; `name` is the new group's name. */
async function planAClub({ javaScriptEnabled, name }) {
  const { context, page } = await k.newPage({ viewport: MOBILE, locale: 'fi-FI', javaScriptEnabled });
  context.klubiJavaScript = javaScriptEnabled;
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  try {
    // Sign in.
    await page.goto('/login');
    await checkPage(page, `/login (${mode})`);
    await tabUntil(page, (f) => f.id === 'f-email', 'the email field');
    await page.keyboard.type(emailOf('coordinator'));
    await tabUntil(page, (f) => f.id === 'f-password', 'the password field', { max: 1 });
    await page.keyboard.type(PASSWORD);
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), '/', 'signed in, on the home page');
    await checkPage(page, `/ (${mode})`);

    // Ryhmät, then "Uusi ryhmä".
    await tabUntil(page, (f) => f.inNav && f.href === '/groups', 'Ryhmät in the navigation');
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), '/groups');
    await checkPage(page, `/groups (${mode})`);
    await tabUntil(page, (f) => f.inMain && f.href === '/groups/new', 'the "Uusi ryhmä" link');
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), '/groups/new');
    await checkPage(page, `/groups/new (${mode})`);

    // The form: the Tampere template by typing its name into the select.
    const stops = await tabUntil(page, (f) => f.id === 'f-format', 'the format select');
    assert.ok(stops.at(-2)?.inHeader, `the format select is the first thing in main, after ${describeFocus(stops.at(-2))}`);
    await page.keyboard.type('Tampere');
    assert.equal(await focusedValue(page), 'template-tampere', 'typing "Tampere" chooses the Tampere template');
    const formatName = (await page.locator('#f-format option:checked').innerText()).trim();
    await tabUntil(page, (f) => f.id === 'f-name', 'the name field', { max: 1 });
    await page.keyboard.type(name);
    await tabUntil(page, (f) => f.id === 'f-location', 'the location field', { max: 1 });
    await page.keyboard.type('Hervannan kirjasto, Tampere');
    // Capacity, compensation and status keep their defaults (the template's,
    // open); the first partner is ticked with Space.
    const partner = await tabUntil(page, (f) => f.id.startsWith('partners-'), 'the first partner checkbox');
    const partnerId = partner.at(-1).id;
    const partnerName = (await page.locator(`label[for="${partnerId}"]`).innerText()).trim();
    await page.keyboard.press('Space');
    assert.equal(await page.locator(`#${partnerId}`).isChecked(), true, 'Space ticks the partner');
    await tabUntil(page, (f) => f.tag === 'button' && f.formAction === '/groups', 'the "Tee ryhmä" button');
    await pressAndWait(page, 'Enter');

    // The new group's page.
    const groupPath = pathOf(page);
    assert.match(groupPath, /^\/groups\/[^/?#]+$/, 'creating the group leads to its page');
    assert.equal((await page.locator('h1').innerText()).trim(), name);
    assert.equal((await page.locator('main .flash[role="status"]').innerText()).trim(), 'Ryhmä on tehty.');
    const facts = await page.locator('main dl.facts').innerText();
    for (const fact of [formatName, 'Hervannan kirjasto, Tampere', partnerName, 'Avoinna ohjauksille']) {
      assert.ok(facts.includes(fact), `the group's facts should say "${fact}": ${facts}`);
    }
    // The template's ten places and 9,00 € per meeting attended come with it.
    assert.match(facts, /\b0 \/ 10\b/, "the template's capacity");
    assert.match(facts, /9,00\s€ \/ osallistuttu tapaaminen/, "the template's compensation");
    assert.equal(await page.locator('main .agenda').count(), 0, 'a new group has no meetings yet');
    await checkPage(page, `the new group's page (${mode})`);

    // Generate the schedule: the Monday after next (the form suggests next
    // Monday), Monday and Wednesday, 9.00.
    const firstDate = addDays(await page.locator('#f-first_date').inputValue(), 7);
    await tabUntil(page, (f) => f.id === 'f-first_date', 'the first date', { max: 40 });
    await typeDate(page, firstDate);
    const weekdays = await page.locator('input[name="weekdays"]').evaluateAll((is) => is.map((i) => i.id));
    assert.deepEqual(weekdays, ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => `weekdays-${d}`));
    for (const id of weekdays) {
      await tabUntil(page, (f) => f.id === id, id, { max: 3 });
      const wanted = id === 'weekdays-mon' || id === 'weekdays-wed';
      if ((await page.locator(`#${id}`).isChecked()) !== wanted) await page.keyboard.press('Space');
      assert.equal(await page.locator(`#${id}`).isChecked(), wanted, `#${id} ${wanted ? '' : 'un'}ticked`);
    }
    await tabUntil(page, (f) => f.id === 'f-start_time', 'the start time', { max: 1 });
    await typeTime(page, '09:00');
    await tabUntil(page, (f) => f.tag === 'button' && f.formAction === `${groupPath}/schedule`, 'the "Tee tapaamiset" button', { max: 4 });
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), groupPath, 'back on the group page');
    assert.equal((await page.locator('main .flash[role="status"]').innerText()).trim(), 'Tapaamiset on tehty.');
    const meetings = await scheduleOf(page);
    assert.equal(meetings.length, 5, `the Tampere template's five meetings: ${JSON.stringify(meetings)}`);
    for (const [i, m] of meetings.entries()) {
      assert.match(m.when, /^(maanantai|keskiviikko) .* · 9\.00–12\.00$/, `meeting ${i + 1} is on a Monday or Wednesday at 9.00–12.00`);
      assert.ok(i === 0 ? m.date >= firstDate : m.date > meetings[i - 1].date, `meeting ${i + 1} (${m.date}) comes after ${i === 0 ? firstDate : meetings[i - 1].date}`);
      assert.equal(m.unusual, 0, `meeting ${i + 1} is at the usual time`);
    }
    assert.equal(await page.locator('#f-first_date').count(), 0, 'the schedule form is gone once there are meetings');
    await checkPage(page, `the group's page with its schedule (${mode})`);

    // Open the third meeting (Tab goes on from the schedule heading, the
    // address's #schedule).
    const target = meetings[2];
    await tabUntil(page, (f) => f.inMain && f.href === target.href, `the link of the meeting of ${target.date}`, { max: 40 });
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), target.href);
    await checkPage(page, `the meeting's page (${mode})`);
    assert.equal(await page.locator('main .notice-warning').count(), 0, 'a regular meeting has no notice');

    // Make it an excursion to a fair, 13.00–16.00, with the reason.
    await tabUntil(page, (f) => f.id === 'f-start', 'the start time', { max: 40 });
    await typeTime(page, '13:00');
    await tabUntil(page, (f) => f.id === 'f-end', 'the end time', { max: 3 });
    await typeTime(page, '16:00');
    await tabUntil(page, (f) => f.id === 'f-kind', 'the kind select', { max: 3 });
    await page.keyboard.type('Retki');
    assert.equal(await focusedValue(page), 'excursion', 'typing "Retki" chooses the excursion');
    await tabUntil(page, (f) => f.id === 'f-location', 'the location field', { max: 3 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Tampere-talo, rekrytointimessut');
    await tabUntil(page, (f) => f.id === 'f-reason', 'the reason field', { max: 6 });
    await page.keyboard.type('Messut ovat iltapäivällä.');
    await tabUntil(page, (f) => f.tag === 'button' && f.formAction === target.href, 'the "Tallenna" button', { max: 2 });
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), target.href, 'saving stays on the meeting page');
    assert.equal((await page.locator('main .flash[role="status"]').innerText()).trim(), 'Tapaaminen on tallennettu.');
    const notice = page.locator('main .notice.notice-warning');
    assert.equal(await notice.count(), 1, 'the page warns that the excursion is at another time than usual');
    assert.match(await notice.innerText(), /eri aikaan kuin ryhmän tavalliset tapaamiset/);
    const meetingFacts = await page.locator('main dl.facts').innerText();
    for (const fact of ['13.00–16.00', 'Retki', 'Tampere-talo, rekrytointimessut', 'Messut ovat iltapäivällä.']) {
      assert.ok(meetingFacts.includes(fact), `the meeting's facts should say "${fact}": ${meetingFacts}`);
    }
    await checkPage(page, `the meeting's page after the change (${mode})`);

    // Back to the group by the link above the heading: the badge.
    await tabUntil(page, (f) => f.inMain && f.href === groupPath, 'the link back to the group');
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), groupPath);
    const after = await scheduleOf(page);
    assert.deepEqual(after.map((m) => m.href), meetings.map((m) => m.href), 'the same five meetings');
    for (const m of after) {
      const moved = m.href === target.href;
      assert.equal(m.unusual, moved ? 1 : 0, `${m.when}: ${moved ? 'the excursion has' : 'no'} "Eri aikaan kuin yleensä" badge: ${m.text}`);
      if (moved) {
        assert.match(m.text, /13\.00–16\.00/);
        assert.match(m.text, /Retki/);
        assert.match(m.text, /Eri aikaan kuin yleensä/);
      }
    }
    await checkPage(page, `the group's page after the change (${mode})`);

    // Kalenteri from the navigation: today marked, the group's meetings in
    // their weeks; "Seuraavat viikot" for the rest.
    await tabUntil(page, (f) => f.inNav && f.href === '/calendar', 'Kalenteri in the navigation');
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), '/calendar');
    assert.deepEqual(
      await page.locator('header nav a[aria-current="page"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ['/calendar'],
    );
    const today = page.locator('main [aria-current="date"]');
    assert.equal(await today.count(), 1, 'today is marked with aria-current="date"');
    assert.equal(isoOfFinnish(await today.innerText()), todayInHelsinki(), 'the day marked is today');
    const highlight = await page.locator('main .day.today').evaluate((el) => {
      const s = getComputedStyle(el);
      const page = getComputedStyle(document.body).backgroundColor;
      return { bg: s.backgroundColor, page, border: parseFloat(s.borderLeftWidth) };
    });
    assert.ok(
      highlight.bg !== 'rgba(0, 0, 0, 0)' && highlight.bg !== highlight.page && highlight.border >= 2,
      `today stands out: its own background and a border (${JSON.stringify(highlight)})`,
    );
    await checkPage(page, `/calendar (${mode})`);
    const listed = await checkCalendarRange(page, after, `/calendar (${mode})`);

    const later = await page.locator('main nav.pager a').nth(2).getAttribute('href');
    await tabUntil(page, (f) => f.href === later, 'the "Seuraavat viikot" link');
    await pressAndWait(page, 'Enter');
    assert.equal(pathOf(page), later);
    assert.equal(await page.locator('main [aria-current="date"]').count(), 0, 'today is not in the later weeks');
    await checkPage(page, `${later} (${mode})`);
    for (const [href, text] of await checkCalendarRange(page, after, `${later} (${mode})`)) listed.set(href, text);
    assert.deepEqual([...listed.keys()].sort(), after.map((m) => m.href).sort(), 'the two calendar pages list all five meetings');
    const excursion = listed.get(target.href);
    for (const bit of ['13.00–16.00', 'Retki', 'Tampere-talo, rekrytointimessut', name]) {
      assert.ok(excursion.includes(bit), `the calendar lists the excursion with "${bit}": ${excursion}`);
    }
  } finally {
    await context.close();
  }
}

test('keyboard only at 360×740: a group from the Tampere template, its schedule, an excursion, the calendar', async () => {
  await planAClub({ javaScriptEnabled: true, name: 'Näppäimistöryhmä' });
});

test('the same without JavaScript', async () => {
  await planAClub({ javaScriptEnabled: false, name: 'Ryhmä ilman skriptejä' });
});
