// Shared harness of Klubi's browser tests (see README.md).
//
//   import { useKlubi, signIn, expectNoAxeViolations, expectNoHorizontalScroll } from './harness.mjs';
//   const k = useKlubi();          // before(): server + Chromium; after(): both stopped
//   test('…', async () => { const { page } = await k.newPage(); … });
//
// Keyboard helpers: focused(page), tabUntil(page, wanted, what), pressAndWait(page, key).
//
// Each test file gets its own `klubi serve --demo` (fresh data directory, or a
// fresh PostgreSQL database when KLUBI_TEST_DB=postgres) and its own Chromium.

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const run = promisify(execFile);

export const PASSWORD = 'klubi-demo';

/** The six demo accounts, by role. */
export const ROLES = ['admin', 'coordinator', 'coach', 'casemanager', 'specialist', 'participant'];
export const emailOf = (role) => `${role}@demo.invalid`;

/** Each language's code and the label of its button in the header's switch. */
export const LANGUAGES = [
  { code: 'fi', label: 'Suomi' },
  { code: 'sv', label: 'Svenska' },
  { code: 'en', label: 'English' },
];

/**
 * The instant every test's klubi starts its clock at (KLUBI_CLOCK_START; it
 * runs on in real time from there): Monday 23 November 2026, 10.00 in
 * Helsinki, the same instant as the cargo tests' TEST_NOW. No test depends on
 * the day the suite runs: dates are reckoned from this one.
 */
export const CLOCK_START = '2026-11-23T08:00:00Z';

/** The app's today in Helsinki (its time zone) plus `days`, as YYYY-MM-DD. */
export function helsinkiDate(days = 0) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date(CLOCK_START));
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export const MOBILE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Debian's Chromium, never a downloaded one; CI runs as root with no network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const STARTUP_TIMEOUT_MS = 90_000;

// ---------------------------------------------------------------------------
// The server

async function createPgDatabase() {
  const adminUrl = process.env.KLUBI_TEST_PG_URL;
  if (!adminUrl) {
    throw new Error('KLUBI_TEST_DB=postgres needs KLUBI_TEST_PG_URL (source scripts/pg-start)');
  }
  const name = `klubi_b_${randomBytes(6).toString('hex')}`;
  await run('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `CREATE DATABASE ${name}`]);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    await run('psql', [adminUrl, '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]).catch(
      (e) => console.error(`could not drop ${name}: ${e.message}`),
    );
  };
  return { url: url.toString(), drop };
}

/**
 * Starts `klubi serve --demo` on a free port; resolves once it prints its
 * listening line. `db` is sqlite (a fresh temp data directory) or postgres (a
 * fresh database on KLUBI_TEST_PG_URL's server); KLUBI_TEST_DB by default.
 * Returns { url, stop, output(), db }.
 */
/** A TCP port nothing listens on just now. */
async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer({ db = process.env.KLUBI_TEST_DB || 'sqlite', env: extraEnv = {} } = {}) {
  const bin = process.env.KLUBI_BIN;
  if (!bin) throw new Error('KLUBI_BIN must be the path of the klubi binary (cargo build --bin klubi)');
  if (db !== 'sqlite' && db !== 'postgres') throw new Error(`KLUBI_TEST_DB=${db}: sqlite or postgres`);

  const pg = db === 'postgres' ? await createPgDatabase() : null;
  const dataDir = await mkdtemp(join(tmpdir(), 'klubi-browser-'));
  const env = { ...process.env, KLUBI_CLOCK_START: CLOCK_START, ...extraEnv, KLUBI_DATA_DIR: dataDir };
  delete env.KLUBI_DATABASE_URL;
  if (pg) env.KLUBI_DATABASE_URL = pg.url;

  // Mail needs the public address its links point at (klubi refuses to
  // start with SMTP but without one): this server's own, on a port found free.
  let addr = '127.0.0.1:0';
  if (env.KLUBI_SMTP_URL) {
    addr = `127.0.0.1:${await freePort()}`;
    env.KLUBI_PUBLIC_URL = `http://${addr}`;
  }
  const child = spawn(bin, ['serve', '--demo', '--addr', addr], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  let log = '';
  const keep = (b) => {
    log += b.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => liveChildren.delete(child));

  const cleanup = async () => {
    await rm(dataDir, { recursive: true, force: true });
    if (pg) await pg.drop();
  };

  let url;
  try {
    url = await new Promise((resolve, reject) => {
      let out = '';
      let listening = false;
      const timer = setTimeout(
        () => reject(new Error(`klubi did not print its listening line within ${STARTUP_TIMEOUT_MS} ms`)),
        STARTUP_TIMEOUT_MS,
      );
      child.stdout.on('data', (b) => {
        if (listening) return keep(b);
        out += b.toString();
        const m = /^Klubi listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(out);
        if (m) {
          listening = true;
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`klubi exited (code ${code}, signal ${signal}) before listening`));
      });
    });
  } catch (e) {
    // A binary that could not start at all has no pid and may never emit 'exit'.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    liveChildren.delete(child);
    await cleanup();
    throw new Error(`${e.message}\n--- klubi's output ---\n${log.slice(-5000)}`);
  }

  let stopped = null;
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      await cleanup();
    })();
    return stopped;
  };
  const running = () => child.exitCode === null && child.signalCode === null;
  return { url, stop, running, output: () => log, db };
}

