// What booking and the waitlist share: the hub's services, and the family's details
// (the parent or carer, and the child when there is one). familyFields returns
// {element, read()} where read() gives {client, child?} or throws a message naming the
// first missing field.

import { get, listOf, explain } from './api.js';
import { h, field, dateInput, readDate } from './dom.js';

/** The hub's services, or null after saying in `container` why they could not be had. */
export async function hubServices(container, ctx) {
  try {
    return listOf(await get(`/api/v1/hubs/${ctx.hub.id}/services`), 'services');
  } catch (err) {
    if (err.status !== 401) // a 401 ends the session and shows sign-in
      container.appendChild(h('p', { class: 'notice error', role: 'alert' }, `The hub's services could not be loaded: ${explain(err)}`));
    return null;
  }
}

/** childRequired: a function, asked at each read (the chosen service may need a child). */
export function familyFields(prefix, { childRequired = () => false } = {}) {
  const input = (name, attrs = {}) => h('input', { id: `${prefix}-${name}`, name, ...attrs });
  const first = input('first_name', { autocomplete: 'off', required: true });
  const last = input('last_name', { autocomplete: 'off', required: true });
  const dob = dateInput({ id: `${prefix}-date_of_birth`, name: 'date_of_birth', required: true });
  const phone = input('phone', { type: 'tel', autocomplete: 'off' });
  const childFirst = input('child_first_name', { autocomplete: 'off' });
  const childDob = dateInput({ id: `${prefix}-child_date_of_birth`, name: 'child_date_of_birth' });

  const legend = h('legend', {});
  const refresh = () => {
    legend.textContent = childRequired() ? 'Child (this service is for a child)' : 'Child (if the appointment is for a child)';
  };
  refresh();
  const element = h('div', { class: 'family-fields' },
    h('fieldset', {}, h('legend', {}, 'Parent or carer'),
      h('div', { class: 'grid-2' },
        field('First name', first),
        field('Last name', last),
        field('Date of birth', dob, 'dd/mm/yyyy'),
        field('Phone (optional)', phone))),
    h('fieldset', {}, legend,
      h('div', { class: 'grid-2' },
        field('Child\'s first name', childFirst),
        field('Child\'s date of birth', childDob, 'dd/mm/yyyy'))));

  function read() {
    const need = (el, label) => {
      if (!el.value.trim()) { el.focus(); throw new Error(`Enter the ${label}.`); }
      return el.value.trim();
    };
    const client = {
      first_name: need(first, 'first name'),
      last_name: need(last, 'last name'),
      date_of_birth: readDate(need(dob, 'date of birth'), 'date of birth'),
    };
    if (phone.value.trim()) client.phone = phone.value.trim();
    let child;
    if (childRequired() || childFirst.value.trim() || childDob.value) {
      child = {
        first_name: need(childFirst, 'child\'s first name'),
        date_of_birth: readDate(need(childDob, 'child\'s date of birth'), 'child\'s date of birth'),
      };
    }
    return child ? { client, child } : { client };
  }

  return { element, read, refresh, focus: () => first.focus() };
}
