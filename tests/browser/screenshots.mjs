// Screenshots of each demo role's home page, in Finnish, at 1280×800 and
// 360×740: docs/screenshots/home-<role>-<width>.png. Run it through
// scripts/screenshots, which builds the binary first; or by hand:
//
//   KLUBI_BIN=target/debug/klubi node tests/browser/screenshots.mjs [output dir]
//
// It always uses SQLite (a fresh temp data directory), whatever KLUBI_TEST_DB says.

import { mkdir } from 'node:fs/promises';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, signIn, emailOf, htmlLang, ROLES, DESKTOP, MOBILE } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, '..', '..', 'docs', 'screenshots'));

async function main() {
  await mkdir(outDir, { recursive: true });
  const server = await startServer({ db: 'sqlite' });
  let browser;
  try {
    browser = await launchBrowser();
    for (const role of ROLES) {
      const context = await browser.newContext({
        viewport: DESKTOP,
        baseURL: server.url,
        locale: 'fi-FI',
        reducedMotion: 'reduce',
      });
      try {
        const page = await context.newPage();
        await signIn(page, emailOf(role));
        const lang = await htmlLang(page);
        if (lang !== 'fi') throw new Error(`${role}'s home page is in ${lang}, not Finnish`);
        for (const viewport of [DESKTOP, MOBILE]) {
          await page.setViewportSize(viewport);
          await page.goto('/');
          // Nothing hovered or focused: the pointer still sits where the
          // sign-in button was.
          await page.mouse.move(0, 0);
          await page.evaluate(() => document.fonts.ready);
          const file = join(outDir, `home-${role}-${viewport.width}.png`);
          await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
          console.log(file);
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser?.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