// ---------------------------------------------------------------------------
// Mail: the real SMTP server of scripts/smtp_sink.py

/**
 * Starts scripts/smtp_sink.py on a free port. Returns { url, messagesTo(address),
 * waitFor(address, count), stop() }; messages come back as { subject, text }
 * with the body decoded (quoted-printable or base64), in arrival order.
 */
export async function startSmtpSink() {
  const dir = await mkdtemp(join(tmpdir(), 'klubi-mail-'));
  const script = new URL('../../scripts/smtp_sink.py', import.meta.url).pathname;
  const child = spawn('python3', [script, '--dir', dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  liveChildren.add(child);
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b) => {
      out += b.toString();
      const m = /^PORT (\d+)/m.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error('scripts/smtp_sink.py exited before printing its port')));
  });
  const messagesTo = (address) => {
    const names = readdirSync(dir).filter((n) => n.endsWith('.eml')).sort();
    return names
      .filter((n) => readFileSync(join(dir, n.replace(/\.eml$/, '.rcpt')), 'utf8')
        .split('\n').some((l) => l.trim().toLowerCase() === address.toLowerCase()))
      .map((n) => decodeMail(readFileSync(join(dir, n), 'utf8')));
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messagesTo,
    async waitFor(address, count = 1) {
      for (let i = 0; i < 150; i++) {
        const got = messagesTo(address);
        if (got.length >= count) return got;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no mail to ${address} arrived at the SMTP server`);
    },
    async stop() {
      child.kill('SIGTERM');
      liveChildren.delete(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Subject and plain-text body of a single-part mail as lettre writes them. */
function decodeMail(raw) {
  const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).trim();
  const header = (name) => (new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head) ?? [])[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').trim().toLowerCase();
  let text = body;
  if (encoding === 'base64') {
    text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  } else if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    text = Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return { subject: header('Subject'), text: text.replace(/\r\n/g, '\n') };
}

// If the runner exits without running after() (e.g. it was interrupted),
// take the servers down with it.
const liveChildren = new Set();
process.once('exit', () => {
  for (const c of liveChildren) c.kill('SIGKILL');
});
// A runner that times a file out sends SIGTERM: take the servers down then too.
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.once(sig, () => {
    for (const c of liveChildren) c.kill('SIGKILL');
    process.exit(128 + (sig === 'SIGTERM' ? 15 : 2));
  });
}

// ---------------------------------------------------------------------------
// The browser

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Registers before()/after() hooks that start a server and Chromium for this
 * test file and stop both afterwards; `setup(k)`, if given, runs once both are
 * up. Returns an object filled in by before(): { base, server, browser, newPage(options) }.
 */
export function useKlubi({ setup, smtp = false } = {}) {
  const k = {
    base: null,
    server: null,
    browser: null,
    /** With `smtp: true`, the SMTP sink klubi sends its mail to (see startSmtpSink). */
    mail: null,
    /** A page in a fresh context (own cookies), 360×740 unless told. */
    async newPage(options = {}) {
      const context = await k.browser.newContext({
        viewport: MOBILE,
        baseURL: k.base,
        reducedMotion: 'reduce',
        ...options,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.setDefaultNavigationTimeout(30_000);
      return { context, page };
    },
  };
  before(async () => {
    if (smtp) k.mail = await startSmtpSink();
    const env = k.mail ? { KLUBI_SMTP_URL: k.mail.url } : {};
    // Both at once: Chromium starts while klubi loads its demo data.
    const [server, browser] = await Promise.allSettled([startServer({ env }), launchBrowser()]);
    if (server.status === 'fulfilled') k.server = server.value;
    if (browser.status === 'fulfilled') k.browser = browser.value;
    if (server.status === 'rejected' || browser.status === 'rejected') {
      await k.browser?.close();
      await k.server?.stop();
      await k.mail?.stop();
      throw server.reason ?? browser.reason;
    }
    k.base = k.server.url;
    // Here rather than in a before() of the test file: Node 20 starts
    // top-level before() hooks as they are registered, without waiting for
    // the ones registered earlier.
    if (setup) await setup(k);
  });
  after(async () => {
    await k.browser?.close().catch(() => {});
    const crashed = k.server && !k.server.running();
    await k.server?.stop();
    await k.mail?.stop();
    if (crashed) {
      throw new Error(`klubi stopped during the tests:\n${k.server.output().slice(-5000)}`);
    }
  });
  return k;
}

// ---------------------------------------------------------------------------
// Helpers for pages

/** Path and query of the page's URL. */
export function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

/** Clicks something that submits a form or follows a link, and waits for the new page. */
export async function clickAndWait(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
  return response;
}

/** Signs in through /login with the demo password; ends on the home page. */
export async function signIn(page, email, password = PASSWORD) {
  await page.goto('/login');
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await clickAndWait(page, page.locator('main form[action="/login"] button[type="submit"]'));
  assert.equal(
    pathOf(page),
    '/',
    `signing in as ${email} should land on the home page, not ${page.url()}`,
  );
}

/** Signs out with the header's button; ends on /login. */
export async function signOut(page) {
  await clickAndWait(page, page.locator('form.logout button[type="submit"]'));
  assert.equal(pathOf(page), '/login');
}

/** The language of the page: <html lang>. */
export const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

/**
 * Switches the language with the header's button (the current language has no
 * button), then checks the page came back in that language.
 */
export async function switchLanguage(page, code) {
  const lang = LANGUAGES.find((l) => l.code === code);
  assert.ok(lang, `unknown language ${code}`);
  if ((await htmlLang(page)) === code) {
    assert.equal(
      await page.locator('form.language-switch button', { hasText: lang.label }).count(),
      0,
      `the switch should not offer ${lang.label}, the page's own language`,
    );
    return;
  }
  const before = pathOf(page);
  await clickAndWait(page, page.locator('form.language-switch').getByRole('button', { name: lang.label, exact: true }));
  assert.equal(await htmlLang(page), code, `after pressing "${lang.label}" the page should be in ${code}`);
  assert.equal(pathOf(page), before, 'the language switch should come back to the same page');
}

