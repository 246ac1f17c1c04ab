// The day sheet of one room or one practitioner: a clean page for the browser's print,
// with nothing on it but the hub, the day and the appointments (and room for notes).

import { get } from './api.js';
import { h } from './dom.js';
import { hhmm, longDate, isDate, flagLabel, nowText, waitingText } from './format.js';
import { statusBadge } from './day.js';

export async function render(container, params, ctx) {
  const date = isDate(params.get('date')) ? params.get('date') : ctx.today();
  const roomId = Number(params.get('room')) || null;
  const staffId = Number(params.get('staff')) || null;
  const day = await get(`/api/v1/hubs/${ctx.hub.id}/day?date=${date}`);
  const all = Array.isArray(day?.appointments) ? day.appointments : [];
  const rows = all.filter((a) => a.status !== 'cancelled' &&
    (roomId ? a.room?.id === roomId : staffId ? a.staff?.id === staffId : true));
  const subject = roomId
    ? (all.find((a) => a.room?.id === roomId)?.room?.name ?? `Room ${roomId}`)
    : staffId ? (all.find((a) => a.staff?.id === staffId)?.staff?.name ?? `Practitioner ${staffId}`) : 'Whole hub';
  const printedAt = nowText(ctx.hub.timezone);

  container.appendChild(h('div', { class: 'sheet-controls no-print', role: 'group', 'aria-label': 'Day sheet' },
    h('a', { class: 'button', href: `#/day?date=${date}` }, '‹ Back to the day'),
    h('button', { type: 'button', class: 'button primary', id: 'print-sheet', onclick: () => window.print() }, 'Print'),
    h('p', { class: 'hint' }, 'Only the sheet below is printed.')));

  container.appendChild(h('article', { class: 'sheet', 'aria-labelledby': 'sheet-title' },
    h('header', { class: 'sheet-head' },
      h('h1', { id: 'sheet-title' }, subject),
      h('p', { class: 'sheet-sub' }, `${ctx.hub.name} · ${longDate(date)} · ${rows.length} appointment${rows.length === 1 ? '' : 's'}`)),
    rows.length ? h('table', { class: 'sheet-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Time'),
        h('th', { scope: 'col' }, 'Family'),
        h('th', { scope: 'col' }, 'Child'),
        h('th', { scope: 'col' }, 'Service'),
        h('th', { scope: 'col' }, roomId ? 'Practitioner' : 'Room'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Flags'),
        h('th', { scope: 'col', class: 'notes' }, 'Notes'))),
      h('tbody', {}, rows.map((a) => h('tr', {},
        h('td', { class: 'time' }, `${hhmm(a.start)}–${hhmm(a.end)}`),
        h('td', {}, a.client_name ?? ''),
        h('td', {}, a.child_name ?? ''),
        // Paper lies on desks and leaves the building: a discreet service is not named on it.
        h('td', {}, a.discreet ? 'Private appointment' : (a.service?.name ?? '')),
        h('td', {}, roomId ? (a.staff?.name ?? '') : (a.room?.name ?? '')),
        h('td', {}, statusBadge(a.status), a.arrived_at ? h('span', { class: 'sheet-arrived' }, `arrived ${hhmm(a.arrived_at)}${Number(a.late_minutes) > 0 ? `, ${waitingText(Number(a.late_minutes))} late` : ''}`) : null),
        h('td', {}, (a.flags ?? []).map((f) => flagLabel(f, a.interpreter)).join('; ')),
        h('td', { class: 'notes' }))))) : h('p', { class: 'empty' }, 'Nothing booked.'),
    h('footer', { class: 'sheet-foot' },
      h('span', {}, `Printed ${printedAt} from Front Door`),
      h('span', {}, 'Confidential: personal details. Shred after use.'))));
  document.title = `Day sheet — ${subject} — ${date}`;
  return () => { document.title = 'Front Door — staff'; };
}
