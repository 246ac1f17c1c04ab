// Set-up's "Names by language": what a family reads at the kiosk in their own language
// (GET/PUT /api/v1/{hubs|rooms|services}/{id}/translations).

import { get, put, explain } from './api.js';
import { h, clear, field, select } from './dom.js';
import { formCard, tryList, itemsOf } from './setup_forms.js';

/** The kiosk's languages besides English (the names as set up are the English ones). */
const LANGUAGES = [
  { code: 'pl', label: 'Polski (Polish)' },
  { code: 'pt', label: 'Português (Portuguese)' },
  { code: 'ro', label: 'Română (Romanian)' },
  { code: 'uk', label: 'Українська (Ukrainian)' },
];


/** One form per thing named (the hub, a room, a service): a name, and for a service a
 * one-line description, per language; empty means the kiosk shows the English. */
export async function languagesPanel(panel, ctx, params) {
  const [rooms, services] = await Promise.all([
    tryList(`/api/v1/hubs/${ctx.hub.id}/rooms`, 'rooms'),
    tryList(`/api/v1/hubs/${ctx.hub.id}/services`, 'services')]);
  const things = [
    { value: `hubs:${ctx.hub.id}`, label: `The hub: ${ctx.hub.name}`, english: ctx.hub.name },
    ...itemsOf(services).map((x) => ({ value: `services:${x.id}`, label: `Service: ${x.name}`, english: x.name, describe: true })),
    ...itemsOf(rooms).map((x) => ({ value: `rooms:${x.id}`, label: `Room: ${x.name}`, english: x.name })),
  ];
  const wanted = things.some((t) => t.value === params?.get('what')) ? params.get('what') : things[0].value;
  const picker = select(things, wanted, { id: 'lang-what' });
  const editor = h('div', { id: 'lang-editor' });
  picker.addEventListener('change', () => draw());
  panel.append(h('section', { class: 'card' },
    h('h3', {}, 'Names by language'),
    h('p', { class: 'hint' }, 'What a family reads at the kiosk in their own language. Leave a language empty and the kiosk shows the English name.'),
    h('div', { class: 'grid-3' }, field('Name of', picker))),
  editor);

  async function draw() {
    clear(editor);
    const thing = things.find((t) => t.value === picker.value);
    const [kind, id] = thing.value.split(':');
    let current = {};
    try {
      current = (await get(`/api/v1/${kind}/${id}/translations`))?.translations ?? {};
    } catch (err) {
      if (err.status === 401) return;
      editor.append(h('p', { class: 'notice error', role: 'alert' }, `The names could not be loaded: ${explain(err)}`));
      return;
    }
    const rows = LANGUAGES.map((l) => h('fieldset', { class: 'lang-row', dataset: { lang: l.code } },
      h('legend', {}, l.label),
      h('div', { class: 'grid-2' },
        field('Name', h('input', { name: `${l.code}.name`, lang: l.code, value: current[l.code]?.name ?? '', placeholder: thing.english })),
        thing.describe ? field('One line about it', h('input', { name: `${l.code}.description`, lang: l.code, value: current[l.code]?.description ?? '' })) : null)));
    editor.append(formCard(`${thing.label}, in other languages`, h('div', {}, rows), 'Save names', async (v) => {
      const translations = {};
      for (const l of LANGUAGES) {
        const name = v[`${l.code}.name`] ?? '';
        const description = v[`${l.code}.description`] ?? '';
        if (!name && !description) continue;
        if (!name) throw new Error(`${l.label}: write the name too, or leave the language empty.`);
        translations[l.code] = description ? { name, description } : { name };
      }
      await put(`/api/v1/${kind}/${id}/translations`, { translations });
      const n = Object.keys(translations).length;
      return `Saved: ${thing.english} in ${n} language${n === 1 ? '' : 's'} besides English.`;
    }));
  }
  await draw();
}
