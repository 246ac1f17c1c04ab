// The staff page in a real browser (Debian's chromium via playwright-core) against the
// real frontdoor-server with the demo hub, on loopback with a port of the system's
// choosing. Run by run.sh (ctest: web_browser_test) as:
//   FRONTDOOR_SERVER=/path/to/frontdoor-server FRONTDOOR_SOURCE=/path/to/repo node --test
// Every wait is for a condition with a timeout; nothing sleeps.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, openBrowser, signIn, apiCall, screensDir, accessibilityProblems, LOGINS, ADMIN_PASSWORD } from './harness.mjs';

const binary = process.env.FRONTDOOR_SERVER;
const sourceDir = process.env.FRONTDOOR_SOURCE ?? path.resolve(import.meta.dirname, '..', '..');
if (!binary) throw new Error('set FRONTDOOR_SERVER to the frontdoor-server program');

const row = (id) => `#day-body tr[data-booking-id="${id}"]`;

describe('staff page', { timeout: 180_000 }, () => {
  let server;
  let desk; // the receptionist's browser, open all along like the one at the desk
  let hubId;
  let shots;
  let seenId;

  before(async () => {
    server = await startServer({ binary, sourceDir });
    desk = await openBrowser(server.url);
    shots = screensDir(sourceDir);
    const login = await apiCall(server.url, 'POST', '/api/v1/auth/login', { body: LOGINS.reception });
    assert.equal(login.status, 200, 'the demo reception login works');
    const me = await apiCall(server.url, 'GET', '/api/v1/auth/session', { token: login.json.token });
    hubId = me.json.hub_id;
    assert.ok(hubId, 'reception belongs to the demo hub');
  });

  after(async () => {
    await desk?.close();
    if (server) {
      const exit = await server.stop();
      assert.equal(exit.code, 0, 'the server exits 0 on SIGTERM');
    }
  });

  it('signs in with the keyboard alone and shows today\'s appointments', async () => {
    const { page } = desk;
    await page.goto('/');
    await page.waitForSelector('#signin-username', { state: 'visible', timeout: 10_000 });
    assert.deepEqual(await accessibilityProblems(page), [], 'WCAG A/AA on the sign-in page');
    // The cookie is HttpOnly: the page's scripts never see the session token.
    await page.focus('#signin-username');
    await page.keyboard.type(LOGINS.reception.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(LOGINS.reception.password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#day-title', { timeout: 10_000 });
    assert.match(await page.textContent('#day-title'), /^Today/);
    await page.waitForSelector('#day-body tr[data-booking-id]', { timeout: 10_000 });
    assert.ok((await page.$$('#day-body tr[data-booking-id]')).length > 0, 'today has appointments');
    assert.equal(await page.evaluate(() => document.cookie), '', 'no cookie is visible to scripts');
    const cookies = await desk.context.cookies();
    const session = cookies.find((c) => c.name === 'fd_session');
    assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
    assert.equal(session.sameSite, 'Strict');
    await page.waitForSelector('#live-state[data-mode="live"]', { timeout: 10_000 });

    await page.screenshot({ path: path.join(shots, 'day-by-room.png'), fullPage: true });
    assert.deepEqual(await accessibilityProblems(page), [], 'WCAG A/AA on the day view');
    await page.click('label[for="day-view-list"]');
    await page.waitForSelector('#day-body th.c-room', { timeout: 5_000 });
    await page.screenshot({ path: path.join(shots, 'day-list.png'), fullPage: true });
    await page.click('label[for="day-view-staff"]');
    await page.waitForSelector('#day-body th.c-room', { timeout: 5_000 });
    await page.click('label[for="day-view-room"]');
    await page.waitForSelector('#day-body th.c-staff', { timeout: 5_000 });
  });

  it('marks an appointment seen, and it stays seen after a reload', async () => {
    const { page } = desk;
    let target = await page.$('#day-body tr:has(button[data-action="seen"])');
    if (!target) {
      const booked = await page.$('#day-body tr:has(button[data-action="arrived"])');
      assert.ok(booked, 'an appointment to work with');
      const id = await booked.getAttribute('data-booking-id');
      await page.click(`${row(id)} button[data-action="arrived"]`);
      await page.waitForSelector(`${row(id)}[data-status="arrived"]`, { timeout: 5_000 });
      target = await page.$(row(id));
    }
    seenId = await target.getAttribute('data-booking-id');
    // With the keyboard: focus the button, press Enter.
    await page.focus(`${row(seenId)} button[data-action="seen"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${row(seenId)}[data-status="seen"]`, { timeout: 5_000 });
    assert.match(await page.textContent(`${row(seenId)} .badge`), /Seen/);
    await page.reload();
    await page.waitForSelector(`${row(seenId)}[data-status="seen"]`, { timeout: 10_000 });
  });

  it('shows a kiosk check-in on the open page within 2 seconds', async () => {
    const { page } = desk;
    const login = await apiCall(server.url, 'POST', '/api/v1/auth/login', { body: LOGINS.reception });
    assert.equal(login.status, 200);
    const today = await page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('date'));
    const day = await apiCall(server.url, 'GET', `/api/v1/hubs/${hubId}/day${today ? `?date=${today}` : ''}`, { token: login.json.token });
    assert.equal(day.status, 200);
    const booked = day.json.appointments.find((a) => a.status === 'booked' && String(a.booking_id) !== seenId);
    assert.ok(booked, 'a booked appointment to check in');
    await page.waitForSelector(`${row(booked.booking_id)}[data-status="booked"]`, { timeout: 5_000 });
    await page.waitForSelector('#live-state[data-mode="live"]', { timeout: 10_000 });

    const t0 = Date.now();
    const checkin = await apiCall(server.url, 'POST', '/api/v1/checkins', {
      token: server.kioskToken, body: { hub_id: hubId, reference: booked.reference },
    });
    assert.equal(checkin.status, 200, JSON.stringify(checkin.json));
    await page.waitForSelector(`${row(booked.booking_id)}[data-status="arrived"]`, { timeout: 2_000 });
    const took = Date.now() - t0;
    assert.ok(took < 2000, `arrival shown after ${took} ms`);
    await page.waitForSelector(`${row(booked.booking_id)} .waiting`, { timeout: 2_000 });
    assert.match(await page.textContent(`${row(booked.booking_id)} .waiting`), /^waiting/);
  });

  it('books a family in at the first free time', async () => {
    const { page } = desk;
    const services = await apiCall(server.url, 'GET', `/api/v1/hubs/${hubId}/services`, { token: server.kioskToken });
    assert.equal(services.status, 200);
    const service = services.json.services.find((s) => s.kind === 'appointment');
    assert.ok(service, 'an appointment service');
    // The first of the next days with a free time (the demo's diaries fill up over the day).
    let day = null;
    for (let i = 1; i <= 14 && !day; i++) {
      const d = new Date(Date.now() + i * 86_400_000).toISOString().slice(0, 10);
      const free = await apiCall(server.url, 'GET', `/api/v1/availability?hub_id=${hubId}&service_id=${service.id}&from=${d}&to=${d}`, { token: server.kioskToken });
      if (free.status === 200 && free.json.slots.length) day = d;
    }
    assert.ok(day, 'a day with free times in the next two weeks');
    await page.click('a[data-nav="book"]');
    await page.waitForSelector('#book-service', { timeout: 5_000 });
    await page.selectOption('#book-service', String(service.id));
    await page.fill('#book-date', day);
    await page.click('text=Find times');
    await page.waitForSelector('#book-slots input[name="slot"]:checked', { timeout: 5_000 });
    await page.fill('#book-first_name', 'Ada');
    await page.fill('#book-last_name', 'Lovelace');
    await page.fill('#book-date_of_birth', '1990-12-10');
    await page.click('form[aria-labelledby="book-title"] button[type="submit"]');
    await page.waitForSelector('#book-result .reference strong', { timeout: 5_000 });
    assert.match(await page.textContent('#book-result .reference strong'), /^[A-Z2-9]{8}$/);
    await page.click('a[data-nav="day"]');
    await page.waitForSelector('#day-body tr[data-booking-id]', { timeout: 10_000 });
  });

  it('prints a clean day sheet for one room', async () => {
    const { page } = desk;
    const choice = await page.$eval('#sheet-for', (s) => s.options[0]?.value);
    assert.ok(choice?.startsWith('room:'), 'a room to print for');
    await page.selectOption('#sheet-for', choice);
    await page.click('#sheet-open');
    await page.waitForSelector('.sheet .sheet-table, .sheet .empty', { timeout: 5_000 });
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('#topbar'), false, 'no navigation on paper');
    assert.equal(await page.isVisible('#print-sheet'), false, 'no buttons on paper');
    await page.setViewportSize({ width: 1123, height: 794 }); // A4 landscape at 96 dpi
    await page.screenshot({ path: path.join(shots, 'day-sheet-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/#/day');
    await page.waitForSelector('#day-body tr[data-booking-id]', { timeout: 10_000 });
  });

  it('keeps set-up from a receptionist, on the page and at the server', async () => {
    const { page } = desk;
    assert.equal(await page.isVisible('a[data-nav="setup"]'), false, 'no set-up link');
    await page.goto('/#/setup');
    await page.waitForSelector('#setup-denied', { timeout: 5_000 });
    const cookie = (await desk.context.cookies()).find((c) => c.name === 'fd_session');
    const session = await apiCall(server.url, 'GET', '/api/v1/auth/session', { cookie: `fd_session=${cookie.value}` });
    assert.equal(session.status, 200);
    const refused = await apiCall(server.url, 'POST', `/api/v1/hubs/${hubId}/rooms`, {
      cookie: `fd_session=${cookie.value}`, csrf: session.json.csrf_token, body: { name: 'Broom cupboard' },
    });
    assert.equal(refused.status, 403);
    const noCsrf = await apiCall(server.url, 'POST', `/api/v1/bookings/${seenId}/status`, {
      cookie: `fd_session=${cookie.value}`, body: { status: 'cancelled' },
    });
    assert.equal(noCsrf.status, 403, 'a change without the CSRF header is refused');
    await page.goto('/#/day');
    await page.waitForSelector('#day-body tr[data-booking-id]', { timeout: 10_000 });
  });

  it('opens set-up for a manager', async () => {
    const manager = await openBrowser(server.url);
    try {
      await signIn(manager.page, LOGINS.manager);
      assert.equal(await manager.page.isVisible('a[data-nav="setup"]'), true);
      await manager.page.click('a[data-nav="setup"]');
      await manager.page.waitForSelector('#setup-rooms', { timeout: 5_000 });
      await manager.page.screenshot({ path: path.join(shots, 'setup-rooms.png'), fullPage: true });
      assert.deepEqual(await accessibilityProblems(manager.page), [], 'WCAG A/AA on set-up');
      assert.deepEqual(manager.page.problems, []);
    } finally {
      await manager.close();
    }
  });

  it('lets an admin create a kiosk, shows its token once, and revokes it', async () => {
    const admin = await openBrowser(server.url);
    try {
      const { page } = admin;
      await signIn(page, { username: 'admin', password: ADMIN_PASSWORD });
      await page.goto('/#/setup?tab=kiosks');
      await page.waitForSelector('#setup-kiosks form', { timeout: 5_000 });
      await page.fill('#setup-kiosks form input[name="name"]', 'Side door');
      await page.click('#setup-kiosks form button[type="submit"]');
      await page.waitForSelector('#kiosk-token-value', { timeout: 5_000 });
      const token = await page.inputValue('#kiosk-token-value');
      assert.match(token, /^[0-9a-f]{32,}$/);
      const me = await apiCall(server.url, 'GET', '/api/v1/kiosks/me', { token });
      assert.equal(me.status, 200);
      assert.equal(me.json.name, 'Side door');
      await page.click('text=Done, hide it');
      await page.waitForSelector('#setup-kiosks table', { timeout: 5_000 });
      assert.equal(await page.isVisible('#kiosk-token-value'), false, 'the token is gone once hidden');
      page.once('dialog', (d) => d.accept());
      await page.click('#setup-kiosks button[aria-label="Revoke: Side door"]');
      await page.waitForFunction(() => !document.querySelector('#setup-kiosks button[aria-label="Revoke: Side door"]'), null, { timeout: 5_000 });
      const after = await apiCall(server.url, 'GET', '/api/v1/kiosks/me', { token });
      assert.equal(after.status, 401, 'a revoked kiosk is refused');
      assert.deepEqual(page.problems, []);
    } finally {
      await admin.close();
    }
  });

  it('signs out, and the old cookie gets 401', async () => {
    const { page } = desk;
    const old = (await desk.context.cookies()).find((c) => c.name === 'fd_session');
    assert.ok(old);
    await page.click('#sign-out');
    await page.waitForSelector('#signin-form', { state: 'visible', timeout: 5_000 });
    const after = await apiCall(server.url, 'GET', '/api/v1/auth/session', { cookie: `fd_session=${old.value}` });
    assert.equal(after.status, 401);
    assert.deepEqual(page.problems, [], 'no script errors or CSP violations');
  });
});
