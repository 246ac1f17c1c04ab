// The staff page's Audit page in a real browser (Debian's chromium via playwright-core)
// over the real frontdoor-server and its demo hub, with a server of its own so that the
// trail holds only what this test did. Run by run.sh (ctest: web_browser_test).
// Every wait is for a condition with a timeout; nothing sleeps.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, openBrowser, signIn, apiCall, screensDir, accessibilityProblems, LOGINS, ADMIN_PASSWORD } from './harness.mjs';

const binary = process.env.FRONTDOOR_SERVER;
const sourceDir = process.env.FRONTDOOR_SOURCE ?? path.resolve(import.meta.dirname, '..', '..');
if (!binary) throw new Error('set FRONTDOOR_SERVER to the frontdoor-server program');

const ZONE = 'Europe/London'; // the demo hub's
const hubDate = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));
const ukDate = (iso) => iso.split('-').reverse().join('/');
const MANAGER = 'Sarah Bennett'; // the demo's manager login
const RECEPTION = 'Daniel Hughes'; // the demo's reception login

/** The audit table's rows as the page shows them. */
function rowsOf(page) {
  return page.$$eval('#audit-body tbody tr', (trs) => trs.map((tr) => ({
    action: tr.dataset.action,
    when: tr.querySelector('td.when').textContent,
    who: tr.querySelector('td.who').textContent,
    from: tr.querySelector('td.where').textContent,
    what: tr.querySelector('td.what .label').textContent,
    viewed: Boolean(tr.querySelector('td.what .tag-viewed')),
    failed: tr.classList.contains('audit-failed') && Boolean(tr.querySelector('td.what .tag-failed')),
    detail: tr.querySelector('td.detail').textContent,
  })));
}

