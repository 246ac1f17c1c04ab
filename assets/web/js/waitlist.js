// The waitlist of one service: who is waiting, in order, and who holds an offer (until
// when). Reception can add a family.

import { get, post, listOf, explain } from './api.js';
import { h, clear, field, select, announce } from './dom.js';
import { shortDateTime, humanize } from './format.js';
import { familyFields, hubServices } from './family_form.js';
import { live } from './live.js';

function personName(e) {
  if (e.client_name) return e.client_name;
  if (e.client) return `${e.client.first_name ?? ''} ${e.client.last_name ?? ''}`.trim();
  return '';
}

export async function render(container, params, ctx) {
  const services = await hubServices(container, ctx);
  if (!services) return null;
  const serviceSel = select(services.map((s) => ({ value: s.id, label: s.name })),
    params.get('service_id') ?? services[0]?.id, { id: 'waitlist-service' });
  const listBox = h('div', { id: 'waitlist-list' });
  const status = h('div', { class: 'error-slot' });

  async function load() {
    clear(status);
    if (!serviceSel.value) return;
    try {
      const data = await get(`/api/v1/waitlist?hub_id=${ctx.hub.id}&service_id=${serviceSel.value}`, { background: true });
      const entries = listOf(data, 'entries', 'waitlist', 'items');
      clear(listBox);
      if (!entries.length) { listBox.appendChild(h('p', { class: 'empty' }, 'Nobody is waiting for this service.')); return; }
      const offered = entries.filter((e) => e.status === 'offered');
      if (offered.length) {
        listBox.appendChild(h('p', { class: 'notice info' },
          offered.map((e) => `${personName(e) || `Entry ${e.id}`} holds an offer${e.offered_start ? ` for ${shortDateTime(e.offered_start)}` : ''}${e.offer_expires_at ? ` until ${shortDateTime(e.offer_expires_at)}` : ''}.`).join(' ')));
      }
      listBox.appendChild(h('table', { class: 'appointments waitlist' },
        h('caption', { class: 'visually-hidden' }, 'Waitlist'),
        h('thead', {}, h('tr', {},
          ['Place', 'Family', 'Child', 'Status', 'Offer', 'Reference'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, entries.map((e) => h('tr', { class: e.status === 'offered' ? 'offered' : '' },
          h('td', {}, e.position ?? ''),
          h('td', {}, personName(e)),
          h('td', {}, e.child_name ?? e.child?.first_name ?? ''),
          h('td', {}, h('span', { class: `badge badge-wl-${e.status}` }, humanize(e.status))),
          h('td', {}, e.status === 'offered'
            ? `${e.offered_start ? shortDateTime(e.offered_start) : 'A place'}${e.offer_expires_at ? `, held until ${shortDateTime(e.offer_expires_at)}` : ''}` : ''),
          h('td', {}, e.reference ?? ''))))));
    } catch (err) {
      if (err.status === 401) return;
      clear(listBox);
      status.appendChild(h('p', { class: 'notice error', role: 'alert' }, explain(err)));
    }
  }
  serviceSel.addEventListener('change', load);

  container.appendChild(h('section', { class: 'card', 'aria-labelledby': 'waitlist-title' },
    h('h1', { id: 'waitlist-title' }, 'Waitlists'),
    h('div', { class: 'grid-3' }, field('Service', serviceSel)),
    status, listBox));

  if (ctx.can('book')) {
    const needsChild = () => Boolean(services.find((x) => String(x.id) === serviceSel.value)?.needs_child);
  const family = familyFields('wl', { childRequired: needsChild });
  serviceSel.addEventListener('change', () => family.refresh());
    const from = h('input', { type: 'date', id: 'wl-from', min: ctx.today() });
    const to = h('input', { type: 'date', id: 'wl-to', min: ctx.today() });
    const addStatus = h('div', { class: 'error-slot' });
    const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'wl-add-title' },
      h('h2', { id: 'wl-add-title' }, 'Add a family to this waitlist'),
      h('div', { class: 'grid-3' }, field('Earliest day (optional)', from), field('Latest day (optional)', to)),
      family.element, addStatus,
      h('button', { type: 'submit', class: 'button primary' }, 'Add to waitlist'));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clear(addStatus);
      try {
        const body = { hub_id: ctx.hub.id, service_id: Number(serviceSel.value), ...family.read() };
        if (from.value) body.from = from.value;
        if (to.value) body.to = to.value;
        const entry = await post('/api/v1/waitlist', body);
        addStatus.appendChild(h('p', { class: 'notice ok', role: 'status' }, `Added: place ${entry.position} on the waitlist.`));
        announce(`Added at place ${entry.position}`);
        form.reset();
        family.refresh();
        await load();
      } catch (err) {
        addStatus.appendChild(h('p', { class: 'notice error', role: 'alert' }, err.status ? explain(err) : err.message));
      }
    });
    container.appendChild(form);
  }

  const unsubscribe = live.subscribe(() => load());
  await load();
  return unsubscribe;
}
