// htmx only enhances: revoking an API token swaps the token's row in place
// (focus moves to its new status), and the same button works without JavaScript.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useKlubi, emailOf, signIn, clickAndWait, pathOf, expectNoAxeViolations, PASSWORD } from './harness.mjs';

const k = useKlubi();

async function createToken(page, name) {
  await page.goto('/account');
  await page.locator('#f-name').fill(name);
  // The page asks the password again before it makes a token.
  await page.locator('#f-token_password').fill(PASSWORD);
  await clickAndWait(page, page.locator('form[action="/account/tokens"] button[type="submit"]'));
  assert.match(await page.locator('#new-token').inputValue(), /^klubi_/);
}

test('with JavaScript, revoking swaps the row without leaving the page', async () => {
  const { context, page } = await k.newPage();
  await signIn(page, emailOf('coach'));
  await createToken(page, 'Integraatio');
  await page.goto('/account');
  await page.evaluate(() => { window.__samePage = true; });
  const row = page.locator('tbody tr', { hasText: 'Integraatio' });
  await row.locator('button').focus();
  await page.keyboard.press('Enter');
  await row.locator('[data-autofocus]').waitFor();
  // htmx fires htmx:load (which moves focus) after its settle delay, a moment after the swap.
  await page.waitForFunction(() => document.activeElement?.hasAttribute('data-autofocus'), null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => window.__samePage), true, 'no page load');
  assert.equal(pathOf(page), '/account');
  const focusedText = await page.evaluate(() => document.activeElement.textContent.trim());
  assert.equal(focusedText, 'Poistettu käytöstä', 'focus moves to the new status');
  await expectNoAxeViolations(page, '/account after an htmx swap');
  await context.close();
});

test('without JavaScript, the same button revokes through a redirect', async () => {
  const { context, page } = await k.newPage({ javaScriptEnabled: false });
  await signIn(page, emailOf('casemanager'));
  await createToken(page, 'Ilman skriptiä');
  await page.goto('/account');
  const row = page.locator('tbody tr', { hasText: 'Ilman skriptiä' });
  await clickAndWait(page, row.locator('button'));
  assert.equal(pathOf(page), '/account');
  assert.match(await page.locator('.flash').innerText(), /Avain on poistettu käytöstä/);
  assert.match(await row.innerText(), /Poistettu käytöstä/);
  await context.close();
});