describe('audit page', { timeout: 120_000 }, () => {
  let server;
  let manager; // the manager's browser, open all along

  before(async () => {
    server = await startServer({ binary, sourceDir });
    // Someone tries the receptionist's account with a wrong password.
    const failed = await apiCall(server.url, 'POST', '/api/v1/auth/login', {
      body: { username: LOGINS.reception.username, password: 'not-the-password' },
    });
    assert.equal(failed.status, 401);
    manager = await openBrowser(server.url);
  });

  after(async () => {
    await manager?.close();
    if (server) {
      const exit = await server.stop();
      assert.equal(exit.code, 0, 'the server exits 0 on SIGTERM');
    }
  });

  it('shows a manager their own sign-in and their look at the day', async () => {
    const { page } = manager;
    await signIn(page, LOGINS.manager);
    await page.waitForSelector('#day-body tr[data-booking-id]', { timeout: 10_000 });
    assert.equal(await page.isVisible('a[data-nav="audit"]'), true, 'Audit is in the nav for a manager');
    await page.click('a[data-nav="audit"]');
    await page.waitForSelector('#audit-body tbody tr[data-action="read.day"]', { timeout: 10_000 });
    const today = ukDate(hubDate(Date.now()));
    assert.equal(await page.inputValue('#audit-from'), today, 'from today, dd/mm/yyyy');
    assert.equal(await page.inputValue('#audit-to'), today);

    const rows = await rowsOf(page);
    const viewedDay = rows.find((r) => r.action === 'read.day' && r.who === MANAGER);
    assert.ok(viewedDay, JSON.stringify(rows));
    assert.equal(viewedDay.what, 'Viewed the day');
    assert.equal(viewedDay.viewed, true, 'a read carries the "viewed" tag');
    assert.equal(viewedDay.from, '127.0.0.1');
    assert.match(viewedDay.when, new RegExp(`^${today.replaceAll('/', '\\/')} ([01]\\d|2[0-3]):[0-5]\\d$`), 'dd/mm/yyyy HH:MM');
    const signedIn = rows.find((r) => r.action === 'auth.sign_in' && r.who === MANAGER);
    assert.ok(signedIn, JSON.stringify(rows));
    assert.equal(signedIn.what, 'Signed in');
    assert.equal(signedIn.viewed, false, 'a sign-in is no read');
    assert.ok(rows.indexOf(viewedDay) < rows.indexOf(signedIn), 'newest first');

    assert.deepEqual(await accessibilityProblems(page), [], 'WCAG A/AA on the audit page');
  });

  it('filters by another member of staff, and says when nothing matches', async () => {
    const { page } = manager;
    // The receptionist looks at the day (a read about the manager's hub, so theirs to see).
    const desk = await apiCall(server.url, 'POST', '/api/v1/auth/login', { body: LOGINS.reception });
    assert.equal(desk.status, 200);
    const me = await apiCall(server.url, 'GET', '/api/v1/auth/session', { token: desk.json.token });
    const day = await apiCall(server.url, 'GET', `/api/v1/hubs/${me.json.hub_id}/day`, { token: desk.json.token });
    assert.equal(day.status, 200);
    const option = await page.$eval('#audit-staff', (sel, name) =>
      [...sel.options].find((o) => o.textContent.startsWith(name))?.value, RECEPTION);
    assert.ok(option, `${RECEPTION} is in the staff list`);
    await page.selectOption('#audit-staff', option);
    await page.click('#audit-show');
    await page.waitForFunction((id) => location.hash.includes(`staff_id=${id}`), option, { timeout: 5_000 });
    await page.waitForSelector('#audit-body tbody tr[data-action="read.day"]', { timeout: 10_000 });
    const rows = await rowsOf(page);
    assert.ok(!rows.some((r) => r.who === MANAGER), `the manager's own entries are hidden: ${JSON.stringify(rows)}`);
    assert.ok(rows.every((r) => r.who === RECEPTION), `only ${RECEPTION}: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((r) => r.what === 'Viewed the day'), 'their look at the day');

    // A day with nothing in it: the empty sentence.
    await page.fill('#audit-from', '14/03/2025');
    await page.fill('#audit-to', '14/03/2025');
    await page.click('#audit-show');
    await page.waitForSelector('#audit-empty', { timeout: 5_000 });
    assert.equal(await page.textContent('#audit-empty'), 'Nothing was recorded for these days and filters.');
    assert.deepEqual(page.problems, []);
  });

  it('shows an administrator a failed sign-in by someone else, highlighted', async () => {
    const admin = await openBrowser(server.url);
    try {
      const { page } = admin;
      await signIn(page, { username: 'admin', password: ADMIN_PASSWORD });
      assert.equal(await page.isVisible('a[data-nav="audit"]'), true, 'Audit is in the nav for an administrator');
      await page.click('a[data-nav="audit"]');
      await page.waitForSelector('#audit-body tbody tr[data-action="auth.sign_in_failed"]', { timeout: 10_000 });
      const rows = await rowsOf(page);
      const failed = rows.filter((r) => r.action === 'auth.sign_in_failed');
      assert.equal(failed.length, 1, JSON.stringify(rows));
      assert.equal(failed[0].what, 'Failed sign-in');
      assert.equal(failed[0].who, 'Unknown (failed sign-in)');
      assert.equal(failed[0].failed, true, 'highlighted, with its "failed" tag');
      assert.equal(failed[0].detail, LOGINS.reception.username, 'the username tried');
      assert.equal(failed[0].from, '127.0.0.1');
      const desk = rows.find((r) => r.action === 'auth.sign_in' && r.who === RECEPTION);
      assert.equal(desk?.failed, false, 'a good sign-in is not highlighted');
      await page.screenshot({ path: path.join(screensDir(sourceDir), 'audit.png'), fullPage: true });
      assert.deepEqual(await accessibilityProblems(page), [], 'WCAG A/AA on the audit page with every kind of line');
      assert.deepEqual(page.problems, []);
    } finally {
      await admin.close();
    }
  });

  it('says when the list was cut, and shows the server\'s refusal of a bad filter', async () => {
    const { page } = manager;
    await page.goto('/#/audit?limit=1');
    await page.waitForSelector('#audit-more', { timeout: 10_000 });
    assert.equal(await page.textContent('#audit-more'), 'Showing the newest 1 — narrow the dates or filters to see the rest.');
    assert.equal((await page.$$('#audit-body tbody tr')).length, 1);

    // The last day before the first: refused by the server, its message in the error box.
    const cookie = (await manager.context.cookies()).find((c) => c.name === 'fd_session');
    const refused = await apiCall(server.url, 'GET', '/api/v1/audit?from=2027-03-14&to=2027-03-13', { cookie: `fd_session=${cookie.value}` });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.code, 'invalid_field');
    await page.fill('#audit-from', '14/03/2027');
    await page.fill('#audit-to', '13/03/2027');
    await page.click('#audit-show');
    await page.waitForSelector('#audit-error', { timeout: 5_000 });
    const shown = await page.textContent('#audit-error');
    assert.ok(shown.includes(refused.json.error.message.slice(1)), `"${shown}" gives the server's "${refused.json.error.message}"`);
    assert.equal(await page.$('#audit-body tbody tr'), null, 'no table under a refusal');

    // A date written the American way is refused before anything is sent.
    await page.fill('#audit-from', '03/14/2027');
    await page.click('#audit-show');
    await page.waitForSelector('#audit-error:has-text("Write the first day as dd/mm/yyyy")', { timeout: 5_000 });
    assert.deepEqual(page.problems, []);
  });

  it('keeps the audit trail from a receptionist, on the page and at the server', async () => {
    const desk = await openBrowser(server.url);
    try {
      const { page } = desk;
      await signIn(page, LOGINS.reception);
      await page.waitForSelector('#day-title', { timeout: 10_000 });
      assert.equal(await page.isVisible('a[data-nav="audit"]'), false, 'no Audit link');
      await page.goto('/#/audit');
      await page.waitForSelector('#audit-error', { timeout: 5_000 });
      assert.equal(await page.textContent('#audit-error'), 'Only managers and administrators can read the audit trail.');
      assert.equal(await page.$('#audit-filters, #audit-body table'), null, 'no filters, no table');
      const cookie = (await desk.context.cookies()).find((c) => c.name === 'fd_session');
      const refused = await apiCall(server.url, 'GET', '/api/v1/audit', { cookie: `fd_session=${cookie.value}` });
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'forbidden');
    } finally {
      await desk.close();
    }
  });
});
