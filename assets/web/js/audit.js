// The audit trail, for managers and administrators: who signed in, changed or looked at
// what, when and from where (GET /api/v1/audit). Filters live in the address
// (#/audit?from=&to=&staff_id=&client_id=&booking_id=), so "who has seen this family" is
// a link. The server decides who may read it; any other role gets its 403 as a sentence.

import { get, listOf, explain } from './api.js';
import { h, clear, field, dateInput, readDate } from './dom.js';
import { zonedDateTime, isDate, humanize } from './format.js';

/** What each action means, as a manager would say it; anything else shows as sent. */
const ACTIONS = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Failed sign-in',
  'auth.sign_out': 'Signed out',
  'booking.create': 'Booked an appointment',
  'booking.check_in': 'Checked in',
  'booking.status': 'Changed a booking\'s status',
  'booking.undo': 'Undid a status change',
  'booking.cancel': 'Cancelled a booking',
  'waitlist.join': 'Added a family to a waitlist',
  'waitlist.leave': 'Took a family off a waitlist',
  'waitlist.offer': 'Offered a place from the waitlist',
  'waitlist.accept': 'Accepted an offered place',
  'waitlist.decline': 'Declined an offered place',
  'waitlist.expire': 'An offered place lapsed',
  'client.create': 'Added a family',
  'staff.create': 'Added a member of staff',
  'staff.hubs': 'Changed a member of staff\'s hubs',
  'staff.hours': 'Changed working hours',
  'staff.absence': 'Recorded leave',
  'hub.create': 'Added a hub',
  'hub.translations': 'Named the hub in other languages',
  'room.create': 'Added a room',
  'room.translations': 'Named a room in other languages',
  'service.create': 'Added a service',
  'service.translations': 'Named a service in other languages',
  'session.create': 'Added a group session',
  'series.change': 'Changed a group series',
  'series.cancel': 'Cancelled group sessions',
  'kiosk.create': 'Added a kiosk',
  'kiosk.revoke': 'Revoked a kiosk',
  'read.day': 'Viewed the day',
  'read.waitlist': 'Viewed a waitlist entry',
  'read.waitlists': 'Viewed the waitlists',
  'read.diary': 'Viewed a diary feed',
};

export function actionLabel(action) { return ACTIONS[action] ?? String(action ?? ''); }

/** Who did it, in words: a name, "Kiosk 2", "System", "Unknown (failed sign-in)". */
export function actorLabel(e) {
  const actor = String(e.actor ?? '');
  if (actor.startsWith('kiosk:')) return e.actor_name ? `Kiosk ${e.kiosk_id ?? actor.slice(6)} · ${e.actor_name}` : `Kiosk ${e.kiosk_id ?? actor.slice(6)}`;
  if (actor === 'system') return 'System';
  if (actor === 'anonymous') return 'Unknown (failed sign-in)';
  if (e.actor_name) return e.actor_name;
  if (actor.startsWith('staff:')) return `Staff member ${actor.slice(6)}`;
  return actor || 'Unknown';
}

const FILTERS = ['from', 'to', 'staff_id', 'client_id', 'booking_id', 'limit']; // limit: by address only
const DENIED = 'Only managers and administrators can read the audit trail.';