/** Readable text of axe's violations, one block per rule and node. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const summary = (n.failureSummary || '').replace(/\n/g, '\n        ');
          return `    - ${n.target.join(' ')}\n      ${n.html.replace(/\s+/g, ' ').slice(0, 300)}\n        ${summary}`;
        })
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Runs axe (WCAG 2.2 A/AA tags) on the page and fails on any violation. */
export async function expectNoAxeViolations(page, where = pathOf(page)) {
  // Three things only for speed (a page costs ~0.4 s instead of ~0.9 s); the
  // rules and tags are the same:
  // - axe-core's minified build, not the 1.3 MB readable one, is sent to the page;
  // - resultTypes: passes and inapplicable rules are reported without every
  //   node they looked at (violations still list every node);
  // - legacy mode runs axe.run() in the page itself, where the default mode
  //   runs axe.runPartial() in each frame and axe.finishRun() in a blank page
  //   it opens for the purpose, which matters only for cross-origin iframes
  //   (Klubi has none).
  const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
    .options({ resultTypes: ['violations'] })
    .withTags(AXE_TAGS)
    .setLegacyMode(true)
    .analyze();
  const vs = results.violations;
  assert.ok(
    vs.length === 0,
    `axe found ${vs.length} violation(s) on ${where}:\n${formatViolations(vs)}`,
  );
}

