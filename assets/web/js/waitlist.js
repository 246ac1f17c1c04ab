// The hub's waitlists at a glance: for every service, the families waiting in order
// (places from 1) and every held offer with the family's phone, a Call link, "Accept for
// them" (books the family into the held place), "Remove", and the time the offer has
// left. Reception and managers can add a family to a service's waitlist below.

import { get, post, listOf, explain } from './api.js';
import { h, clear, field, select, announce, dateInput, readDate } from './dom.js';
import { shortDateTime, ukDate, waitingText, phoneText } from './format.js';
import { familyFields, hubServices } from './family_form.js';
import { live } from './live.js';

function familyLabel(e) {
  return e.child_name ? `${e.client_name} (${e.child_name})` : (e.client_name ?? '');
}

/** tel: link for a phone as typed ("07700 900123" -> tel:07700900123). */
function callLink(phone, who) {
  if (!phone) return h('span', { class: 'muted' }, 'No phone given');
  return h('span', { class: 'phone' },
    h('span', { class: 'phone-number' }, phoneText(phone)), ' ',
    h('a', { class: 'button small call', href: `tel:${phone.replace(/[^\d+]/g, '')}`, 'aria-label': `Call ${who} on ${phoneText(phone)}` }, 'Call'));
}

function wantedText(e) {
  if (e.session_start) return `The session on ${shortDateTime(e.session_start)}`;
  if (e.from && e.to) return `${ukDate(e.from)} to ${ukDate(e.to)}`;
  if (e.from) return `From ${ukDate(e.from)}`;
  if (e.to) return `Until ${ukDate(e.to)}`;
  return 'Any time';
}

/** "18 min left" / "1 h 05 min left" / "lapsing now". */
function timeLeftText(o) {
  const min = o.minutes_left ?? o.minutes_left_open;
  if (min === undefined || min === null) return o.offer_expires_at ? `until ${shortDateTime(o.offer_expires_at)}` : '';
  return min < 1 ? 'lapsing now' : `${waitingText(min)} left`;
}

