// Words and numbers as staff read them. Instants come from the server in the hub's
// own offset, so the wall-clock time is the text between 'T' and the seconds.

export const STATUS = {
  booked: { label: 'Booked', icon: '○' },
  arrived: { label: 'Arrived', icon: '●' },
  in_progress: { label: 'In progress', icon: '▶' },
  seen: { label: 'Seen', icon: '✓' },
  did_not_attend: { label: 'Did not attend', icon: '✕' },
  was_not_brought: { label: 'Was not brought', icon: '✕' },
  cancelled: { label: 'Cancelled', icon: '–' },
};

export function statusLabel(s) { return STATUS[s]?.label ?? humanize(s); }
export function statusIcon(s) { return STATUS[s]?.icon ?? '•'; }

const FLAGS = {
  interpreter: 'Needs an interpreter',
  needs_interpreter: 'Needs an interpreter',
  previous_was_not_brought: 'Previously not brought',
  was_not_brought_before: 'Previously not brought',
  repeat_was_not_brought: 'Repeatedly not brought',
  repeated_was_not_brought: 'Repeatedly not brought',
  previous_did_not_attend: 'Missed before',
  first_visit: 'First visit',
  safeguarding: 'Safeguarding note',
  access_needs: 'Access needs',
};
/** A flag may be "first_visit", {code}, or {code, label}; `language` names the interpreter's. */
export function flagLabel(flag, language) {
  if (language && (flag === 'needs_interpreter' || flag === 'interpreter')) return `Interpreter: ${language}`;
  if (flag && typeof flag === 'object') {
    if (flag.label) return flag.label;
    if (flag.language && (flag.code === 'interpreter' || flag.code === 'needs_interpreter'))
      return `Interpreter: ${flag.language}`;
    return FLAGS[flag.code] ?? humanize(flag.code ?? 'flag');
  }
  if (typeof flag === 'string' && flag.startsWith('interpreter:')) return `Interpreter: ${flag.slice(12)}`;
  return FLAGS[flag] ?? humanize(String(flag));
}
export function flagKind(flag) {
  const code = typeof flag === 'object' ? (flag?.code ?? '') : String(flag);
  if (code.includes('not_brought') || code.includes('did_not_attend')) return 'alert';
  if (code.includes('interpreter')) return 'info';
  if (code.includes('first')) return 'new';
  return 'plain';
}

export function humanize(code) {
  const s = String(code ?? '').replaceAll('_', ' ').trim();
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : '';
}

/** "2027-03-28T10:30:00+01:00" -> "10:30" (the hub's wall clock). */
export function hhmm(instant) {
  if (!instant) return '';
  const m = /T(\d\d:\d\d)/.exec(instant);
  return m ? m[1] : '';
}

/** Whole minutes from an instant to now (never negative). */
export function minutesSince(instant, now = Date.now()) {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.floor((now - t) / 60000));
}

export function waitingText(min) {
  if (min === null || min === undefined) return '';
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** Today's date (YYYY-MM-DD) in an IANA zone; the browser's zone when none. */
export function todayIn(timeZone) {
  const opts = { year: 'numeric', month: '2-digit', day: '2-digit' };
  try {
    return new Intl.DateTimeFormat('en-CA', { ...opts, timeZone: timeZone || undefined }).format(new Date());
  } catch {
    return new Intl.DateTimeFormat('en-CA', opts).format(new Date());
  }
}

export function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

// [SECTION] en-GB dates and times, whatever the browser's own locale: every page and
// the day sheet format through these, never through toLocale*() or the browser's default.

const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEKDAY_LONG = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
const pad2 = (n) => String(n).padStart(2, '0');

/** 1 = Monday … 7 = Sunday of a calendar date. */
function isoWeekday(y, m, d) { return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1; }

/** "2026-11-22" -> "Sunday 22 November 2026". */
export function longDate(date) {
  const [y, m, d] = date.split('-').map(Number);
  return `${WEEKDAY_LONG[isoWeekday(y, m, d) - 1]} ${d} ${MONTH_LONG[m - 1]} ${y}`;
}

/** "2027-03-14" (or an instant on that day) -> "14/03/2027". */
export function ukDate(date) {
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(date ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (date ?? '');
}

/** "2027-03-14T14:30:00+00:00" -> "Sun 14/03/2027, 14:30" (the hub's wall clock). */
export function shortDateTime(instant) {
  if (!instant) return '';
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)/.exec(instant);
  if (!m) return instant;
  return `${WEEKDAY_SHORT[isoWeekday(+m[1], +m[2], +m[3]) - 1]} ${m[3]}/${m[2]}/${m[1]}, ${m[4]}`;
}

/** This moment in an IANA zone (the browser's when none) as "14/03/2027 14:30". */
export function nowText(timeZone) {
  const opts = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  let parts;
  try { parts = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: timeZone || undefined }).formatToParts(new Date()); } catch { parts = new Intl.DateTimeFormat('en-GB', opts).formatToParts(new Date()); }
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** An instant in any offset ("2026-12-02T09:14:03Z") as the hub's wall clock, "02/12/2026 09:14";
 * the text as given when it is no instant. The zone is the browser's when none or unknown. */
export function zonedDateTime(instant, timeZone) {
  const t = Date.parse(instant ?? '');
  if (Number.isNaN(t)) return instant ?? '';
  const opts = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  let parts;
  try { parts = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: timeZone || undefined }).formatToParts(new Date(t)); } catch { parts = new Intl.DateTimeFormat('en-GB', opts).formatToParts(new Date(t)); }
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** What staff type for a date: "14/03/2027" (or 14/3/2027, or 2027-03-14) -> "2027-03-14";
 * null when it is no real calendar date. */
export function parseDate(text) {
  const s = String(text ?? '').trim();
  let y; let m; let d;
  let g = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (g) [d, m, y] = [+g[1], +g[2], +g[3]];
  else if ((g = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s))) [y, m, d] = [+g[1], +g[2], +g[3]];
  else return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** "9:05" or "09:05" -> "09:05"; null when it is no time of day (24-hour clock). */
export function parseTime(text) {
  const g = /^(\d{1,2}):(\d\d)$/.exec(String(text ?? '').trim());
  if (!g || +g[1] > 23 || +g[2] > 59) return null;
  return `${pad2(g[1])}:${g[2]}`;
}

/** Minutes past the start of a booking still booked: "late 25 min". */
export function lateText(min) {
  if (min === null || min === undefined || min < 1) return '';
  return `late ${waitingText(min)}`;
}

export function isDate(s) { return /^\d{4}-\d\d-\d\d$/.test(s ?? ''); }

/** A phone as staff read it out: "07700900123" -> "07700 900123"; others as given. */
export function phoneText(phone) {
  const s = String(phone ?? '').trim();
  if (/^0\d{10}$/.test(s)) return `${s.slice(0, 5)} ${s.slice(5)}`;
  if (/^\+44\d{10}$/.test(s)) return `+44 ${s.slice(3, 7)} ${s.slice(7)}`;
  return s;
}
