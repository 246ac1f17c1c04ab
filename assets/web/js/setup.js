// Set-up for managers: rooms, staff with weekly hours and leave, services, group
// session series, kiosks (a new kiosk's token is shown once; kiosks can be revoked).

import { get, post, put, listOf, explain } from './api.js';
import { h, clear, field, select, announce, dateInput, timeInput, readDate, readTime } from './dom.js';
import { humanize, shortDateTime, ukDate, addDays } from './format.js';
import { formCard, listCard, tryList, rowsOf, itemsOf, need } from './setup_forms.js';
import { languagesPanel } from './setup_languages.js';
import { seriesCard } from './setup_series.js';

const TABS = [
  { id: 'rooms', label: 'Rooms' },
  { id: 'staff', label: 'Staff' },
  { id: 'hours', label: 'Hours and leave' },
  { id: 'services', label: 'Services' },
  { id: 'sessions', label: 'Group sessions' },
  { id: 'kiosks', label: 'Kiosks' },
  { id: 'languages', label: 'Names by language' },
];

const JOBS = ['midwife', 'health_visitor', 'family_worker', 'nursery_nurse', 'infant_feeding', 'receptionist', 'manager'];
const ACCESS = ['practitioner', 'reception', 'manager', 'none'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export async function render(container, params, ctx) {
  if (!ctx.can('setup')) {
    container.appendChild(h('section', { class: 'card', id: 'setup-denied' },
      h('h1', {}, 'Set-up'),
      h('p', { class: 'notice error', role: 'alert' }, 'Set-up is for managers. Your role cannot change rooms, staff, services or kiosks.')));
    return null;
  }
  const tab = TABS.some((t) => t.id === params.get('tab')) ? params.get('tab') : 'rooms';
  const panel = h('div', { class: 'setup-panel', id: `setup-${tab}`, role: 'region', 'aria-labelledby': 'setup-tab-title' });
  container.appendChild(h('section', { class: 'setup' },
    h('h1', {}, 'Set-up', h('span', { class: 'day-date' }, ctx.hub.name)),
    h('nav', { 'aria-label': 'Set-up sections', class: 'subnav' },
      h('ul', {}, TABS.map((t) => h('li', {}, h('a', {
        href: `#/setup?tab=${t.id}`, 'aria-current': t.id === tab ? 'page' : null,
      }, t.label))))),
    h('h2', { id: 'setup-tab-title', class: 'visually-hidden' }, TABS.find((t) => t.id === tab).label),
    panel));
  await PANELS[tab](panel, ctx, params);
  return null;
}

async function staffOf(ctx) {
  return tryList(`/api/v1/staff?hub_id=${ctx.hub.id}`, 'staff');
}

// [SECTION] panels

const PANELS = {
  async rooms(panel, ctx) {
    const rooms = await tryList(`/api/v1/hubs/${ctx.hub.id}/rooms`, 'rooms');
    panel.append(
      listCard('Rooms', ['Room', 'Capacity'], rowsOf(rooms, (r) => [r.name, String(r.capacity ?? 1)]), 'No rooms yet.'),
      formCard('Add a room', h('div', { class: 'grid-3' },
        field('Name', h('input', { name: 'name', required: true })),
        field('Capacity', h('input', { name: 'capacity', type: 'number', min: 1, value: '1' }))),
      'Add room', async (v) => {
        const r = await post(`/api/v1/hubs/${ctx.hub.id}/rooms`, { name: need(v.name, 'room name'), capacity: Number(v.capacity || 1) });
        return rerender(panel, ctx, 'rooms', `Added ${r.name ?? v.name}.`);
      }));
  },

  async staff(panel, ctx) {
    const staff = await staffOf(ctx);
    panel.append(
      listCard('Staff', ['Name', 'Job', 'Access', 'Username'],
        rowsOf(staff, (s) => [s.name, humanize(s.role), humanize(s.access ?? ''), s.username ?? '']), 'No staff listed for this hub.'),
      formCard('Add a member of staff', h('div', { class: 'grid-3' },
        field('Name', h('input', { name: 'name', required: true })),
        field('Job', select(JOBS.map((j) => ({ value: j, label: humanize(j) })), 'midwife', { name: 'role' })),
        field('Access to this page', select(ACCESS.map((a) => ({ value: a, label: humanize(a) })), 'practitioner', { name: 'access' })),
        field('Username (optional)', h('input', { name: 'username', autocomplete: 'off', autocapitalize: 'none' })),
        field('First password (optional)', h('input', { name: 'password', type: 'password', autocomplete: 'new-password' }), 'At least 8 characters. They can sign in once they have one.')),
      'Add staff', async (v, form) => {
        const body = { name: need(v.name, 'name'), role: v.role, access: v.access, hub_id: ctx.hub.id };
        if (v.username) body.username = v.username;
        if (v.password) body.password = v.password;
        const s = await post('/api/v1/staff', body);
        form.reset();
        // Straight on to their hours and leave, with them chosen.
        sessionStorage.setItem('fd.setupSaved', `Added ${s.name ?? v.name}. Set their weekly hours and leave here.`);
        ctx.navigate(`#/setup?tab=hours&staff=${s.id}`);
        return null;
      }));
  },

  async hours(panel, ctx, params) {
    // Practitioners first: they are the ones with diaries.
    const staff = itemsOf(await staffOf(ctx)).slice().sort((a, b) =>
      (a.access === 'practitioner' ? 0 : 1) - (b.access === 'practitioner' ? 0 : 1) || a.name.localeCompare(b.name));
    const options = staff.map((s) => ({ value: s.id, label: `${s.name} (${humanize(s.role)})` }));
    const chosen = staff.some((x) => String(x.id) === params?.get('staff')) ? params.get('staff') : staff[0]?.id;
    const staffControl = () => (staff.length
      ? select(options, chosen, { name: 'staff_id' })
      : h('input', { name: 'staff_id', type: 'number', min: 1, inputmode: 'numeric' }));
    const weekStaff = staffControl();
    const leaveStaff = staffControl();
    const dayInputs = WEEKDAYS.map((day, i) => h('input', {
      name: `day${i + 1}`, placeholder: 'Not working here', inputmode: 'text',
    }));
    let otherHubs = []; // ranges at other hubs: kept as they are when this hub's are saved
    const leaveList = h('div', { class: 'leave-list' });

    async function loadWeek() {
      for (const input of dayInputs) input.value = '';
      otherHubs = [];
      if (!weekStaff.value) return;
      try {
        const data = await get(`/api/v1/staff/${weekStaff.value}/working-hours`);
        const ranges = listOf(data, 'working_hours');
        otherHubs = ranges.filter((r) => r.hub_id !== ctx.hub.id);
        for (const r of ranges.filter((x) => x.hub_id === ctx.hub.id)) {
          const input = dayInputs[r.weekday - 1];
          input.value = input.value ? `${input.value}, ${r.start}-${r.end}` : `${r.start}-${r.end}`;
        }
      } catch (err) {
        if (err.status === 401) return;
      }
    }
    async function loadLeave() {
      clear(leaveList);
      if (!leaveStaff.value) return;
      try {
        const rows = listOf(await get(`/api/v1/staff/${leaveStaff.value}/absences`), 'absences')
          .filter((a) => (a.to ?? '') >= ctx.today());
        leaveList.append(rows.length
          ? h('ul', { class: 'plain-list', 'aria-label': 'Leave from today on' }, rows.map((a) =>
            h('li', {}, `${ukDate(a.from)} to ${ukDate(a.to)}${a.reason ? ` — ${a.reason}` : ''}`)))
          : h('p', { class: 'empty' }, 'No leave from today on.'));
      } catch (err) {
        if (err.status === 401) return;
      }
    }
    weekStaff.addEventListener('change', loadWeek);
    leaveStaff.addEventListener('change', loadLeave);

    panel.append(
      formCard('Weekly working hours', h('div', {},
        field('Member of staff', weekStaff),
        h('p', { class: 'hint' }, 'Ranges like 09:00-12:30, separated by commas; a gap between two ranges is a break. Leave a day empty when they do not work here. Saving replaces their week at this hub.'),
        h('div', { class: 'grid-2' }, WEEKDAYS.map((day, i) => field(day, dayInputs[i])))),
      'Save hours', async (v) => {
        const id = Number(need(v.staff_id, 'member of staff'));
        const ranges = [];
        for (let d = 1; d <= 7; d++) {
          const text = v[`day${d}`] ?? '';
          for (const part of text.split(',').map((x) => x.trim()).filter(Boolean)) {
            const m = /^(\d{1,2}:\d\d)\s*[-–]\s*(\d{1,2}:\d\d)$/.exec(part);
            if (!m) throw new Error(`${WEEKDAYS[d - 1]}: write ranges like 09:00-12:30.`);
            ranges.push({ hub_id: ctx.hub.id, weekday: d, start: m[1].padStart(5, '0'), end: m[2].padStart(5, '0') });
          }
        }
        await put(`/api/v1/staff/${id}/working-hours`, [...otherHubs, ...ranges]);
        return `Saved ${ranges.length} range${ranges.length === 1 ? '' : 's'} for the week.`;
      }),
      formCard('Leave', h('div', {},
        h('div', { class: 'grid-3' },
          field('Member of staff', leaveStaff),
          field('From', dateInput({ name: 'from', required: true }), 'dd/mm/yyyy'),
          field('To (inclusive)', dateInput({ name: 'to', required: true }), 'dd/mm/yyyy'),
          field('Reason (optional)', h('input', { name: 'reason' }))),
        leaveList),
      'Add leave', async (v, form) => {
        const id = Number(need(v.staff_id, 'member of staff'));
        const body = { from: readDate(need(v.from, 'first day'), 'first day'), to: readDate(need(v.to, 'last day'), 'last day') };
        if (v.reason) body.reason = v.reason;
        await post(`/api/v1/staff/${id}/absences`, body);
        form.reset();
        leaveStaff.value = String(id);
        await loadLeave();
        return `Leave recorded from ${ukDate(body.from)} to ${ukDate(body.to)}.`;
      }));
    await Promise.all([loadWeek(), loadLeave()]);
    const saved = sessionStorage.getItem('fd.setupSaved');
    if (saved) {
      sessionStorage.removeItem('fd.setupSaved');
      panel.prepend(h('p', { class: 'notice ok', role: 'status', id: 'setup-saved' }, saved));
      announce(saved);
    }
  },

  async services(panel, ctx) {
    const services = await tryList(`/api/v1/hubs/${ctx.hub.id}/services`, 'services');
    const kind = select([{ value: 'appointment', label: 'Appointment (one family)' }, { value: 'group', label: 'Group session' }], 'appointment', { name: 'kind' });
    panel.append(
      listCard('Services', ['Service', 'Kind', 'Length', 'For', 'At the kiosk'], rowsOf(services, (s) => [
        s.name, humanize(s.kind), `${s.duration_minutes} min`, s.needs_child ? 'A child' : 'Anyone',
        s.self_bookable === false ? 'Staff book it' : s.discreet ? 'Bookable, shown discreetly' : 'Bookable']), 'No services yet.'),
      formCard('Add a service', h('div', { class: 'grid-3' },
        field('Name', h('input', { name: 'name', required: true })),
        field('Kind', kind),
        field('Length in minutes', h('input', { name: 'duration_minutes', type: 'number', min: 5, step: 5, value: '30' })),
        field('Job of the practitioner', select(JOBS.map((j) => ({ value: j, label: humanize(j) })), 'midwife', { name: 'staff_role' })),
        field('Places (group sessions)', h('input', { name: 'capacity', type: 'number', min: 1 })),
        h('div', { class: 'field check' },
          h('input', { type: 'checkbox', id: 'svc-self', name: 'self_bookable', value: 'yes', checked: true }),
          h('label', { for: 'svc-self' }, 'Families can book it at the kiosk')),
        h('div', { class: 'field check' },
          h('input', { type: 'checkbox', id: 'svc-child', name: 'needs_child', value: 'yes' }),
          h('label', { for: 'svc-child' }, 'For a child (asks for the child\'s details)')),
        h('div', { class: 'field check' },
          h('input', { type: 'checkbox', id: 'svc-discreet', name: 'discreet', value: 'yes' }),
          h('label', { for: 'svc-discreet' }, 'Discreet: the kiosk does not name it on screen'))),
      'Add service', async (v, form) => {
        const body = {
          name: need(v.name, 'service name'), kind: v.kind, duration_minutes: Number(v.duration_minutes),
          staff_role: v.staff_role, self_bookable: v.self_bookable === 'yes',
          needs_child: v.needs_child === 'yes', discreet: v.discreet === 'yes',
        };
        if (v.kind === 'group') body.capacity = Number(need(v.capacity, 'number of places'));
        await post('/api/v1/services', body);
        form.reset();
        return rerender(panel, ctx, 'services', `Added ${body.name}.`);
      }));
  },

  async sessions(panel, ctx) {
    const [services, rooms, staff] = await Promise.all([
      tryList(`/api/v1/hubs/${ctx.hub.id}/services`, 'services'),
      tryList(`/api/v1/hubs/${ctx.hub.id}/rooms`, 'rooms'),
      staffOf(ctx)]);
    const groups = itemsOf(services).filter((s) => s.kind === 'group');
    panel.append(formCard('Add a group session series', h('div', { class: 'grid-3' },
      field('Service', select(groups.map((s) => ({ value: s.id, label: s.name })), groups[0]?.id, { name: 'service_id' })),
      field('Room', select(itemsOf(rooms).map((r) => ({ value: r.id, label: r.name })), itemsOf(rooms)[0]?.id, { name: 'room_id' })),
      field('Led by (optional)', select([{ value: '', label: 'Nobody named' }, ...itemsOf(staff).map((s) => ({ value: s.id, label: s.name }))], '', { name: 'staff_id' })),
      field('First date', dateInput({ name: 'date', required: true }), 'dd/mm/yyyy'),
      field('Start time', timeInput({ name: 'time', required: true, value: '10:00' }), 'hh:mm, 24-hour clock'),
      field('Number of weeks', h('input', { name: 'repeat_weekly', type: 'number', min: 1, max: 52, value: '6' })),
      field('Places (optional)', h('input', { name: 'capacity', type: 'number', min: 1 }), 'Empty: the service\'s number of places.')),
    'Create sessions', async (v) => {
      const start = localInstant(readDate(need(v.date, 'first date'), 'first date'), readTime(need(v.time, 'start time'), 'start time'));
      const body = { service_id: Number(need(v.service_id, 'group service')), hub_id: ctx.hub.id, room_id: Number(need(v.room_id, 'room')), start, repeat_weekly: Number(v.repeat_weekly || 1) };
      if (v.staff_id) body.staff_id = Number(v.staff_id);
      if (v.capacity) body.capacity = Number(v.capacity);
      const r = await post('/api/v1/sessions', body);
      const n = r?.ids?.length ?? body.repeat_weekly;
      return rerender(panel, ctx, 'sessions', `Created ${n} session${n === 1 ? '' : 's'}, the first on ${shortDateTime(start)}.`);
    }));
    if (!groups.length) panel.prepend(h('p', { class: 'notice info' }, 'Add a group service first (Services).'));
    // Every series to its last date (the end of term), not a fixed few weeks: a year ahead is the API's widest.
    const upcoming = await tryList(`/api/v1/hubs/${ctx.hub.id}/sessions?from=${ctx.today()}&to=${addDays(ctx.today(), 365)}`, 'sessions');
    panel.append(upcoming instanceof Error ? listCard('Group sessions', [], upcoming, '')
      : seriesCard(upcoming, itemsOf(staff), async (saved, extra) => {
        await rerender(panel, ctx, 'sessions', saved);
        if (extra) panel.querySelector('#setup-saved')?.after(extra);
      }));
  },

  languages: (panel, ctx, params) => languagesPanel(panel, ctx, params),

  async kiosks(panel, ctx) {
    // Kiosk tokens are the keys to a hub's front door: admins and managers create
    // and revoke them; the token is shown once.
    const isAdmin = ctx.me.role === 'admin' || ctx.me.role === 'manager';
    const listed = await tryList(`/api/v1/kiosks?hub_id=${ctx.hub.id}`, 'kiosks');
    const kiosks = itemsOf(listed);
    const tokenBox = h('div', { id: 'kiosk-token', tabindex: '-1' });
    panel.append(...[
      h('section', { class: 'card' }, h('h3', {}, 'Kiosks'),
        kiosks.length ? h('table', { class: 'appointments compact' },
          h('thead', {}, h('tr', {}, ['Name', 'State', ''].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, kiosks.map((k) => h('tr', {},
            h('td', {}, k.name),
            h('td', {}, k.revoked ? 'Revoked' : 'Active'),
            h('td', {}, k.revoked || !isAdmin ? null : h('button', {
              type: 'button', class: 'button small action-cancelled', 'aria-label': `Revoke: ${k.name}`,
              onclick: async (ev) => {
                if (!confirm(`Revoke the kiosk "${k.name}"? It stops working at once.`)) return;
                ev.currentTarget.disabled = true;
                try {
                  await post(`/api/v1/kiosks/${k.id}/revoke`, {});
                  announce(`${k.name} revoked`);
                  await rerender(panel, ctx, 'kiosks');
                } catch (err) {
                  panel.prepend(h('p', { class: 'notice error', role: 'alert' }, explain(err)));
                }
              },
            }, 'Revoke'))))))
          : listed instanceof Error ? h('p', { class: 'notice error' }, `The list could not be loaded: ${explain(listed)}`)
            : h('p', { class: 'empty' }, 'No kiosks yet.')),
      !isAdmin ? null : formCard('Add a kiosk', h('div', { class: 'grid-3' }, field('Name', h('input', { name: 'name', required: true, placeholder: 'e.g. Front entrance' }))),
        'Create kiosk', async (v, form) => {
          const k = await post('/api/v1/kiosks', { hub_id: ctx.hub.id, name: need(v.name, 'kiosk name') });
          form.reset();
          clear(tokenBox);
          tokenBox.append(h('div', { class: 'card token-card', role: 'alert' },
            h('h3', {}, `Token for ${v.name}`),
            h('p', {}, 'This token is shown only now. Type it into the kiosk\'s set-up screen, then close this message. If it is lost, revoke the kiosk and create a new one.'),
            h('label', { for: 'kiosk-token-value' }, 'Kiosk token'),
            h('input', { id: 'kiosk-token-value', class: 'token', readonly: true, value: k.token }),
            h('div', { class: 'action-row' },
              h('button', { type: 'button', class: 'button', onclick: async () => {
                try { await navigator.clipboard.writeText(k.token); announce('Token copied'); } catch { document.getElementById('kiosk-token-value').select(); }
              } }, 'Copy token'),
              h('button', { type: 'button', class: 'button', onclick: () => rerender(panel, ctx, 'kiosks') }, 'Done, hide it'))));
          tokenBox.focus();
          return null;
        }),
      tokenBox].filter(Boolean));
  },
};

/** Draws the tab again; `saved` ("Added …") then stands at the top of it. Returns null
 * (a form's run() returns this, so its own card says nothing more). */
async function rerender(panel, ctx, tab, saved) {
  clear(panel);
  await PANELS[tab](panel, ctx, new URLSearchParams(location.hash.split('?')[1] ?? ''));
  if (saved) {
    panel.prepend(h('p', { class: 'notice ok', role: 'status', id: 'setup-saved' }, saved));
    announce(saved);
  }
  return null;
}

/** A local date and time in this browser's zone (the hub's) as RFC 3339 with offset. */
function localInstant(date, time) {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const t = new Date(y, m - 1, d, hh, mm);
  const off = -t.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${date}T${time.padStart(5, '0')}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

