// The colour of an SLA countdown: how urgent a complaint is by the time left until its current
// phase's deadline (sla_due_at) and the state the SLA check keeps (sla_state).
export const LEVELS = ['none', 'ok', 'soon', 'urgent', 'breached', 'paused'];

const HOUR = 3600 * 1000;

// `due` is an ISO time or null, `state` the complaint's sla_state, `now` milliseconds.
// breached: the deadline passed (or the check says so); urgent: under an hour left or the
// warning share passed (at_risk); soon: under four hours; ok: more; paused: waiting on the
// customer; none: no deadline (closed, or not watched yet).
export function slaLevel(due, state, now) {
  if (state === 'paused') return 'paused';
  if (!due) return state === 'breached' ? 'breached' : 'none';
  const left = Date.parse(due) - now;
  if (left <= 0 || state === 'breached') return 'breached';
  if (left < HOUR || state === 'at_risk') return 'urgent';
  if (left < 4 * HOUR) return 'soon';
  return 'ok';
}

// "2 h 05 min", "35 min", "-1 h 10 min" (overdue), for the countdown's text.
export function formatLeft(due, now) {
  const left = Date.parse(due) - now;
  const sign = left < 0 ? '-' : '';
  let minutes = Math.floor(Math.abs(left) / 60000);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  if (days > 0) return `${sign}${days} d ${hours} h`;
  if (hours > 0) return `${sign}${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${sign}${minutes} min`;
}

// Open complaints first, the most urgent deadline first, then the oldest.
export function byUrgency(a, b) {
  const due = (c) => (c.sla_due_at ? Date.parse(c.sla_due_at) : Infinity);
  return due(a) - due(b) || Date.parse(a.received_at) - Date.parse(b.received_at);
}
