// Tiny DOM helpers. Text always goes in as text (textContent), never as HTML, so
// names typed by families can never become markup.

import { ukDate, parseDate, parseTime } from './format.js';

/** h('button', {class: 'x', onclick: fn, 'aria-label': 'y'}, 'text', child, ...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') {
      if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') el.defaultValue = value; // form.reset() keeps it
      el.value = value;
    } else if (key === 'checked') { el.defaultChecked = value; el.checked = value; }
    else if (key === 'selected') { el.defaultSelected = value; el.selected = value; }
    else if (key === 'disabled') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let uid = 0;
/** A unique id for label/for pairs. */
export function nextId(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled form field: <div class="field"><label for=id>text</label>control</div>. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = nextId();
  const hintEl = hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control, hintEl);
}

/** <select> from [{value, label}] with one selected. */
export function select(options, selected, attrs = {}) {
  return h('select', attrs, options.map((o) =>
    h('option', { value: String(o.value), selected: String(o.value) === String(selected) }, o.label)));
}

/** Reads a form's named controls into an object of trimmed strings. */
export function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) out[k] = typeof v === 'string' ? v.trim() : v;
  return out;
}

let announcer;
/** Says something to screen readers (and shows nothing). */
export function announce(text) {
  announcer ??= document.getElementById('announcer');
  if (!announcer) return;
  announcer.textContent = '';
  setTimeout(() => { announcer.textContent = text; }, 50);
}

/** A message box inside a form or section; kind: 'error' | 'ok' | 'info'. */
export function message(kind, text) {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/**
 * A date typed as staff write it, 14/03/2027, whatever the browser's locale (an
 * <input type=date> would show the browser's own order: 03/14/2027 in an en-US one).
 * `value` is ISO (2027-03-14); read it back with readDate().
 */
export function dateInput(attrs = {}) {
  const { value, ...rest } = attrs;
  return h('input', {
    type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'dd/mm/yyyy',
    pattern: '\\d{1,2}/\\d{1,2}/\\d{4}', maxlength: 10, class: 'date-input', ...rest,
    value: value ? ukDate(value) : undefined,
  });
}

/** A time of day on the 24-hour clock (14:30). */
export function timeInput(attrs = {}) {
  return h('input', {
    type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'hh:mm',
    pattern: '\\d{1,2}:\\d\\d', maxlength: 5, class: 'time-input', ...attrs,
  });
}

/** The ISO date in a dateInput's text ('' when empty); throws "Write the LABEL as
 * dd/mm/yyyy." when it is no date. */
export function readDate(text, label) {
  if (!String(text ?? '').trim()) return '';
  const iso = parseDate(text);
  if (!iso) throw new Error(`Write the ${label} as dd/mm/yyyy, for example 14/03/2027.`);
  return iso;
}

/** The HH:MM in a timeInput's text; throws a message naming the field when it is none. */
export function readTime(text, label) {
  const t = parseTime(text);
  if (!t) throw new Error(`Write the ${label} as hh:mm on the 24-hour clock, for example 14:30.`);
  return t;
}
