// The staff page in a real browser (Debian's chromium via playwright-core) against the
// real frontdoor-server with the demo hub, on loopback with a port of the system's
// choosing. Run by run.sh (ctest: web_browser_test) as:
//   FRONTDOOR_SERVER=/path/to/frontdoor-server FRONTDOOR_SOURCE=/path/to/repo node --test
// Every wait is for a condition with a timeout; nothing sleeps.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, openBrowser, signIn, apiCall, screensDir, accessibilityProblems, sqlite, LOGINS, ADMIN_PASSWORD } from './harness.mjs';

const binary = process.env.FRONTDOOR_SERVER;
const sourceDir = process.env.FRONTDOOR_SOURCE ?? path.resolve(import.meta.dirname, '..', '..');
if (!binary) throw new Error('set FRONTDOOR_SERVER to the frontdoor-server program');

const row = (id) => `#day-body tr[data-booking-id="${id}"]`;
const ZONE = 'Europe/London'; // the demo hub's

/** The hub's calendar date of an instant (ms), as YYYY-MM-DD. */
const hubDate = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));
/** YYYY-MM-DD -> 14/03/2027, what the page must show whatever the browser's locale. */
const ukDate = (iso) => iso.split('-').reverse().join('/');
/** The first instant (s) of the hub's today. */
function startOfHubToday(nowMs) {
  const [y, m, d] = hubDate(nowMs).split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d) / 1000;
  // London is UTC or UTC+1: midnight there is the one of these two on that date.
  return [utcMidnight - 3600, utcMidnight].find((t) => hubDate(t * 1000) === hubDate(nowMs));
}

/**
 * The test's own rows over the demo day, whatever the time it runs at: Alfie's
 * appointment (a child's) and Hodan Abdi's (an adult's) started 25 minutes ago and are
 * still booked; Fahmida Khatun's is tomorrow. Returns their booking ids.
 */
async function prepareDay(db) {
  const now = Math.floor(Date.now() / 1000);
  const late = Math.max(now - 25 * 60, startOfHubToday(Date.now() + 0) + 60);
  const idOf = async (where) => Number(await sqlite(db, `SELECT b.id FROM bookings b JOIN clients c ON c.id = b.client_id
    LEFT JOIN children ch ON ch.id = b.child_id WHERE ${where} ORDER BY b.start_utc DESC LIMIT 1;`));
  const ids = {
    alfie: await idOf("ch.first_name = 'Alfie'"),
    hodan: await idOf("c.first_name = 'Hodan'"),
    fahmida: await idOf("c.first_name = 'Fahmida'"),
  };
  const move = (id, start) => `UPDATE bookings SET end_utc = ${start} + (end_utc - start_utc), start_utc = ${start},
    status = 'booked', arrived_at = NULL WHERE id = ${id};`;
  await sqlite(db, move(ids.alfie, late) + move(ids.hodan, late - 60) + move(ids.fahmida, now + 86_400));
  return { ...ids, lateStart: late };
}

