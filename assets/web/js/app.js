// The staff page: session, hub, routing between the views. Each view module exports
// render(container, params, ctx) and may return a function that tears it down.

import { api, get, post, listOf, explain, setCsrfToken, onUnauthenticated } from './api.js';
import { h, clear, announce } from './dom.js';
import { todayIn } from './format.js';
import { live } from './live.js';
import * as dayView from './day.js';
import * as bookView from './book.js';
import * as waitlistView from './waitlist.js';
import * as setupView from './setup.js';
import * as sheetView from './sheet.js';
import * as auditView from './audit.js';

const ROLE_NAMES = { admin: 'Administrator', manager: 'Manager', reception: 'Reception', practitioner: 'Practitioner' };

/** What each role may do on this page; the server checks the same again. */
export function can(role, what) {
  const rules = {
    setup: ['admin', 'manager'],
    book: ['admin', 'manager', 'reception'],
    status: ['admin', 'manager', 'reception', 'practitioner'],
    cancel: ['admin', 'manager', 'reception'],
    waitlist: ['admin', 'manager', 'reception', 'practitioner'],
    audit: ['admin', 'manager'],
  };
  return (rules[what] ?? []).includes(role);
}

const ctx = {
  me: null, // {staff_id, role, hub_id, name?}
  hubs: [],
  hub: null, // {id, name, timezone}
  can: (what) => can(ctx.me?.role, what),
  today: () => todayIn(ctx.hub?.timezone),
  navigate: (hash) => { if (location.hash === hash) route(); else location.hash = hash; },
  refreshSession: () => loadSession(),
};

const views = { day: dayView, book: bookView, waitlist: waitlistView, setup: setupView, sheet: sheetView, audit: auditView };
let teardown = null;
let signInNotice = '';

const $ = (id) => document.getElementById(id);

// [SECTION] session

async function loadSession() {
  try {
    const s = await get('/api/v1/auth/session', { quiet401: true });
    setCsrfToken(s.csrf_token);
    ctx.me = s;
    return true;
  } catch (err) {
    if (err.status === 401 || err.status === 403) return false;
    throw err;
  }
}

async function loadHubs() {
  let hubs = [];
  try {
    hubs = listOf(await get('/api/v1/hubs'), 'hubs');
  } catch {
    hubs = [];
  }
  if (ctx.me.hub_id && !hubs.some((x) => x.id === ctx.me.hub_id))
    hubs.unshift({ id: ctx.me.hub_id, name: `Hub ${ctx.me.hub_id}`, timezone: 'Europe/London' });
  // Staff act at the hubs they are assigned to (the server lists only those); the home hub first.
  const mine = Array.isArray(ctx.me.hub_ids) && ctx.me.hub_ids.length ? ctx.me.hub_ids : [ctx.me.hub_id];
  if (ctx.me.hub_id && ctx.me.role !== 'admin') hubs = hubs.filter((x) => mine.includes(x.id));
  ctx.hubs = hubs;
  const wanted = Number(sessionStorage.getItem('fd.hub')) || ctx.me.hub_id;
  ctx.hub = hubs.find((x) => x.id === wanted) ?? hubs[0] ?? null;
}

function showSignIn(notice = '') {
  live.stop();
  if (teardown) { teardown(); teardown = null; }
  ctx.me = null;
  setCsrfToken(null);
  $('topbar').hidden = true;
  clear($('view'));
  $('signin').hidden = false;
  const n = $('signin-notice');
  n.hidden = !notice;
  n.textContent = notice;
  $('signin-password').value = '';
  $('signin-username').focus();
  document.title = 'Sign in — Front Door';
}

async function signIn(ev) {
  ev.preventDefault();
  const username = $('signin-username').value.trim();
  const password = $('signin-password').value;
  const notice = $('signin-notice');
  if (!username || !password) {
    notice.hidden = false;
    notice.textContent = 'Enter your username and password.';
    (username ? $('signin-password') : $('signin-username')).focus();
    return;
  }
  const button = $('signin-submit');
  button.disabled = true;
  try {
    const answer = await post('/api/v1/auth/login', { username, password }, { quiet401: true });
    setCsrfToken(answer.csrf_token); // the bearer token in the answer is not kept anywhere
    if (!(await loadSession())) throw new Error('no session');
    await start();
  } catch (err) {
    notice.hidden = false;
    notice.textContent = err.status === 401 ? 'That username and password do not match an account.'
      : err.status === 429 ? 'Too many attempts. Wait a few minutes, then try again.' : explain(err);
    $('signin-password').select();
  } finally {
    button.disabled = false;
  }
}

