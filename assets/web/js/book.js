// Book a family in: pick a service and a day, pick a free time (or "walk-in now": the
// next free time today, marked arrived at once), enter the family, confirm.

import { get, post, listOf, explain } from './api.js';
import { h, clear, field, select, announce, dateInput as dateField, readDate } from './dom.js';
import { hhmm, shortDateTime, isDate, ukDate } from './format.js';
import { familyFields, hubServices } from './family_form.js';

/** A fresh random key (crypto.randomUUID needs HTTPS; getRandomValues does not). */
function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function render(container, params, ctx) {
  if (!ctx.can('book')) {
    container.appendChild(h('section', { class: 'card' }, h('h1', {}, 'Book in'),
      h('p', { class: 'notice error', role: 'alert' }, 'Booking is for reception and managers. Your role can see the day and the waitlists.')));
    return null;
  }
  const services = await hubServices(container, ctx);
  if (!services) return null;
  const date = isDate(params.get('date')) ? params.get('date') : ctx.today();

  const serviceSel = select(services.map((s) => ({ value: s.id, label: `${s.name} (${s.duration_minutes} min${s.kind === 'group' ? ', group' : ''})` })),
    params.get('service_id') ?? services[0]?.id, { id: 'book-service', name: 'service_id' });
  const dateInput = dateField({ id: 'book-date', value: date });
  const slotsBox = h('div', { class: 'slots', id: 'book-slots' });
  const status = h('div', { class: 'error-slot' });
  const needsChild = () => Boolean(services.find((x) => String(x.id) === serviceSel.value)?.needs_child);
  const family = familyFields('book', { childRequired: needsChild });
  serviceSel.addEventListener('change', () => family.refresh());
  const result = h('div', { class: 'result', id: 'book-result', tabindex: '-1' });
  let slots = [];
  let walkIn = false;

  async function findTimes() {
    clear(slotsBox); clear(status); clear(result);
    walkIn = false;
    try {
      let d;
      try { d = readDate(dateInput.value, 'day') || ctx.today(); } catch (e) { status.appendChild(h('p', { class: 'notice error', role: 'alert' }, e.message)); return; }
      const data = await get(`/api/v1/availability?hub_id=${ctx.hub.id}&service_id=${serviceSel.value}&from=${d}&to=${d}`);
      slots = listOf(data, 'slots');
      if (!slots.length) {
        slotsBox.appendChild(h('p', { class: 'empty' }, 'No free times on that day. Try another day, or add the family to the waitlist.'),
        );
        slotsBox.appendChild(h('a', { class: 'button', href: `#/waitlist?service_id=${serviceSel.value}` }, 'Go to the waitlist'));
        return;
      }
      slotsBox.appendChild(h('fieldset', { class: 'slot-list' }, h('legend', {}, 'Free times'),
        slots.map((s, i) => {
          const id = `slot-${i}`;
          return h('span', { class: 'slot' },
            h('input', { type: 'radio', name: 'slot', id, value: String(i), checked: i === 0 }),
            h('label', { for: id }, hhmm(s.start), s.places_left > 1 ? h('small', {}, ` ${s.places_left} places`) : null));
        })));
    } catch (err) {
      status.appendChild(h('p', { class: 'notice error', role: 'alert' }, explain(err)));
    }
  }

  async function walkInNow() {
    dateInput.value = ukDate(ctx.today());
    await findTimes();
    if (!slots.length) return;
    walkIn = true;
    status.appendChild(h('p', { class: 'notice info', role: 'status' },
      `Walk-in: the next free time today is ${hhmm(slots[0].start)}. Enter the family and book; they are marked arrived.`));
    family.focus();
  }

  async function book(ev) {
    ev.preventDefault();
    clear(status); clear(result);
    const chosen = slotsBox.querySelector('input[name="slot"]:checked');
    if (!chosen) { status.appendChild(h('p', { class: 'notice error', role: 'alert' }, 'Find and choose a time first.')); return; }
    let who;
    try { who = family.read(); } catch (e) { status.appendChild(h('p', { class: 'notice error', role: 'alert' }, e.message)); return; }
    const slot = slots[Number(chosen.value)];
    const body = { hub_id: ctx.hub.id, service_id: Number(serviceSel.value), ...who };
    if (slot.session_id) body.session_id = slot.session_id; else body.start = slot.start;
    const submit = ev.submitter ?? form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      const b = await post('/api/v1/bookings', body, { headers: { 'Idempotency-Key': idempotencyKey() } });
      if (walkIn) await post(`/api/v1/bookings/${b.id}/status`, { status: 'arrived' });
      result.appendChild(h('div', { class: 'card confirm' },
        h('h2', {}, walkIn ? 'Booked and marked arrived' : 'Booked'),
        h('p', { class: 'reference' }, 'Reference ', h('strong', {}, b.reference)),
        h('p', {}, `${b.service?.name ?? ''}, ${shortDateTime(b.start)}${b.room ? `, ${b.room.name}` : ''}${b.staff ? `, with ${b.staff.name}` : ''}.`),
        h('a', { class: 'button', href: `#/day?date=${(b.start ?? '').slice(0, 10)}` }, 'See the day')));
      announce(`Booked, reference ${b.reference}`);
      form.reset();
      family.refresh();
      clear(slotsBox);
      result.focus();
    } catch (err) {
      status.appendChild(h('p', { class: 'notice error', role: 'alert' },
        err.code === 'slot_unavailable' ? 'That time has just been taken. Find times again.' : explain(err)));
    } finally {
      submit.disabled = false;
    }
  }

  const form = h('form', { class: 'card', novalidate: true, onsubmit: book, 'aria-labelledby': 'book-title' },
    h('h1', { id: 'book-title' }, 'Book a family in'),
    h('div', { class: 'grid-3' },
      field('Service', serviceSel),
      field('Day', dateInput, 'dd/mm/yyyy'),
      h('div', { class: 'field buttons' },
        h('button', { type: 'button', class: 'button', onclick: findTimes }, 'Find times'),
        h('button', { type: 'button', class: 'button', onclick: walkInNow, id: 'walk-in' }, 'Walk-in now'))),
    slotsBox,
    family.element,
    status,
    h('button', { type: 'submit', class: 'button primary' }, 'Book'));
  container.appendChild(form);
  container.appendChild(result);
  if (!services.length) status.appendChild(h('p', { class: 'notice info' }, 'This hub has no services yet.'));
  return null;
}