export async function render(container, params, ctx) {
  const today = ctx.today();
  const from = isDate(params.get('from')) ? params.get('from') : today;
  const to = isDate(params.get('to')) ? params.get('to') : from;
  const wanted = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? '']));
  wanted.from = from;
  wanted.to = to;

  const errorBox = h('div', { class: 'error-slot', id: 'audit-status' });
  const summary = h('p', { class: 'summary', id: 'audit-summary' });
  const body = h('div', { id: 'audit-body' });
  const page = h('section', { class: 'audit-page', 'aria-labelledby': 'audit-title' },
    h('h1', { id: 'audit-title' }, 'Audit trail', h('span', { class: 'day-date' }, ctx.hub.name)));
  container.appendChild(page);

  if (ctx.can('audit')) page.appendChild(await filterForm(wanted, ctx, errorBox));
  page.append(errorBox, summary, body);

  const hubName = (id) => ctx.hubs.find((x) => x.id === id)?.name ?? `Hub ${id}`;
  const filterLink = (key, id, text, label) => h('a', {
    href: `#/audit?${new URLSearchParams({ from, to, [key]: String(id) })}`, 'aria-label': label,
  }, text);

  function entryRow(e) {
    const failed = e.action === 'auth.sign_in_failed';
    const record = [
      e.booking_id ? filterLink('booking_id', e.booking_id, `Booking ${e.booking_id}`, `Everything about booking ${e.booking_id}`) : null,
      e.client_id ? filterLink('client_id', e.client_id, `Family ${e.client_id}`, `Who has seen family ${e.client_id}`) : null,
      e.hub_id ? h('span', { class: 'muted' }, hubName(e.hub_id)) : null,
    ].filter(Boolean);
    return h('tr', {
      class: `audit-row${e.read ? ' audit-read' : ''}${failed ? ' audit-failed' : ''}`,
      dataset: { entryId: String(e.id), action: String(e.action ?? '') },
    },
    h('td', { class: 'when' }, zonedDateTime(e.at, ctx.hub?.timezone)),
    h('td', { class: 'who' }, actorLabel(e)),
    h('td', { class: 'where' }, e.address ?? ''),
    h('td', { class: 'what' }, failed ? h('span', { class: 'tag tag-failed' }, 'failed') : null,
      e.read ? h('span', { class: 'tag tag-viewed' }, 'viewed') : null, ' ', h('span', { class: 'label' }, actionLabel(e.action))),
    h('td', { class: 'record' }, record.flatMap((x, i) => (i ? [h('br'), x] : [x]))),
    h('td', { class: 'detail' }, e.detail ?? ''));
  }

  function draw(entries, more) {
    clear(body);
    const reads = entries.filter((e) => e.read).length;
    summary.textContent = entries.length
      ? `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} · ${reads} viewed · ${entries.length - reads} changed or signed in`
      : '';
    if (more) body.appendChild(h('p', { class: 'notice', id: 'audit-more', role: 'status' }, `Showing the newest ${entries.length} — narrow the dates or filters to see the rest.`));
    if (!entries.length) {
      body.appendChild(h('p', { class: 'empty', id: 'audit-empty' }, 'Nothing was recorded for these days and filters.'));
      return;
    }
    body.appendChild(h('div', { class: 'table-wrap' },
      h('table', { class: 'appointments audit-table' },
        h('caption', { class: 'visually-hidden' }, 'Audit trail, newest first'),
        h('thead', {}, h('tr', {}, ['Time', 'Who', 'From', 'What', 'Record', 'Detail'].map((t) =>
          h('th', { scope: 'col', class: `c-${t.toLowerCase()}` }, t)))),
        h('tbody', {}, entries.map(entryRow)))));
  }

  const query = new URLSearchParams(Object.entries(wanted).filter(([, v]) => v !== ''));
  try {
    const data = await get(`/api/v1/audit?${query}`);
    draw(listOf(data, 'entries'), Boolean(data?.more));
  } catch (err) {
    if (err.status === 401) return null;
    clear(errorBox);
    errorBox.appendChild(h('p', { class: 'notice error', role: 'alert', id: 'audit-error' },
      err.status === 403 ? DENIED : `The audit trail could not be read: ${explain(err)}`));
  }
  return null;
}

/** The filters; submitting puts them in the address, which draws the page again. */
async function filterForm(wanted, ctx, errorBox) {
  let staff = [];
  try {
    staff = listOf(await get(`/api/v1/staff?hub_id=${ctx.hub.id}`, { background: true }), 'staff')
      .slice().sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    if (err.status === 401) throw err;
    staff = []; // the trail can still be read without the names to choose from
  }
  const staffSel = h('select', { id: 'audit-staff', name: 'staff_id' },
    h('option', { value: '' }, 'Anyone'),
    staff.map((s) => h('option', { value: String(s.id), selected: String(s.id) === wanted.staff_id }, `${s.name} (${humanize(s.role)})`)),
    wanted.staff_id && !staff.some((s) => String(s.id) === wanted.staff_id)
      ? h('option', { value: wanted.staff_id, selected: true }, `Staff member ${wanted.staff_id}`) : null);
  const fromIn = dateInput({ id: 'audit-from', name: 'from', value: wanted.from });
  const toIn = dateInput({ id: 'audit-to', name: 'to', value: wanted.to });
  const number = (id, name) => h('input', {
    id, name, inputmode: 'numeric', autocomplete: 'off', class: 'id-input', value: wanted[name] || undefined,
  });
  const clientIn = number('audit-client', 'client_id');
  const bookingIn = number('audit-booking', 'booking_id');

  const form = h('form', { class: 'toolbar audit-filters', id: 'audit-filters', novalidate: true, 'aria-label': 'Audit filters' },
    field('From', fromIn, 'dd/mm/yyyy'), field('To', toIn, 'dd/mm/yyyy'),
    field('Staff member', staffSel), field('Family (client number)', clientIn), field('Booking number', bookingIn),
    h('div', { class: 'field buttons' },
      h('button', { type: 'submit', class: 'button primary', id: 'audit-show' }, 'Show'),
      h('a', { class: 'button', href: `#/audit?from=${ctx.today()}&to=${ctx.today()}` }, 'Today, everyone')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clear(errorBox);
    try {
      const q = new URLSearchParams();
      q.set('from', readDate(fromIn.value, 'first day') || ctx.today());
      q.set('to', readDate(toIn.value, 'last day') || q.get('from'));
      for (const [k, el] of [['staff_id', staffSel], ['client_id', clientIn], ['booking_id', bookingIn]])
        if (el.value.trim()) q.set(k, el.value.trim()); // the server says what is wrong with it
      ctx.navigate(`#/audit?${q}`);
    } catch (err) {
      errorBox.appendChild(h('p', { class: 'notice error', role: 'alert', id: 'audit-error' }, err.message));
    }
  });
  return form;
}