export async function render(container, params, ctx) {
  const listBox = h('div', { id: 'waitlists', class: 'waitlists' });
  const status = h('div', { class: 'error-slot', id: 'waitlists-status' });
  const canAct = ctx.can('book');

  async function act(path, done, button) {
    button.disabled = true;
    clear(status);
    try {
      const answer = await post(path, {});
      status.appendChild(h('p', { class: 'notice ok', role: 'status' }, done(answer)));
      announce(done(answer));
      await load();
    } catch (err) {
      if (err.status === 401) return;
      button.disabled = false;
      status.appendChild(h('p', { class: 'notice error', role: 'alert' }, explain(err)));
    }
  }

  function offerRow(o) {
    const who = familyLabel(o);
    return h('tr', { class: 'offered', dataset: { entryId: String(o.id) } },
      h('td', {}, h('span', { class: 'name' }, o.client_name ?? ''), o.child_name ? h('span', { class: 'child' }, ` for ${o.child_name}`) : null),
      h('td', {}, callLink(o.phone, who)),
      h('td', {}, shortDateTime(o.offered_start), o.room?.name ? h('span', { class: 'room' }, ` · ${o.room.name}`) : null),
      h('td', { class: 'time-left' }, h('span', { class: `badge badge-wl-offered${(o.minutes_left ?? 99) < 10 ? ' soon' : ''}` }, timeLeftText(o))),
      h('td', { class: 'actions' }, canAct ? h('div', { class: 'action-row' },
        h('button', {
          type: 'button', class: 'button small action-seen', dataset: { action: 'accept' },
          'aria-label': `Accept for them: ${who}, ${shortDateTime(o.offered_start)}`,
          onclick: (ev) => act(`/api/v1/waitlist/${o.id}/accept`,
            (b) => `Booked ${who} for ${shortDateTime(b?.offered_start ?? o.offered_start)}${b?.reference ? `, reference ${b.reference}` : ''}.`, ev.currentTarget),
        }, 'Accept for them'),
        h('button', {
          type: 'button', class: 'button small action-cancelled', dataset: { action: 'remove' },
          'aria-label': `Remove: ${who}`,
          onclick: (ev) => {
            if (!confirm(`Remove ${who} from the waitlist? The place is offered to the next family.`)) return;
            act(`/api/v1/waitlist/${o.id}/decline`, () => `Removed ${who}; the place goes to the next family.`, ev.currentTarget);
          },
        }, 'Remove')) : null));
  }

  function waitingRow(e, i) {
    const who = familyLabel(e);
    const place = Number(e.position) >= 1 ? Number(e.position) : i + 1;
    return h('tr', { dataset: { entryId: String(e.id) } },
      h('td', { class: 'place' }, String(place)),
      h('td', {}, h('span', { class: 'name' }, e.client_name ?? ''), e.child_name ? h('span', { class: 'child' }, ` for ${e.child_name}`) : null),
      h('td', {}, callLink(e.phone, who)),
      h('td', {}, wantedText(e)),
      h('td', { class: 'actions' }, canAct ? h('button', {
        type: 'button', class: 'button small action-cancelled', dataset: { action: 'remove' },
        'aria-label': `Remove: ${who}`,
        onclick: (ev) => {
          if (!confirm(`Remove ${who} from the waitlist?`)) return;
          act(`/api/v1/waitlist/${e.id}/decline`, () => `Removed ${who} from the waitlist.`, ev.currentTarget);
        },
      }, 'Remove') : null));
  }

  function serviceCard(s) {
    const name = s.service?.name ?? 'Service';
    const offers = Array.isArray(s.offers) ? s.offers : [];
    const waiting = Array.isArray(s.waiting) ? s.waiting : [];
    const id = `wl-service-${s.service?.id}`;
    return h('section', { class: 'group wl-service', 'aria-labelledby': id, dataset: { serviceId: String(s.service?.id) } },
      h('h2', { class: 'group-title', id }, name,
        h('span', { class: 'count' }, `${waiting.length} waiting · ${offers.length} offer${offers.length === 1 ? '' : 's'} held`)),
      offers.length ? h('table', { class: 'appointments wl-offers' },
        h('caption', {}, 'Places offered, waiting for an answer'),
        h('thead', {}, h('tr', {}, ['Family', 'Phone', 'Place offered', 'Time left', ''].map((t, i) =>
          h('th', { scope: 'col' }, i === 4 ? h('span', { class: 'visually-hidden' }, 'Actions') : t)))),
        h('tbody', {}, offers.map(offerRow))) : null,
      waiting.length ? h('table', { class: 'appointments wl-waiting' },
        h('caption', {}, 'Waiting, in order'),
        h('thead', {}, h('tr', {}, ['Place', 'Family', 'Phone', 'Wants', ''].map((t, i) =>
          h('th', { scope: 'col' }, i === 4 ? h('span', { class: 'visually-hidden' }, 'Actions') : t)))),
        h('tbody', {}, waiting.map(waitingRow))) : null);
  }

  async function load() {
    try {
      const data = await get(`/api/v1/hubs/${ctx.hub.id}/waitlists`, { background: true });
      const services = listOf(data, 'services').filter((s) => (s.waiting?.length ?? 0) + (s.offers?.length ?? 0) > 0);
      clear(listBox);
      if (!services.length) { listBox.appendChild(h('p', { class: 'empty' }, 'Nobody is waiting for any service at this hub.')); return; }
      listBox.appendChild(h('div', { class: 'groups' }, services.map(serviceCard)));
    } catch (err) {
      if (err.status === 401) return;
      clear(listBox);
      listBox.appendChild(h('p', { class: 'notice error', role: 'alert' }, `The waitlists could not be loaded: ${explain(err)}`));
    }
  }

  container.appendChild(h('section', { class: 'waitlists-page', 'aria-labelledby': 'waitlist-title' },
    h('h1', { id: 'waitlist-title' }, 'Waitlists', h('span', { class: 'day-date' }, ctx.hub.name)),
    status, listBox));

  if (canAct) {
    const services = await hubServices(container, ctx);
    if (services) container.appendChild(addForm(services, ctx, params, load));
  }

  const unsubscribe = live.subscribe(() => load());
  const ticker = setInterval(load, 60_000); // the offers' minutes left
  await load();
  return () => { unsubscribe(); clearInterval(ticker); };
}

function addForm(services, ctx, params, reload) {
  const serviceSel = select(services.map((s) => ({ value: s.id, label: s.name })),
    params.get('service_id') ?? services[0]?.id, { id: 'waitlist-service', name: 'service_id' });
  const needsChild = () => Boolean(services.find((x) => String(x.id) === serviceSel.value)?.needs_child);
  const family = familyFields('wl', { childRequired: needsChild });
  serviceSel.addEventListener('change', () => family.refresh());
  const from = dateInput({ id: 'wl-from' });
  const to = dateInput({ id: 'wl-to' });
  const addStatus = h('div', { class: 'error-slot' });
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'wl-add-title' },
    h('h2', { id: 'wl-add-title' }, 'Add a family to a waitlist'),
    h('div', { class: 'grid-3' }, field('Service', serviceSel),
      field('Earliest day (optional)', from, 'dd/mm/yyyy'), field('Latest day (optional)', to, 'dd/mm/yyyy')),
    family.element, addStatus,
    h('button', { type: 'submit', class: 'button primary' }, 'Add to waitlist'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(addStatus);
    try {
      const body = { hub_id: ctx.hub.id, service_id: Number(serviceSel.value), ...family.read() };
      if (from.value) body.from = readDate(from.value, 'earliest day');
      if (to.value) body.to = readDate(to.value, 'latest day');
      const entry = await post('/api/v1/waitlist', body);
      const text = entry.position >= 1 ? `Added: place ${entry.position} on the waitlist.` : 'Added to the waitlist.';
      addStatus.appendChild(h('p', { class: 'notice ok', role: 'status' }, text));
      announce(text);
      form.reset();
      family.refresh();
      await reload();
    } catch (err) {
      addStatus.appendChild(h('p', { class: 'notice error', role: 'alert' }, err.status ? explain(err) : err.message));
    }
  });
  return form;
}
