// The day: every appointment of one hub on one date, by room, by practitioner or as one
// list; live arrivals; minutes waiting that tick; status actions by role.

import { get, post, explain } from './api.js';
import { h, clear, announce, dateInput as dateField } from './dom.js';
import {
  hhmm, minutesSince, waitingText, statusLabel, statusIcon, flagLabel, flagKind,
  longDate, addDays, isDate, parseDate, lateText,
} from './format.js';
import { live } from './live.js';
import { rovingRows } from './roving.js';

const VIEWS = [
  { value: 'room', label: 'By room' },
  { value: 'staff', label: 'By practitioner' },
  { value: 'list', label: 'List' },
];
const LONG_WAIT_MIN = 20;

/** The next steps from each status, in the order the buttons appear, for a server that
 * does not say; the server's `allowed_statuses` (its one table of moves, for this viewer,
 * now) wins when it is there. */
const ACTIONS = {
  booked: ['arrived', 'missed', 'cancelled'],
  arrived: ['in_progress', 'seen'],
  in_progress: ['seen'],
};
/** The statuses a desk may take back for a short while (the server says until when). */
const UNDOABLE = ['arrived', 'seen', 'in_progress'];
const ORDER = ['arrived', 'in_progress', 'seen', 'missed', 'cancelled'];
const ACTION_TEXT = {
  arrived: 'Arrived', in_progress: 'Start', seen: 'Seen', missed: 'Missed', cancelled: 'Cancel',
};

export function familyLabel(a) {
  return a.child_name ? `${a.client_name} (${a.child_name})` : a.client_name;
}

