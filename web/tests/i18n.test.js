// Every string in both languages: the same keys in zh-CN and en, no empty text, and every key the
// pages ask for exists (static keys found in the sources, and the enumerations pages build keys
// from).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { baseCompile } from '@intlify/message-compiler';
import zh from '../src/i18n/zh-CN.js';
import en from '../src/i18n/en.js';

function flatten(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out[key] = v;
  }
  return out;
}
function sources(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(vue|js)$/.test(name) && !path.includes('i18n')) out.push(path);
  }
  return out;
}
const zhKeys = flatten(zh);
const enKeys = flatten(en);

describe('i18n', () => {
  it('has the same keys in both languages', () => {
    expect(Object.keys(enKeys).sort()).toEqual(Object.keys(zhKeys).sort());
  });
  it('has only messages vue-i18n can compile (@, |, { and } are its syntax)', () => {
    const broken = [];
    for (const [k, v] of Object.entries({ ...zhKeys, ...enKeys })) {
      baseCompile(String(v), { onError: (e) => broken.push(`${k}: ${e.message}`) });
    }
    expect(broken).toEqual([]);
  });
  it('has no empty text', () => {
    for (const [k, v] of Object.entries({ ...zhKeys, ...enKeys })) expect(String(v).trim(), k).not.toBe('');
  });
  it('has every key the pages ask for', () => {
    const used = new Set();
    for (const file of sources(join(__dirname, '../src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) used.add(m[1]);
    }
    const missing = [...used].filter((k) => !(k in zhKeys));
    expect(missing).toEqual([]);
  });
  it('names every value of the enumerations pages translate', () => {
    const enums = {
      status: ['received', 'classified', 'assigned', 'in_progress', 'waiting_on_customer', 'resolved', 'closed', 'reopened', 'rejected'],
      priority: ['urgent', 'high', 'normal', 'low'],
      channel: ['api', 'web', 'email', 'phone', 'store', 'ecommerce', 'social', 'chat', 'import'],
      type: ['inquiry', 'quality', 'service', 'suggestion', 'malicious'],
      remedy: ['refund', 'replacement', 'repair', 'compensation', 'apology', 'explanation', 'other'],
      roles: ['admin', 'manager', 'agent', 'department', 'analyst', 'auditor'],
      'sla.level': ['none', 'ok', 'soon', 'urgent', 'breached', 'paused'],
      'sla.phase': ['first_response', 'identify', 'analyse', 'resolve'],
      'task.statuses': ['open', 'in_progress', 'done', 'cancelled'],
      'improvement.stages': ['plan', 'do', 'check', 'act', 'closed'],
      'public.statuses': ['received', 'classified', 'assigned', 'in_progress', 'waiting_on_customer', 'resolved', 'closed', 'reopened', 'rejected'],
      dimension: ['category', 'channel', 'product', 'batch', 'store', 'team', 'agent', 'tier', 'touchpoint', 'region'],
    };
    for (const [prefix, values] of Object.entries(enums)) {
      for (const v of values) expect(zhKeys[`${prefix}.${v}`], `${prefix}.${v}`).toBeTruthy();
    }
  });
});