async function signOut() {
  try {
    await post('/api/v1/auth/logout', {});
  } catch {
    // Signed out already, or the server is away: the page forgets the session either way.
  }
  showSignIn('You have signed out.');
}

// [SECTION] shell

function renderShell() {
  $('signin').hidden = true;
  $('topbar').hidden = false;
  const role = ctx.me.role;
  $('who').textContent = `${ctx.me.name ? `${ctx.me.name} · ` : ''}${ROLE_NAMES[role] ?? role}`;
  for (const el of document.querySelectorAll('[data-role-only]')) el.hidden = !can(role, el.dataset.roleOnly);
  const picker = $('hub-picker');
  const sel = $('hub-select');
  clear(sel);
  for (const hub of ctx.hubs) sel.appendChild(h('option', { value: String(hub.id), selected: hub.id === ctx.hub?.id }, hub.name));
  picker.hidden = ctx.hubs.length < 2;
  $('hub-name').textContent = ctx.hubs.length < 2 && ctx.hub ? ctx.hub.name : '';
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [name, query] = raw.split('?');
  return { name: name || 'day', params: new URLSearchParams(query ?? '') };
}

async function route() {
  if (!ctx.me) return;
  const { name, params } = parseHash();
  const view = views[name] ? name : 'day';
  if (teardown) { teardown(); teardown = null; }
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.body.dataset.view = view;
  const container = clear($('view'));
  if (!ctx.hub) {
    container.appendChild(h('section', { class: 'card' }, h('h1', {}, 'No hub yet'),
      h('p', {}, can(ctx.me.role, 'setup') ? 'Create a hub first with the admin tool.' : 'Your account belongs to no hub. Ask a manager.')));
    return;
  }
  try {
    teardown = (await views[view].render(container, params, ctx)) ?? null;
  } catch (err) {
    if (err?.status === 401) return;
    container.appendChild(h('p', { class: 'notice error', role: 'alert' }, explain(err)));
  }
}

// [SECTION] activity: a person using the page keeps the session; the page alone does not

let activeSinceLastPing = false;
function watchActivity() {
  for (const type of ['keydown', 'pointerdown']) document.addEventListener(type, () => { activeSinceLastPing = true; }, { passive: true });
  setInterval(async () => {
    if (!ctx.me || !activeSinceLastPing) return;
    activeSinceLastPing = false;
    try { await get('/api/v1/auth/session'); } catch { /* a 401 signs the page out */ }
  }, 60_000);
}

async function loadName() {
  if (ctx.me.name || !ctx.me.staff_id) return;
  try {
    ctx.me.name = (await get(`/api/v1/staff/${ctx.me.staff_id}`, { background: true }))?.name ?? '';
  } catch {
    ctx.me.name = ''; // the role alone still says who is signed in
  }
}

async function start() {
  await Promise.all([loadHubs(), loadName()]);
  renderShell();
  if (ctx.hub) live.start(ctx.hub.id);
  await route();
  $('main').focus({ preventScroll: true });
}

async function boot() {
  onUnauthenticated(() => {
    if (ctx.me) showSignIn('Your session has ended. Please sign in again.');
  });
  live.onSignedOut(() => { if (ctx.me) showSignIn('Your session has ended. Please sign in again.'); });
  $('signin-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('hub-select').addEventListener('change', async (ev) => {
    ctx.hub = ctx.hubs.find((x) => String(x.id) === ev.target.value) ?? ctx.hub;
    sessionStorage.setItem('fd.hub', String(ctx.hub.id));
    live.start(ctx.hub.id);
    announce(`Showing ${ctx.hub.name}`);
    await route();
  });
  window.addEventListener('hashchange', route);
  watchActivity();
  try {
    if (await loadSession()) await start();
    else showSignIn(signInNotice);
  } catch (err) {
    showSignIn(explain(err));
  }
}

export { api, ctx };
boot();