export async function render(container, params, ctx) {
  const date = isDate(params.get('date')) ? params.get('date') : ctx.today();
  let view = params.get('view');
  // A practitioner starts with their own diary; the desk with the rooms.
  if (!VIEWS.some((v) => v.value === view)) view = localStorage.getItem('fd.dayView') ?? (ctx.me.role === 'practitioner' ? 'staff' : 'room');
  if (!VIEWS.some((v) => v.value === view)) view = 'room';
  const isToday = date === ctx.today();

  let appointments = [];
  let rooms = [];
  const flashIds = new Set();
  const currentRow = new Map(); // table title -> booking id of its roving tab stop

  // [SECTION] toolbar
  const go = (d, v = view) => ctx.navigate(`#/day?date=${d}&view=${v}`);
  const dateInput = dateField({ id: 'day-date', value: date, required: true, 'aria-describedby': 'day-date-hint' });
  dateInput.addEventListener('change', () => {
    const wanted = parseDate(dateInput.value);
    if (wanted) go(wanted);
    else {
      clear(errorBox);
      errorBox.appendChild(h('p', { class: 'notice error', role: 'alert' }, 'Write the date as dd/mm/yyyy, for example 14/03/2027.'));
    }
  });

  const viewSwitch = h('fieldset', { class: 'segmented' },
    h('legend', {}, 'Show'),
    VIEWS.map((v) => {
      const id = `day-view-${v.value}`;
      const input = h('input', { type: 'radio', name: 'day-view', id, value: v.value, checked: v.value === view });
      input.addEventListener('change', () => {
        localStorage.setItem('fd.dayView', v.value);
        view = v.value;
        history.replaceState(null, '', `#/day?date=${date}&view=${v.value}`);
        draw();
      });
      return h('span', { class: 'segment' }, input, h('label', { for: id }, v.label));
    }));

  const sheetSelect = h('select', { id: 'sheet-for' });
  const sheetButton = h('button', { type: 'button', class: 'button', id: 'sheet-open', onclick: () => {
    const [kind, id] = sheetSelect.value.split(':');
    if (!id) return;
    ctx.navigate(`#/sheet?date=${date}&${kind}=${id}`);
  } }, 'Day sheet');

  const liveBadge = h('span', { class: 'live-badge', id: 'live-state', role: 'status' });
  const stopMode = live.onMode((mode) => {
    liveBadge.dataset.mode = mode;
    liveBadge.textContent = { live: 'Live', polling: 'Updating every 5 s', connecting: 'Reconnecting…', off: 'Not live' }[mode] ?? mode;
  });

  const errorBox = h('div', { class: 'error-slot' });
  const summary = h('p', { class: 'summary', id: 'day-summary' });
  const body = h('div', { class: 'day-body', id: 'day-body', 'aria-live': 'off' });

  container.appendChild(h('section', { class: 'day', 'aria-labelledby': 'day-title' },
    h('div', { class: 'day-head' },
      h('h1', { id: 'day-title' }, isToday ? 'Today' : 'Day', h('span', { class: 'day-date' }, longDate(date))),
      liveBadge),
    h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Day controls' },
      h('div', { class: 'date-nav' },
        h('button', { type: 'button', class: 'button', onclick: () => go(addDays(date, -1)), 'aria-label': 'Previous day' }, '‹ Previous'),
        h('label', { for: 'day-date', class: 'visually-hidden' }, 'Date'),
        dateInput,
        h('span', { id: 'day-date-hint', class: 'visually-hidden' }, 'dd/mm/yyyy'),
        h('button', { type: 'button', class: 'button', onclick: () => go(ctx.today()), disabled: isToday }, 'Today'),
        h('button', { type: 'button', class: 'button', onclick: () => go(addDays(date, 1)), 'aria-label': 'Next day' }, 'Next ›')),
      viewSwitch,
      h('div', { class: 'sheet-pick' },
        h('label', { for: 'sheet-for' }, 'Print for'), sheetSelect, sheetButton)),
    errorBox, summary,
    h('p', { class: 'hint keys-hint' }, 'Keyboard: Tab reaches each table once; the arrow keys move between appointments; Enter goes to their buttons, Escape back.'),
    body));

  // [SECTION] data
  async function load(background = false) {
    const day = await get(`/api/v1/hubs/${ctx.hub.id}/day?date=${date}`, { background });
    appointments = Array.isArray(day?.appointments) ? day.appointments : [];
  }

  async function loadRooms() {
    try {
      const r = await get(`/api/v1/hubs/${ctx.hub.id}/rooms`, { background: true });
      rooms = Array.isArray(r) ? r : (r?.rooms ?? []);
    } catch { rooms = []; }
  }

  function fillSheetChoices() {
    const current = sheetSelect.value;
    clear(sheetSelect);
    const roomMap = new Map(rooms.map((r) => [r.id, r.name]));
    for (const a of appointments) if (a.room) roomMap.set(a.room.id, a.room.name);
    const staffMap = new Map();
    for (const a of appointments) if (a.staff) staffMap.set(a.staff.id, a.staff.name);
    const byName = (x, y) => x[1].localeCompare(y[1]);
    const roomGroup = h('optgroup', { label: 'Rooms' }, [...roomMap].map(([id, name]) => h('option', { value: `room:${id}` }, name)));
    const staffGroup = h('optgroup', { label: 'Practitioners' }, [...staffMap].sort(byName).map(([id, name]) => h('option', { value: `staff:${id}` }, name)));
    if (roomMap.size) sheetSelect.appendChild(roomGroup);
    if (staffMap.size) sheetSelect.appendChild(staffGroup);
    if (!roomMap.size && !staffMap.size) sheetSelect.appendChild(h('option', { value: '' }, 'Nothing booked'));
    if ([...sheetSelect.options].some((o) => o.value === current)) sheetSelect.value = current;
    sheetButton.disabled = !roomMap.size && !staffMap.size;
  }

  // [SECTION] drawing
  function draw() {
    fillSheetChoices();
    const count = (pred) => appointments.filter(pred).length;
    const waiting = count((a) => a.status === 'arrived');
    const seen = count((a) => a.status === 'seen');
    const missed = count((a) => a.status === 'did_not_attend' || a.status === 'was_not_brought');
    const active = count((a) => a.status !== 'cancelled');
    summary.textContent = `${active} booked · ${waiting} waiting · ${count((a) => a.status === 'in_progress')} in progress · ${seen} seen · ${missed} missed`;

    clear(body);
    if (!appointments.length) {
      body.appendChild(h('p', { class: 'empty' }, 'No appointments on this day.'));
      return;
    }
    if (view === 'list') {
      body.appendChild(table('All appointments', appointments, { showRoom: true, showStaff: true }));
    } else {
      const key = view === 'room' ? (a) => a.room?.id ?? 0 : (a) => a.staff?.id ?? 0;
      const name = view === 'room'
        ? (a) => a.room?.name ?? 'No room'
        : (a) => a.staff?.name ?? 'No practitioner (group sessions)';
      const groups = new Map();
      for (const a of appointments) {
        const k = key(a);
        if (!groups.has(k)) groups.set(k, { key: k, name: name(a), rows: [] });
        groups.get(k).rows.push(a);
      }
      // Rooms in the hub's own order (as set up); practitioners by name.
      const roomOrder = new Map(rooms.map((r, i) => [r.id, i]));
      const order = (g) => (view === 'room' ? (roomOrder.get(g.key) ?? 1e6 + g.key)
        : g.key === ctx.me.staff_id ? -1 : 0); // your own diary first
      const sorted = [...groups.values()].sort((x, y) => order(x) - order(y) || x.name.localeCompare(y.name));
      body.appendChild(h('div', { class: 'groups' }, sorted.map((g) =>
        table(g.name, g.rows, { showRoom: view !== 'room', showStaff: view !== 'staff' }))));
    }
    tick();
  }

  function table(title, rows, { showRoom, showStaff }) {
    const active = rows.filter((a) => a.status !== 'cancelled').length;
    const tbody = h('tbody', {}, rows.map((a) => row(a, { showRoom, showStaff })));
    rovingRows(tbody, { get: () => currentRow.get(title), set: (key) => currentRow.set(title, key) });
    return h('section', { class: 'group' },
      h('h2', { class: 'group-title' }, title, h('span', { class: 'count' }, `${active} booked`)),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'appointments day-table' },
          h('caption', { class: 'visually-hidden' }, `${title}: appointments on ${longDate(date)}`),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col', class: 'c-time' }, 'Time'),
            h('th', { scope: 'col', class: 'c-family' }, 'Family and flags'),
            h('th', { scope: 'col', class: 'c-child' }, 'Child'),
            h('th', { scope: 'col', class: 'c-service' }, 'Service'),
            showRoom ? h('th', { scope: 'col', class: 'c-room' }, 'Room') : null,
            showStaff ? h('th', { scope: 'col', class: 'c-staff' }, 'Practitioner') : null,
            h('th', { scope: 'col', class: 'c-status' }, 'Status'),
            h('th', { scope: 'col', class: 'c-arrived' }, 'Arrived'),
            h('th', { scope: 'col', class: 'c-actions' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
          tbody)));
  }

  function row(a, { showRoom, showStaff }) {
    const flags = Array.isArray(a.flags) ? a.flags : [];
    const tr = h('tr', {
      class: `status-row status-${a.status}${flashIds.has(a.booking_id) ? ' flash' : ''}`,
      dataset: { bookingId: String(a.booking_id), key: String(a.booking_id), status: a.status },
    },
    h('td', { class: 'time' }, h('span', { class: 'start' }, hhmm(a.start)), a.end ? h('span', { class: 'end' }, `–${hhmm(a.end)}`) : null),
    h('td', { class: 'family' }, h('span', { class: 'name' }, a.client_name ?? ''),
      flags.length ? h('ul', { class: 'flag-list', 'aria-label': 'Flags' }, flags.map((f) =>
        h('li', { class: `flag flag-${flagKind(f)}` }, flagLabel(f, a.interpreter)))) : null),
    h('td', { class: 'child' }, a.child_name ?? ''),
    h('td', { class: 'service' }, a.service?.name ?? ''),
    showRoom ? h('td', { class: 'room' }, a.room?.name ?? '') : null,
    showStaff ? h('td', { class: 'staff' }, a.staff?.name ?? '') : null,
    h('td', { class: 'status' }, statusBadge(a.status)),
    h('td', { class: 'arrival' }, arrivalCell(a)),
    h('td', { class: 'actions' }, actionButtons(a)));
    return tr;
  }

  function arrivalCell(a) {
    // Still booked on its day: "late 25 min" once its time has passed (tick() writes it).
    if (!a.arrived_at) {
      return a.status === 'booked' && isToday ? h('span', { class: 'late', dataset: { start: a.start } }) : null;
    }
    const waitingNow = a.status === 'arrived';
    const lateBy = Number(a.late_minutes) || 0;
    return h('span', { class: 'arrived-at' },
      h('span', { class: 'clock' }, hhmm(a.arrived_at)),
      lateBy > 0 ? h('span', { class: 'arrived-late' }, `arrived ${waitingText(lateBy)} late`) : null,
      waitingNow ? h('span', { class: 'waiting', dataset: { arrivedAt: a.arrived_at } }) : null);
  }

  function actionButtons(a) {
    // "Missed" only once the time has come: the server refuses it before (booking_rules.hpp).
    const started = Date.parse(a.start) <= Date.now();
    const steps = Array.isArray(a.allowed_statuses)
      ? ORDER.filter((s) => a.allowed_statuses.includes(s))
      : (ACTIONS[a.status] ?? []).filter((s) => (s === 'cancelled' ? ctx.can('cancel') : ctx.can('status')))
        .filter((s) => s !== 'missed' || started);
    const undo = UNDOABLE.includes(a.status) && a.undo_until && Date.parse(a.undo_until) > Date.now();
    if (!steps.length && !undo) return null;
    const who = `${familyLabel(a)} at ${hhmm(a.start)}`;
    return h('div', { class: 'action-row' }, steps.map((s) =>
      h('button', {
        type: 'button',
        class: `button small action-${s}`,
        'aria-label': `${ACTION_TEXT[s]}: ${who}`,
        dataset: { action: s },
        onclick: (ev) => act(a, s, ev.currentTarget),
      }, ACTION_TEXT[s])),
    undo ? h('button', {
      type: 'button',
      class: 'button small action-undo',
      'aria-label': `Undo ${statusLabel(a.status)}: ${who}`,
      dataset: { action: 'undo', undoUntil: a.undo_until },
      onclick: (ev) => undoStatus(a, ev.currentTarget),
    }, 'Undo') : null);
  }

  /** Takes the last status back (POST …/undo); the server's refusal (409) is shown as it says it. */
  async function undoStatus(a, button) {
    button.disabled = true;
    clear(errorBox);
    try {
      const b = await post(`/api/v1/bookings/${a.booking_id}/undo`, {});
      announce(`${familyLabel(a)}: back to ${statusLabel(b?.status ?? 'booked')}`);
      flashIds.add(a.booking_id);
      await refresh(false);
      (body.querySelector(`tr[data-booking-id="${a.booking_id}"] .actions button`) ?? dateInput).focus();
    } catch (err) {
      if (err.status === 401) return;
      button.disabled = false;
      errorBox.appendChild(h('p', { class: 'notice error', role: 'alert' }, `${familyLabel(a)}: ${explain(err)}`));
    }
  }

  /** "Mark Alfie as was not brought?" (a child's) or "Mark Jade Thompson as did not attend?". */
  function missedQuestion(a) {
    return a.child_name ? `Mark ${a.child_name} as was not brought?` : `Mark ${a.client_name} as did not attend?`;
  }

  async function act(a, status, button) {
    if (status === 'cancelled' && !confirm(`Cancel the appointment of ${familyLabel(a)} at ${hhmm(a.start)}? The place goes to the waitlist.`)) return;
    if (status === 'missed' && !confirm(missedQuestion(a))) return;
    button.disabled = true;
    clear(errorBox);
    try {
      await post(`/api/v1/bookings/${a.booking_id}/status`, { status });
      announce(`${familyLabel(a)}: ${statusLabel(status === 'missed' ? (a.child_name ? 'was_not_brought' : 'did_not_attend') : status)}`);
      flashIds.add(a.booking_id);
      await refresh(false);
      const again = body.querySelector(`tr[data-booking-id="${a.booking_id}"] .actions button`);
      (again ?? body.querySelector('tr .actions button') ?? dateInput).focus();
    } catch (err) {
      if (err.status === 401) return;
      button.disabled = false;
      errorBox.appendChild(h('p', { class: 'notice error', role: 'alert' }, `${familyLabel(a)}: ${explain(err)}`));
    }
  }

  function tick() {
    const now = Date.now();
    for (const el of body.querySelectorAll('.waiting[data-arrived-at]')) {
      const min = minutesSince(el.dataset.arrivedAt, now);
      el.textContent = `waiting ${waitingText(min)}`;
      el.classList.toggle('long', min !== null && min >= LONG_WAIT_MIN);
    }
    for (const el of body.querySelectorAll('.late[data-start]')) {
      const min = Date.parse(el.dataset.start) <= now ? minutesSince(el.dataset.start, now) : null;
      el.textContent = lateText(min);
      el.classList.toggle('long', min !== null && min >= LONG_WAIT_MIN);
    }
    // An undo lasts as long as the server said; the button goes when the time is up.
    for (const b of body.querySelectorAll('button[data-undo-until]')) {
      if (Date.parse(b.dataset.undoUntil) <= now) {
        if (document.activeElement === b) b.closest('tr')?.focus();
        b.remove();
      }
    }
  }

  // [SECTION] refresh: one at a time; a change during a load triggers one more
  let loading = null;
  let again = false;
  async function refresh(background = true) {
    if (loading) { again = true; return loading; }
    loading = (async () => {
      do {
        again = false;
        try {
          await load(background);
          clear(errorBox);
          draw();
        } catch (err) {
          if (err.status === 401) return;
          clear(errorBox);
          errorBox.appendChild(h('p', { class: 'notice error', role: 'alert' }, `The day could not be loaded: ${explain(err)}`));
        }
      } while (again);
    })();
    try { await loading; } finally { loading = null; }
    setTimeout(() => { flashIds.clear(); }, 4000);
  }

  const unsubscribe = live.subscribe((event) => {
    if (event.booking_id) flashIds.add(event.booking_id);
    if (event.kind === 'arrived' && event.booking_id) {
      const a = appointments.find((x) => x.booking_id === event.booking_id);
      if (a) announce(`${familyLabel(a)} has arrived`);
    }
    refresh(true);
  });
  const ticker = setInterval(tick, 5_000);

  await Promise.all([loadRooms(), load(false)]);
  draw();

  return () => {
    unsubscribe();
    stopMode();
    clearInterval(ticker);
  };
}

export function statusBadge(status) {
  return h('span', { class: `badge badge-${status}` },
    h('span', { class: 'badge-icon', 'aria-hidden': 'true' }, statusIcon(status)),
    statusLabel(status));
}
