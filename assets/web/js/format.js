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

/** "2026-11-22" -> "Sunday 22 November 2026". */
export function longDate(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "2027-03-28T10:30:00+01:00" -> "Sun 28 Mar, 10:30". */
export function shortDateTime(instant) {
  if (!instant) return '';
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)/.exec(instant);
  if (!m) return instant;
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  return `${day}, ${m[4]}`;
}

export function isDate(s) { return /^\d{4}-\d\d-\d\d$/.test(s ?? ''); }