/** Fails if the page scrolls sideways; names the elements that stick out. */
export async function expectNoHorizontalScroll(page, where = pathOf(page)) {
  const r = await page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits = [];
    if (scrollWidth > width) {
      const name = (el) =>
        el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
        (el.classList.length ? `.${[...el.classList].join('.')}` : '');
      for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 0.5) {
          culprits.push(`${name(el)} (right edge at ${Math.round(box.right)} px)`);
        } else if (
          el.scrollWidth > el.clientWidth + 1 &&
          box.left + el.scrollWidth > width + 0.5 &&
          getComputedStyle(el).overflowX === 'visible'
        ) {
          // The box fits but its content spills out (a long word, <pre>).
          culprits.push(`${name(el)} (content ${el.scrollWidth} px wide in a ${el.clientWidth} px box)`);
        }
        if (culprits.length >= 10) break;
      }
    }
    return { width, scrollWidth, culprits };
  });
  assert.ok(
    r.scrollWidth <= r.width,
    `${where} scrolls sideways at ${r.width} px: content is ${r.scrollWidth} px wide.\n` +
      `  Elements past the right edge:\n    ${r.culprits.join('\n    ')}`,
  );
}

/** Fails unless the page has exactly one h1; returns its text. */
export async function expectOneH1(page, where = pathOf(page)) {
  const texts = await page.locator('h1').allTextContents();
  assert.equal(texts.length, 1, `${where} should have exactly one h1, has ${texts.length}: ${JSON.stringify(texts)}`);
  assert.ok(texts[0].trim().length > 0, `${where}: the h1 is empty`);
  return texts[0].trim();
}

/** The hrefs of the signed-in navigation, in order. */
export async function navLinks(page) {
  return page.locator('header nav[aria-label] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
}

// ---------------------------------------------------------------------------
// The keyboard

/** What has focus: enough to assert on and to print. */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', text: '', inHeader: false, inMain: false };
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      href: el.getAttribute('href'),
      type: el.getAttribute('type'),
      className: el.className,
      text: (el.innerText || el.value || '').trim().slice(0, 60),
      // The action of the form a button or field belongs to.
      formAction: el.form ? el.form.getAttribute('action') : null,
      inHeader: !!el.closest('header'),
      inNav: !!el.closest('header nav'),
      inMain: !!el.closest('main'),
      // A focus indicator: an outline (app.css uses outline plus a box-shadow).
      indicator: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      onScreen: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 &&
        box.bottom <= window.innerHeight && box.right <= window.innerWidth,
    };
  });
}

export const describeFocus = (f) =>
  `<${f.tag}${f.id ? ` id="${f.id}"` : ''}${f.href ? ` href="${f.href}"` : ''}${f.className ? ` class="${f.className}"` : ''}> "${f.text}"`;

/**
 * Presses Tab (or `key`, e.g. Shift+Tab) until `wanted(focus)` holds, at most
 * `max` times; checks every stop on the way shows where focus is. Returns the
 * stops, the wanted one last.
 */
export async function tabUntil(page, wanted, what, { max = 30, key = 'Tab' } = {}) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    stops.push(f);
    assert.ok(f.tag !== 'body', `${key} #${i + 1} left the page on the way to ${what}; stops: ${stops.map(describeFocus).join(', ')}`);
    assert.ok(f.indicator, `focus is not visible on ${describeFocus(f)} (on the way to ${what})`);
    assert.ok(f.onScreen, `the focused ${describeFocus(f)} is not on screen (on the way to ${what})`);
    if (wanted(f)) return stops;
  }
  assert.fail(`${max} presses of ${key} did not reach ${what}; stops: ${stops.map(describeFocus).join(', ')}`);
}

/** Presses a key that submits a form or follows a link, and waits for the new page. */
export async function pressAndWait(page, key) {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
  return res;
}