describe('staff page', { timeout: 180_000 }, () => {
  let server;
  let desk; // the receptionist's browser, open all along like the one at the desk
  let hubId;
  let shots;
  let seenId;
  let fixture; // prepareDay's rows
  let deskToken;

  before(async () => {
    server = await startServer({ binary, sourceDir, prepare: async (db) => { fixture = await prepareDay(db); } });
    desk = await openBrowser(server.url);
    shots = screensDir(sourceDir);
    const login = await apiCall(server.url, 'POST', '/api/v1/auth/login', { body: LOGINS.reception });
    assert.equal(login.status, 200, 'the demo reception login works');
    const me = await apiCall(server.url, 'GET', '/api/v1/auth/session', { token: login.json.token });
    hubId = me.json.hub_id;
    deskToken = login.json.token;
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

  it('shows en-GB dates and times in an en-US browser', async () => {
    const { page } = desk;
    assert.equal(await page.evaluate(() => navigator.language), 'en-US', 'the browser is an American one');
    const today = hubDate(Date.now());
    assert.equal(await page.inputValue('#day-date'), ukDate(today), 'the day field shows dd/mm/yyyy');
    const times = await page.$$eval('#day-body td.time .start', (cells) => cells.map((c) => c.textContent));
    assert.ok(times.length > 0);
    for (const t of times) assert.match(t, /^([01]\d|2[0-3]):[0-5]\d$/, 'times on the 24-hour clock');
    assert.ok(times.includes('14:00'), 'an afternoon time as 14:00, not 2:00 PM');
    // A day past the 12th tells dd/mm from mm/dd.
    await page.fill('#day-date', '14/03/2027');
    await page.press('#day-date', 'Enter');
    await page.waitForFunction(() => location.hash.includes('date=2027-03-14'), null, { timeout: 5_000 });
    await page.waitForSelector('#day-title:has-text("Sunday 14 March 2027")', { timeout: 5_000 });
    assert.equal(await page.inputValue('#day-date'), '14/03/2027');
    await page.fill('#day-date', '03/14/2027');
    await page.press('#day-date', 'Enter');
    await page.waitForSelector('.error-slot .notice.error:has-text("dd/mm/yyyy")', { timeout: 5_000 });
    assert.ok(page.url().includes('date=2027-03-14'), 'an American date is refused, not read as another day');
    await page.goto('/#/day');
    await page.waitForSelector(`${row(fixture.alfie)}`, { timeout: 10_000 });
  });

  it('shows a booked appointment past its start as late, ticking, and asks before "Missed"', async () => {
    const late = await openBrowser(server.url);
    try {
      const { page } = late;
      await late.context.clock.install(); // the real time, that the test can move on
      await signIn(page, LOGINS.reception);
      const alfie = row(fixture.alfie);
      await page.waitForSelector(`${alfie}[data-status="booked"] .late:not(:empty)`, { timeout: 10_000 });
      const minutes = () => Math.floor((Date.now() - fixture.lateStart * 1000) / 60_000);
      const lateText = async () => Number(/^late (\d+) min$/.exec(await page.textContent(`${alfie} .late`))?.[1]);
      const shown = await lateText();
      assert.ok(Math.abs(shown - minutes()) <= 1, `late ${shown} min, started ${minutes()} min ago`);
      await page.screenshot({ path: path.join(shots, 'day-late.png'), fullPage: true });
      await page.clock.fastForward('05:00');
      await page.waitForFunction(([sel, before]) => {
        const m = /^late (\d+) min$/.exec(document.querySelector(sel)?.textContent ?? '');
        return m && Number(m[1]) >= before + 5;
      }, [`${alfie} .late`, shown], { timeout: 10_000 });

      // "Missed" asks first; saying no sends nothing.
      let asked = '';
      page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
      await page.click(`${alfie} button[data-action="missed"]`);
      assert.equal(asked, 'Mark Alfie as was not brought?');
      const day = await apiCall(server.url, 'GET', `/api/v1/hubs/${hubId}/day`, { token: deskToken });
      assert.equal(day.json.appointments.find((a) => a.booking_id === fixture.alfie)?.status, 'booked', 'nothing sent on "no"');
      page.once('dialog', (d) => d.accept());
      await page.click(`${alfie} button[data-action="missed"]`);
      await page.waitForSelector(`${alfie}[data-status="was_not_brought"]`, { timeout: 5_000 });
      assert.deepEqual(page.problems, []);
    } finally {
      await late.close();
    }
  });

  it('does not offer "Missed" before the start, and the server refuses it', async () => {
    const { page } = desk;
    const tomorrow = hubDate(Date.now() + 86_400_000);
    await page.goto(`/#/day?date=${tomorrow}&view=list`);
    const fahmida = row(fixture.fahmida);
    await page.waitForSelector(`${fahmida}[data-status="booked"] button[data-action="cancelled"]`, { timeout: 10_000 });
    assert.equal(await page.$(`${fahmida} button[data-action="missed"]`), null, 'no "Missed" for a time still to come');
    assert.equal(await page.textContent(`${fahmida} .arrival`), '', 'not late either');
    const refused = await apiCall(server.url, 'POST', `/api/v1/bookings/${fixture.fahmida}/status`, { token: deskToken, body: { status: 'missed' } });
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.code, 'conflict');
    await page.goto('/#/day?view=room');
    await page.waitForSelector(row(fixture.hodan), { timeout: 10_000 });
  });

  it('shows a late check-in as "arrived N min late"', async () => {
    const { page } = desk;
    const day = await apiCall(server.url, 'GET', `/api/v1/hubs/${hubId}/day`, { token: deskToken });
    const hodan = day.json.appointments.find((a) => a.booking_id === fixture.hodan);
    assert.equal(hodan?.status, 'booked');
    await page.waitForSelector('#live-state[data-mode="live"]', { timeout: 10_000 });
    const checkin = await apiCall(server.url, 'POST', '/api/v1/checkins', {
      token: server.kioskToken, body: { hub_id: hubId, reference: hodan.reference },
    });
    assert.equal(checkin.status, 200, JSON.stringify(checkin.json));
    const sel = `${row(fixture.hodan)}[data-status="arrived"] .arrived-late`;
    await page.waitForSelector(sel, { timeout: 5_000 });
    const m = /^arrived (\d+) min late$/.exec(await page.textContent(sel));
    assert.ok(m, await page.textContent(sel));
    assert.ok(Math.abs(Number(m[1]) - Math.floor((Date.now() / 1000 - (fixture.lateStart - 60)) / 60)) <= 1, `arrived ${m[1]} min late`);
  });

  it('reaches a row\'s buttons with a few key presses (one tab stop per table)', async () => {
    const { page } = desk;
    await page.click('label[for="day-view-list"]');
    await page.waitForSelector('#day-body th.c-room', { timeout: 5_000 });
    const rows = await page.$$eval('#day-body tbody tr', (trs) => trs.map((tr) => ({
      id: tr.dataset.bookingId, tab: tr.tabIndex, buttons: tr.querySelectorAll('button').length,
      tabbable: [...tr.querySelectorAll('button')].filter((b) => b.tabIndex >= 0).length,
    })));
    assert.equal(rows.filter((r) => r.tab === 0).length, 1, 'one row of the table is a tab stop');
    assert.equal(rows.filter((r) => r.tab !== 0).reduce((n, r) => n + r.tabbable, 0), 0, 'no other row\'s buttons are');
    const target = rows.findIndex((r, i) => i >= 2 && r.buttons > 0);
    assert.ok(target >= 2, 'a row with buttons a few rows down');
    // Tab from the day controls lands on the table's row, arrows go down, Enter goes in.
    await page.focus('#sheet-open');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TR');
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.bookingId), rows[target].id);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.closest('tr')?.dataset.bookingId), rows[target].id);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BUTTON');
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TR', 'Escape goes back to the row');
    // From the row, Tab goes through its own buttons and then out of the table.
    for (let i = 0; i <= rows[target].buttons; i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('#day-body tbody')), null, 'out of the table');
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

  it('undoes "Seen" while the server allows it', async () => {
    const { page } = desk;
    const before = await apiCall(server.url, 'GET', `/api/v1/hubs/${hubId}/day`, { token: deskToken });
    const seen = before.json.appointments.find((a) => String(a.booking_id) === seenId);
    assert.equal(seen.status, 'seen');
    assert.ok(Date.parse(seen.undo_until) > Date.now(), `undo_until ${seen.undo_until} is ahead`);
    const undo = `${row(seenId)} button[data-action="undo"]`;
    await page.waitForSelector(undo, { timeout: 5_000 });
    await page.click(undo);
    await page.waitForSelector(`${row(seenId)}[data-status="arrived"], ${row(seenId)}[data-status="in_progress"]`, { timeout: 5_000 });
    const after = await apiCall(server.url, 'GET', `/api/v1/hubs/${hubId}/day`, { token: deskToken });
    assert.notEqual(after.json.appointments.find((a) => String(a.booking_id) === seenId).status, 'seen', 'undone at the server');
    // Seen again, so the tests below find it as they expect.
    await page.click(`${row(seenId)} button[data-action="seen"]`);
    await page.waitForSelector(`${row(seenId)}[data-status="seen"]`, { timeout: 5_000 });
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
    await page.fill('#book-date', ukDate(day));
    await page.click('text=Find times');
    await page.waitForSelector('#book-slots input[name="slot"]:checked', { timeout: 5_000 });
    await page.fill('#book-first_name', 'Ada');
    await page.fill('#book-last_name', 'Lovelace');
    await page.fill('#book-date_of_birth', '10/12/1990');
    await page.click('form[aria-labelledby="book-title"] button[type="submit"]');
    await page.waitForSelector('#book-result .reference strong', { timeout: 5_000 });
    assert.match(await page.textContent('#book-result .reference strong'), /^[A-Z2-9]{8}$/);
    await page.click('a[data-nav="day"]');
    await page.waitForSelector('#day-body tr[data-booking-id]', { timeout: 10_000 });
  });

  it('shows every waitlist, an offer with the family\'s phone, and accepts it for them', async () => {
    const { page } = desk;
    const services = await apiCall(server.url, 'GET', `/api/v1/hubs/${hubId}/services`, { token: deskToken });
    const service = services.json.services.find((x) => x.kind === 'appointment' && !x.needs_child);
    assert.ok(service, 'an appointment service for adults');
    let slot = null;
    for (let i = 1; i <= 14 && !slot; i++) {
      const d = hubDate(Date.now() + i * 86_400_000);
      const free = await apiCall(server.url, 'GET', `/api/v1/availability?hub_id=${hubId}&service_id=${service.id}&from=${d}&to=${d}`, { token: deskToken });
      if (free.status === 200 && free.json.slots.length) slot = free.json.slots[0];
    }
    assert.ok(slot, 'a free time in the next two weeks');
    const booked = await apiCall(server.url, 'POST', '/api/v1/bookings', {
      token: deskToken, body: { hub_id: hubId, service_id: service.id, start: slot.start,
        client: { first_name: 'Grace', last_name: 'Hopper', date_of_birth: '1986-12-09' } },
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.json));
    const waits = [];
    for (const [first, phone] of [['Yasmin', '07700 900123'], ['Zainab', '07700 900456']]) {
      const joined = await apiCall(server.url, 'POST', '/api/v1/waitlist', {
        token: deskToken, body: { hub_id: hubId, service_id: service.id,
          client: { first_name: first, last_name: 'Rahman', date_of_birth: '1991-05-06', phone } },
      });
      assert.equal(joined.status, 201, JSON.stringify(joined.json));
      waits.push(joined.json.id);
    }
    const cancel = await apiCall(server.url, 'POST', `/api/v1/bookings/${booked.json.reference}/cancel`, { token: deskToken, body: {} });
    assert.equal(cancel.status, 200, 'the freed place goes to the first family waiting');

    await page.click('a[data-nav="waitlist"]');
    const offer = `#waitlists .wl-offers tr[data-entry-id="${waits[0]}"]`;
    await page.waitForSelector(offer, { timeout: 10_000 });
    assert.match(await page.textContent(offer), /07700 900123/);
    assert.equal(await page.getAttribute(`${offer} a.call`, 'href'), 'tel:07700900123');
    assert.match(await page.textContent(`${offer} .time-left`), /^(\d+ min|\d+ h \d\d min) left$/);
    assert.match(await page.textContent(offer), new RegExp(ukDate(slot.start.slice(0, 10)).replaceAll('/', '\\/')), 'the place offered, dd/mm/yyyy');
    const waiting = `#waitlists .wl-waiting tr[data-entry-id="${waits[1]}"]`;
    assert.equal(await page.textContent(`${waiting} td.place`), '1', 'the next family is first in the queue, not place 0');
    await page.screenshot({ path: path.join(shots, 'waitlists.png'), fullPage: true });
    assert.deepEqual(await accessibilityProblems(page), [], 'WCAG A/AA on the waitlists');

    await page.click(`${offer} button[data-action="accept"]`);
    await page.waitForSelector('#waitlists-status .notice.ok:has-text("Booked Yasmin Rahman")', { timeout: 5_000 });
    await page.waitForFunction((sel) => !document.querySelector(sel), offer, { timeout: 5_000 });
    const entry = await apiCall(server.url, 'GET', `/api/v1/waitlist/${waits[0]}`, { token: deskToken });
    assert.equal(entry.json.status, 'booked');
    const day = await apiCall(server.url, 'GET', `/api/v1/hubs/${hubId}/day?date=${slot.start.slice(0, 10)}`, { token: deskToken });
    const theirs = day.json.appointments.find((a) => a.client_name === 'Yasmin Rahman');
    assert.equal(theirs?.status, 'booked', 'the family is booked in the place');
    assert.equal(theirs.start, slot.start);
    await page.click('a[data-nav="day"]');
    await page.waitForSelector('#day-body tr[data-booking-id]', { timeout: 10_000 });
  });

  it('prints a clean day sheet for one room', async () => {
    const { page } = desk;
    await page.goto('/#/day');
    await page.waitForSelector('#sheet-for option', { state: 'attached', timeout: 10_000 });
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
    await page.setViewportSize({ width: 1366, height: 900 });
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

      // Saving says so, after the list is drawn again with the new room in it.
      const { page } = manager;
      await page.fill('#setup-rooms form input[name="name"]', 'Garden Room');
      await page.click('#setup-rooms form button[type="submit"]');
      await page.waitForSelector('#setup-saved:has-text("Added Garden Room.")', { timeout: 5_000 });
      assert.match(await page.textContent('#setup-rooms table'), /Garden Room/);
      // A new member of staff: straight on to their hours and leave.
      await page.goto('/#/setup?tab=staff');
      await page.waitForSelector('#setup-staff form input[name="name"]', { timeout: 5_000 });
      await page.fill('#setup-staff form input[name="name"]', 'Noor Siddiqui');
      await page.click('#setup-staff form button[type="submit"]');
      await page.waitForSelector('#setup-hours #setup-saved:has-text("Added Noor Siddiqui.")', { timeout: 5_000 });
      const chosen = await page.$eval('#setup-hours select[name="staff_id"]', (sel) => sel.selectedOptions[0].textContent);
      assert.match(chosen, /^Noor Siddiqui/, 'their week is the one open');
      const leaveFor = await page.$$eval('#setup-hours select[name="staff_id"]', (sels) => sels.map((x) => x.selectedOptions[0].textContent));
      assert.ok(leaveFor.every((t) => t.startsWith('Noor Siddiqui')), 'and their leave');
      assert.match(page.url(), /tab=hours&staff=\d+/);
      // Leave written dd/mm/yyyy, and said back so.
      await page.fill('#setup-hours input[name="from"]', '14/03/2027');
      await page.fill('#setup-hours input[name="to"]', '16/03/2027');
      await page.click('#setup-hours form:has(input[name="from"]) button[type="submit"]');
      await page.waitForSelector('#setup-hours .notice.ok:has-text("Leave recorded from 14/03/2027 to 16/03/2027.")', { timeout: 5_000 });
      await page.waitForSelector('#setup-hours .leave-list li:has-text("14/03/2027 to 16/03/2027")', { timeout: 5_000 });

      // A group series with more places than its room holds: the server's refusal, beside the field.
      await page.goto('/#/setup?tab=sessions');
      await page.waitForSelector('#setup-sessions input[name="capacity"]', { timeout: 5_000 });
      await page.fill('#setup-sessions input[name="date"]', ukDate(hubDate(Date.now() + 9 * 86_400_000)));
      await page.fill('#setup-sessions input[name="time"]', '16:00');
      await page.fill('#setup-sessions input[name="repeat_weekly"]', '2');
      await page.fill('#setup-sessions input[name="capacity"]', '500');
      await page.click('#setup-sessions form button[type="submit"]');
      const beside = '#setup-sessions .field:has(input[name="capacity"]) .field-error';
      await page.waitForSelector(beside, { timeout: 5_000 });
      assert.match(await page.textContent(beside), /at most \d+ places, not 500/);
      assert.equal(await page.getAttribute('#setup-sessions input[name="capacity"]', 'aria-invalid'), 'true');

      // A series from today to its last date; cancelled from its last date on.
      const series = '#series-list tbody tr[data-series-id]:not([data-series-id=""])';
      await page.waitForSelector(series, { timeout: 5_000 });
      const lastDate = await page.textContent(`${series} td.date >> nth=1`);
      const seriesId = await page.getAttribute(series, 'data-series-id');
      await page.click(`${series} button[data-action="edit-series"]`);
      const cancelForm = '#series-editor form:has(button:has-text("Cancel these sessions"))';
      await page.fill(`${cancelForm} input[name="from"]`, lastDate);
      page.once('dialog', (d) => d.accept());
      await page.click(`${cancelForm} button[type="submit"]`);
      await page.waitForSelector(`#setup-saved:has-text("Cancelled 1 session")`, { timeout: 5_000 });
      const left = await apiCall(server.url, 'GET', `/api/v1/series/${seriesId}`, { token: deskToken });
      assert.equal(left.status, 200);
      assert.ok(left.json.sessions.every((x) => ukDate(x.start.slice(0, 10)) !== lastDate || x.cancelled), 'the last date is gone');
      assert.deepEqual(await accessibilityProblems(page), [], 'WCAG A/AA on group sessions');

      // The hub's name in Polish, as a Polish family reads it at the kiosk.
      await page.goto('/#/setup?tab=languages');
      await page.waitForSelector('#lang-editor input[name="pl.name"]', { timeout: 5_000 });
      await page.fill('#lang-editor input[name="pl.name"]', 'Centrum Rodzinne Riverside');
      await page.click('#lang-editor button[type="submit"]');
      await page.waitForSelector('text=/Saved: .+ in 1 language besides English/', { timeout: 5_000 });
      const named = await apiCall(server.url, 'GET', `/api/v1/hubs/${hubId}/translations`, { token: deskToken });
      assert.equal(named.status, 200);
      assert.equal(named.json.translations.pl.name, 'Centrum Rodzinne Riverside');
      assert.deepEqual(await accessibilityProblems(page), [], 'WCAG A/AA on names by language');
      assert.deepEqual(manager.page.problems, []);
    } finally {
      await manager.close();
    }
  });

  it('lets a manager book a family in', async () => {
    const manager = await openBrowser(server.url);
    try {
      const { page } = manager;
      await signIn(page, LOGINS.manager);
      assert.equal(await page.isVisible('a[data-nav="book"]'), true, 'Book in is there for a manager');
      await page.click('a[data-nav="book"]');
      await page.waitForSelector('#book-service', { timeout: 5_000 });
      const services = await apiCall(server.url, 'GET', `/api/v1/hubs/${hubId}/services`, { token: deskToken });
      const service = services.json.services.find((x) => x.kind === 'appointment' && !x.needs_child)?.id;
      assert.ok(service, 'an appointment service for adults');
      await page.selectOption('#book-service', String(service));
      let found = false;
      for (let i = 1; i <= 14 && !found; i++) {
        await page.fill('#book-date', ukDate(hubDate(Date.now() + i * 86_400_000)));
        await page.click('text=Find times');
        await page.waitForSelector('#book-slots input[name="slot"], #book-slots .empty', { timeout: 5_000 });
        found = Boolean(await page.$('#book-slots input[name="slot"]:checked'));
      }
      assert.ok(found, `free times for service ${service} in the next two weeks`);
      await page.fill('#book-first_name', 'Mary');
      await page.fill('#book-last_name', 'Seacole');
      await page.fill('#book-date_of_birth', '23/11/1985');
      await page.click('form[aria-labelledby="book-title"] button[type="submit"]');
      await page.waitForSelector('#book-result .reference strong, form[aria-labelledby="book-title"] .notice.error', { timeout: 5_000 });
      assert.equal(await page.textContent('form[aria-labelledby="book-title"] .error-slot'), '', 'no refusal');
      const reference = await page.textContent('#book-result .reference strong');
      assert.match(reference, /^[A-Z2-9]{8}$/);
      assert.deepEqual(page.problems, []);
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
