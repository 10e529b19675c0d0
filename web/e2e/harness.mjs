// The browser tests' world: a demo database built by the closeloop binary (scripts/build makes
// it), `closeloop serve` with the built web application on a free loopback port, and Debian's
// chromium driven by playwright-core. Screenshots go to e2e/artifacts/.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = join(here, 'artifacts');
const BIN = process.env.CLOSELOOP_BIN || resolve(here, '../../build/src/app/closeloop');
const DIST = resolve(here, '../dist');
export const PASSWORD = 'closeloop-demo';

function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

// Starts the server on a fresh demo database; returns { base, browser, stop, api, pid }.
export async function startWorld({ complaints = 600 } = {}) {
  if (!existsSync(BIN)) throw new Error(`no closeloop binary at ${BIN}: run scripts/build`);
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no ${DIST}/index.html: run npm run build`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-e2e-'));
  const db = join(dir, 'demo.db');
  execFileSync(BIN, ['demo', '--db', db, '--complaints', String(complaints), '--durability', 'process'], { stdio: 'ignore' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', DIST, '--access-log', 'off',
    '--durability', 'process'], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor(`${base}/healthz`, 20000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const stop = async () => {
    await browser.close().catch(() => {});
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  };
  return { base, browser, stop, api: apiClient(base), pid: server.pid };
}

// The API as a script would call it, for setting up what a test needs.
export function apiClient(base) {
  const tokens = new Map();
  async function token(username) {
    if (!tokens.has(username)) {
      const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ username, password: PASSWORD }) });
      if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
      tokens.set(username, (await r.json()).token);
    }
    return tokens.get(username);
  }
  async function call(username, method, path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (username) headers.Authorization = `Bearer ${await token(username)}`;
    const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    const data = text ? JSON.parse(text) : null;
    if (!r.ok) throw new Error(`${method} ${path} as ${username}: ${r.status} ${text}`);
    return data;
  }
  return { token, call };
}

// A fresh page in its own browser context (its own storage: one user per context).
export async function newPage(world, { locale = 'zh-CN' } = {}) {
  const context = await world.browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return page;
}

export async function login(page, base, username, next = '') {
  await page.goto(`${base}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.fill('[data-test=username]', username);
  await page.fill('[data-test=password]', PASSWORD);
  await page.click('[data-test=login]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// Chooses `text` in the Element Plus select marked data-test=`test`.
export async function pick(page, test, text) {
  await page.click(`[data-test=${test}]`);
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: text }).first().click();
}

// Accessibility checks of what is on screen: every form control and button has a name, and
// text has the contrast WCAG 2.1 AA asks (4.5:1, 3:1 for large text). Returns the problems.
export async function accessibilityProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const nameOf = (el) => {
      const label = el.getAttribute('aria-label') || el.getAttribute('title') || '';
      const by = el.getAttribute('aria-labelledby');
      const labelled = by ? by.split(' ').map((id) => (document.getElementById(id) || {}).textContent || '').join(' ') : '';
      const forLabel = el.id ? (document.querySelector(`label[for="${el.id}"]`) || {}).textContent || '' : '';
      const wrapped = el.closest('label') ? el.closest('label').textContent : '';
      const formItem = el.closest('.el-form-item') ? (el.closest('.el-form-item').querySelector('.el-form-item__label') || {}).textContent || '' : '';
      const select = el.closest('.el-select') ? el.closest('.el-select').getAttribute('aria-label') || '' : '';
      return (label + labelled + forLabel + wrapped + formItem + select + (el.textContent || '') + (el.value && el.type === 'submit' ? el.value : '')).trim();
    };
    for (const el of document.querySelectorAll('input:not([type=hidden]), textarea, select, button, [role=button], a[href]')) {
      if (!visible(el) || el.closest('[aria-hidden=true]')) continue;
      if (!nameOf(el) && !el.getAttribute('placeholder')) problems.push(`no name: ${el.outerHTML.slice(0, 120)}`);
    }
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 4 && c[3] === 0) continue;
        if (c.length >= 3) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent.trim() || !visible(el)) continue;
      seen.add(el);
      if (el.closest('[disabled], .is-disabled, canvas, svg, [aria-hidden=true], .el-tooltip__popper')) continue;
      const s = getComputedStyle(el);
      if (Number(s.opacity) < 1) continue;
      const fg = rgb(s.color).slice(0, 3);
      const bg = background(el);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      const size = parseFloat(s.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)}: "${n.textContent.trim().slice(0, 30)}" (${s.color} on rgb(${bg}))`);
    }
    return problems;
  });
}
