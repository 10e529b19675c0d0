// The logic behind the pages: the event-stream parser, KPI formats, form checks, the tile grid.
import { describe, expect, it } from 'vitest';
import { parseEvents } from '../src/api/live.js';
import { formatKpi, meetsTarget, monthOf } from '../src/lib/kpiFormat.js';
import { complaintChecks } from '../src/lib/validation.js';
import { TILES, shade, tileOf } from '../src/lib/provinces.js';

const t = (key, args) => (args ? `${key}:${JSON.stringify(args)}` : key);

describe('parseEvents', () => {
  it('parses whole events, keeps a partial one and skips comments', () => {
    const seen = [];
    const rest = parseEvents(': heartbeat\n\nid: 5-1\nevent: complaint.created\ndata: {"a":1}\n\nid: 6-1\nevent: sla.warn', (type, data, id) => seen.push([type, data, id]));
    expect(seen).toEqual([['complaint.created', '{"a":1}', '5-1']]);
    expect(rest).toBe('id: 6-1\nevent: sla.warn');
  });
  it('joins data lines', () => {
    const seen = [];
    parseEvents('data: a\ndata: b\n\n', (type, data) => seen.push([type, data]));
    expect(seen).toEqual([['message', 'a\nb']]);
  });
});

describe('formatKpi', () => {
  it('reads by unit', () => {
    expect(formatKpi(0.9389, 'rate', 'en')).toBe('93.9%');
    expect(formatKpi(45, 'minutes', 'en')).toBe('45 min');
    expect(formatKpi(158, 'minutes', 'en')).toBe('2.6 h');
    expect(formatKpi(3.4936, 'score', 'en')).toBe('3.49');
    expect(formatKpi(null, 'rate', 'en')).toBe('—');
    expect(formatKpi(1028, 'count', 'en')).toBe('1,028');
  });
  it('compares with the target the right way round', () => {
    expect(meetsTarget(0.96, 0.95, true)).toBe(true);
    expect(meetsTarget(0.15, 0.05, false)).toBe(false);
    expect(meetsTarget(null, 0.05, false)).toBe(null);
  });
  it('knows the months', () => {
    expect(monthOf('2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthOf('2028-02-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

describe('complaintChecks', () => {
  it('names each bad field once', () => {
    expect(complaintChecks({ description: ' ', phone: 'abc', email: 'x@', requireContact: true }, t)).toEqual({
      description: 'validation.required', phone: 'validation.phone', email: 'validation.email',
    });
    expect(complaintChecks({ description: '猫粮发霉', phone: '', email: '', requireContact: true }, t)).toEqual({ phone: 'validation.contact' });
    expect(complaintChecks({ description: '猫粮发霉', phone: '138 0013 8000' }, t)).toEqual({});
  });
});

describe('province tiles', () => {
  it('has 34 province-level divisions, one tile each, none on another', () => {
    expect(TILES.length).toBe(34);
    expect(new Set(TILES.map((x) => `${x.col},${x.row}`)).size).toBe(34);
  });
  it('keeps tile text readable at every shade (4.5:1)', () => {
    const lum = (rgbText) => {
      const [r, g, b] = rgbText.match(/\d+/g).map(Number).map((v) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (let i = 0; i <= 100; ++i) {
      const { background, color } = shade(i / 100);
      const [a, b] = [lum(background), color === '#fff' ? 1 : 0].sort((x, y) => y - x);
      expect((a + 0.05) / (b + 0.05), `share ${i}%`).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('finds a tile by short or full name', () => {
    expect(tileOf('浙江').name).toBe('浙江');
    expect(tileOf('浙江省').name).toBe('浙江');
    expect(tileOf('广西壮族自治区').name).toBe('广西');
    expect(tileOf('')).toBe(null);
  });
});
