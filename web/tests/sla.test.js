// The SLA countdown's colour and text at the boundaries.
import { describe, expect, it } from 'vitest';
import { byUrgency, formatLeft, slaLevel } from '../src/lib/sla.js';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const at = (minutes) => new Date(NOW + minutes * 60000).toISOString();

describe('slaLevel', () => {
  it('colours by the time left', () => {
    expect(slaLevel(at(300), 'ok', NOW)).toBe('ok');
    expect(slaLevel(at(240), 'ok', NOW)).toBe('ok');
    expect(slaLevel(at(239), 'ok', NOW)).toBe('soon');
    expect(slaLevel(at(60), 'ok', NOW)).toBe('soon');
    expect(slaLevel(at(59), 'ok', NOW)).toBe('urgent');
    expect(slaLevel(at(0), 'ok', NOW)).toBe('breached');
    expect(slaLevel(at(-5), 'ok', NOW)).toBe('breached');
  });
  it('follows the state the SLA check keeps', () => {
    expect(slaLevel(at(300), 'at_risk', NOW)).toBe('urgent');
    expect(slaLevel(at(300), 'breached', NOW)).toBe('breached');
    expect(slaLevel(at(-300), 'paused', NOW)).toBe('paused');
    expect(slaLevel(null, '', NOW)).toBe('none');
    expect(slaLevel(null, 'breached', NOW)).toBe('breached');
  });
});

describe('formatLeft', () => {
  it('reads as days, hours and minutes, negative when overdue', () => {
    expect(formatLeft(at(35), NOW)).toBe('35 min');
    expect(formatLeft(at(125), NOW)).toBe('2 h 05 min');
    expect(formatLeft(at(-70), NOW)).toBe('-1 h 10 min');
    expect(formatLeft(at(3 * 1440 + 120), NOW)).toBe('3 d 2 h');
  });
});

describe('byUrgency', () => {
  it('puts the nearest deadline first and complaints without one last', () => {
    const rows = [
      { id: 1, sla_due_at: null, received_at: at(-10) },
      { id: 2, sla_due_at: at(30), received_at: at(-5) },
      { id: 3, sla_due_at: at(10), received_at: at(-1) },
    ];
    expect(rows.sort(byUrgency).map((r) => r.id)).toEqual([3, 2, 1]);
  });
});
