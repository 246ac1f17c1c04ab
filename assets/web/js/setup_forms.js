// The set-up tabs' building blocks: a form card that says what it saved or what the
// server refused (beside the field it names), a list card, and lists that draw their
// own load error.

import { get, listOf, explain } from './api.js';
import { h, clear, formValues, announce } from './dom.js';


/**
 * A form card: on submit, run(values, form) and show its answer ("Added …") or error
 * inside the card. An error the server pins on one field (`field`, the control's name)
 * is shown beside that field too, and the field is marked invalid.
 */
export function formCard(title, controls, submitLabel, run) {
  const status = h('div', { class: 'error-slot' });
  const form = h('form', { class: 'card', novalidate: true }, h('h3', {}, title), controls, status,
    h('button', { type: 'submit', class: 'button primary' }, submitLabel));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(status);
    clearFieldErrors(form);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const text = await run(formValues(form), form);
      if (text) {
        status.appendChild(h('p', { class: 'notice ok', role: 'status' }, text));
        announce(text);
      }
    } catch (err) {
      const words = err.status !== undefined ? explain(err) : err.message;
      const control = err.field ? (form.elements.namedItem(err.field) ?? form.elements.namedItem(err.field.replace(/^translations\./, ''))) : null;
      if (control?.closest?.('.field')) fieldError(control, words);
      status.appendChild(h('p', { class: 'notice error', role: 'alert' }, words));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export function fieldError(control, words) {
  const note = h('p', { class: 'field-error', id: `${control.id || control.name}-error` }, words);
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
  control.closest('.field').appendChild(note);
}

export function clearFieldErrors(form) {
  for (const note of form.querySelectorAll('.field-error')) {
    const control = note.closest('.field')?.querySelector('[aria-invalid]');
    if (control) {
      control.removeAttribute('aria-invalid');
      const rest = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== note.id);
      if (rest.length) control.setAttribute('aria-describedby', rest.join(' ')); else control.removeAttribute('aria-describedby');
    }
    note.remove();
  }
}

export function listCard(title, headers, rows, empty) {
  if (rows instanceof Error) {
    return h('section', { class: 'card' }, h('h3', {}, title),
      h('p', { class: 'notice error' }, `The list could not be loaded: ${explain(rows)}`));
  }
  return h('section', { class: 'card' }, h('h3', {}, title),
    rows.length ? h('table', { class: 'appointments compact' },
      h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c))))))
      : h('p', { class: 'empty' }, empty));
}

/** The list at `path`, or the ApiError when it could not be read (drawn as a notice). */
export async function tryList(path, ...keys) {
  try { return listOf(await get(path), ...keys); } catch (err) { if (err.status === 401) throw err; return err; }
}
export const rowsOf = (list, fn) => (list instanceof Error ? list : list.map(fn));
export const itemsOf = (list) => (list instanceof Error ? [] : list);

export const need = (v, label) => { if (!v) throw new Error(`Enter the ${label}.`); return v; };
