// How a KPI's value reads, by the unit docs/kpi.md gives it, and whether it meets its target.
export function formatKpi(value, unit, locale = 'zh-CN') {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const n = (v, digits) => v.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (unit) {
    case 'rate': return `${n(value * 100, 1)}%`;
    case 'minutes': return value >= 120 ? `${n(value / 60, 1)} h` : `${n(value, 0)} min`;
    case 'hours': return `${n(value, 1)} h`;
    case 'score': return n(value, 2);
    case 'points': return n(value, 1);
    case 'yuan': return `¥${n(value, 2)}`;
    default: return n(value, 0);
  }
}

// true / false against the target, null without a target or a value.
export function meetsTarget(value, target, higherIsBetter) {
  if (value === null || value === undefined || target === null || target === undefined) return null;
  return higherIsBetter ? value >= target : value <= target;
}

// The first and last day (YYYY-MM-DD) of the month of `day` and of the month before it.
export function monthOf(day) {
  const [y, m] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${y}-${String(m).padStart(2, '0')}-01`, to: `${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}` };
}
