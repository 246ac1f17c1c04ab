// Set-up's group session series: each series from today to its last date, and from a
// chosen date on: change its places, leader or time (PUT /series/{id}), or cancel it
// (POST /series/{id}/cancel), which answers with the families who were booked, so the
// desk can ring them.

import { post, put, explain } from './api.js';
import { h, clear, field, select, dateInput, timeInput, readDate, readTime } from './dom.js';
import { ukDate, hhmm, shortDateTime, phoneText } from './format.js';
import { formCard } from './setup_forms.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function weekdayOf(instant) {
  const [y, m, d] = instant.slice(0, 10).split('-').map(Number);
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
}

/** Sessions grouped by their series (one alone is a series of one), each to its last
 * date; `reload(saved, extra)` draws the tab again with "saved" (and a node) on top. */
export function seriesCard(sessions, staff, reload) {
  const groups = new Map();
  for (const x of sessions.filter((v) => !v.cancelled)) {
    const key = x.series_id ? `series:${x.series_id}` : `session:${x.id}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(x);
  }
  const list = [...groups.values()].map((xs) => xs.slice().sort((p, q) => p.start.localeCompare(q.start)));
  list.sort((p, q) => p[0].start.localeCompare(q[0].start));
  const editor = h('div', { id: 'series-editor', tabindex: '-1' });
  const card = h('section', { class: 'card', id: 'series-list' }, h('h3', {}, 'Group sessions from today to the last of each series'),
    list.length ? h('table', { class: 'appointments compact series' },
      h('thead', {}, h('tr', {}, ['Series', 'Service', 'Room', 'Led by', 'From', 'To', 'Dates and places', ''].map((t, i) =>
        h('th', { scope: 'col' }, i === 7 ? h('span', { class: 'visually-hidden' }, 'Actions') : t)))),
      h('tbody', {}, list.map((xs) => {
        const first = xs[0];
        const last = xs[xs.length - 1];
        const title = `${first.service?.name ?? 'Session'}, ${xs.length > 1 ? `${weekdayOf(first.start)}s` : weekdayOf(first.start)} ${hhmm(first.start)}`;
        return h('tr', { dataset: { seriesId: String(first.series_id ?? '') } },
          h('td', {}, `${xs.length > 1 ? `${weekdayOf(first.start)}s` : weekdayOf(first.start)} ${hhmm(first.start)}`),
          h('td', {}, first.service?.name ?? ''),
          h('td', {}, first.room?.name ?? ''),
          h('td', {}, first.staff?.name ?? ''),
          h('td', { class: 'date' }, ukDate(first.start)),
          h('td', { class: 'date' }, ukDate(last.start)),
          h('td', {}, h('details', {},
            h('summary', {}, `${xs.length} session${xs.length === 1 ? '' : 's'}`),
            h('ul', { class: 'plain-list' }, xs.map((x) => h('li', {}, `${ukDate(x.start)}: ${x.booked ?? 0} of ${x.capacity} booked`))))),
          h('td', {}, first.series_id ? h('button', {
            type: 'button', class: 'button small', dataset: { action: 'edit-series' }, 'aria-label': `Change or cancel: ${title}`,
            onclick: () => openEditor(editor, title, xs, staff, reload),
          }, 'Change or cancel') : null));
      }))) : h('p', { class: 'empty' }, 'No group sessions from today on.'));
  return h('div', {}, card, editor);
}

function openEditor(editor, title, xs, staff, reload) {
  clear(editor);
  const id = xs[0].series_id;
  const fromOf = (v) => readDate(v.from, 'first date changed') || xs[0].start.slice(0, 10);
  const bookedFrom = (from) => xs.filter((x) => x.start.slice(0, 10) >= from).reduce((n, x) => n + (x.booked ?? 0), 0);

  const change = formCard(`Change ${title}`, h('div', { class: 'grid-3' },
    field('From (first date changed)', dateInput({ name: 'from', value: xs[0].start.slice(0, 10) }), 'dd/mm/yyyy'),
    field('Places', h('input', { name: 'capacity', type: 'number', min: 1, value: String(xs[0].capacity ?? '') })),
    field('Led by', select([{ value: '', label: 'As now' }, ...staff.map((s) => ({ value: s.id, label: s.name }))], '', { name: 'staff_id' })),
    field('Start time', timeInput({ name: 'time', value: hhmm(xs[0].start) }), 'hh:mm, 24-hour clock')),
  'Save changes', async (v) => {
    const body = { from: fromOf(v) };
    if (v.capacity && Number(v.capacity) !== xs[0].capacity) body.capacity = Number(v.capacity);
    if (v.staff_id) body.staff_id = Number(v.staff_id);
    if (v.time && v.time !== hhmm(xs[0].start)) body.time = readTime(v.time, 'start time');
    const answer = await put(`/api/v1/series/${id}`, body);
    const n = answer?.sessions?.length ?? 0;
    await reload(`Changed ${title} from ${ukDate(body.from)} (${n} session${n === 1 ? '' : 's'}).`);
    return null;
  });

  const cancel = formCard(`Cancel ${title}`, h('div', { class: 'grid-3' },
    field('From (first date cancelled)', dateInput({ name: 'from', value: xs[0].start.slice(0, 10) }), 'dd/mm/yyyy')),
  'Cancel these sessions', async (v) => {
    const from = fromOf(v);
    const booked = bookedFrom(from);
    if (!confirm(`Cancel ${title} from ${ukDate(from)}? ${booked ? `${booked} booking${booked === 1 ? ' is' : 's are'} cancelled with them.` : 'Nobody is booked.'}`)) return null;
    const answer = await post(`/api/v1/series/${id}/cancel`, { from });
    const families = Array.isArray(answer?.families) ? answer.families : [];
    const told = (families.length ? h('section', { class: 'card', id: 'series-families', 'aria-labelledby': 'series-families-title' },
      h('h3', { id: 'series-families-title' }, `Families who were booked (${families.length}): please let them know`),
      h('table', { class: 'appointments compact' },
        h('thead', {}, h('tr', {}, ['Session', 'Family', 'Phone', 'Reference'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, families.map((f) => h('tr', {},
          h('td', {}, shortDateTime(f.start)),
          h('td', {}, f.child_name ? `${f.client_name} (${f.child_name})` : f.client_name),
          h('td', {}, f.phone ? h('a', { href: `tel:${f.phone.replace(/[^\d+]/g, '')}` }, phoneText(f.phone)) : 'No phone given'),
          h('td', {}, f.reference)))))) : h('p', { class: 'notice info' }, 'Nobody was booked on those dates.'));
    const cancelled = answer?.cancelled_sessions;
    const n = typeof cancelled === 'number' ? cancelled : (cancelled?.length ?? 0);
    await reload(`Cancelled ${n} session${n === 1 ? '' : 's'} of ${title} from ${ukDate(from)}.`, told);
    return null;
  });
  editor.append(change, cancel);
  editor.focus();
}
