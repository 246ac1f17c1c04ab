// One tab stop per table of appointments (a roving tab index): Tab reaches the table's
// current row, and from it that row's buttons, then leaves the table; ArrowDown,
// ArrowUp, Home and End move between rows; Enter on a row goes to its first button;
// Escape on a button goes back to its row. So the keyboard reaches any row's buttons
// in a few presses, not after every button of every row above it.

const CONTROLS = 'button, a[href], input, select, textarea';

/**
 * Makes tbody's rows one roving tab stop. `remember` ({get(), set(key)}) keeps the
 * current row, by its data-key, across redraws; the first row is current otherwise.
 */
export function rovingRows(tbody, remember = { get: () => null, set: () => {} }) {
  const rows = () => [...tbody.rows];
  function activate(tr, focus) {
    for (const r of rows()) {
      const on = r === tr;
      r.tabIndex = on ? 0 : -1;
      for (const c of r.querySelectorAll(CONTROLS)) c.tabIndex = on ? 0 : -1;
    }
    remember.set(tr.dataset.key);
    if (focus) tr.focus();
  }
  const first = rows().find((r) => r.dataset.key && r.dataset.key === remember.get()) ?? rows()[0];
  if (first) activate(first, false);

  tbody.addEventListener('focusin', (ev) => {
    const tr = ev.target.closest('tr');
    if (tr && tr.tabIndex !== 0) activate(tr, false); // a click on another row's button
  });
  tbody.addEventListener('keydown', (ev) => {
    const tr = ev.target.closest('tr');
    if (!tr || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const list = rows();
    const i = list.indexOf(tr);
    const onRow = ev.target === tr;
    let next;
    if (ev.key === 'ArrowDown') next = list[i + 1];
    else if (ev.key === 'ArrowUp') next = list[i - 1];
    else if (ev.key === 'Home' && onRow) next = list[0];
    else if (ev.key === 'End' && onRow) next = list[list.length - 1];
    else if (ev.key === 'Enter' && onRow) {
      ev.preventDefault();
      tr.querySelector(CONTROLS)?.focus();
      return;
    } else if (ev.key === 'Escape' && !onRow) {
      ev.preventDefault();
      tr.focus();
      return;
    } else return;
    ev.preventDefault();
    if (next) activate(next, true);
  });
}
