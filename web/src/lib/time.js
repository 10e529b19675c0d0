// Times are stored and sent in UTC and shown in the user's time zone (their profile's, else the
// browser's).
import { session } from '../auth/session.js';

export function userTimeZone() {
  return (session.user && session.user.time_zone) || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const formats = new Map();
function formatter(locale, timeZone, withDate) {
  const key = `${locale}|${timeZone}|${withDate}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat(locale, {
      timeZone,
      ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }));
  }
  return formats.get(key);
}

// "2026/12/07 19:57" in zh-CN, "12/07/2026, 19:57" in en, in `timeZone`.
export function formatTime(iso, locale, timeZone = userTimeZone()) {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return formatter(locale, timeZone, true).format(t);
}

// The calendar day YYYY-MM-DD of `date` in `timeZone` (for analytics periods).
export function dayIn(date, timeZone = userTimeZone()) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(date);
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
