// How long the manager's dashboard takes to become interactive: from navigation (a fresh browser
// context each time, so a cold HTTP cache) until the KPI tiles show their numbers and the
// province map is clickable, and until the charts are drawn. Runs against `closeloop serve` on a
// demo database of COMPLAINTS complaints (default 3000, the README's demo), seven times; prints
// the median and the slowest. Usage: node scripts/measure-dashboard.mjs [COMPLAINTS]
import { startWorld } from '../e2e/harness.mjs';

const complaints = Number(process.argv[2] || 3000);
const world = await startWorld({ complaints });
try {
  const login = await fetch(`${world.base}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'cx_manager', password: 'closeloop-demo' }) });
  const { token, expires_at: expiresAt, user } = await login.json();
  const session = JSON.stringify({ token, expiresAt: Date.parse(expiresAt), user });
  const interactive = [];
  const charts = [];
  for (let run = 0; run < 7; ++run) {
    const context = await world.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript((s) => localStorage.setItem('closeloop.session', s), session);
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(`${world.base}/dashboard`);
    await page.waitForFunction(() => {
      const tile = document.querySelector('[data-kpi=complaints] .value');
      return tile && /\d/.test(tile.textContent) && document.querySelector('[data-test=province-map] .tile:not([disabled])');
    }, null, { timeout: 30000 });
    interactive.push(Date.now() - start);
    await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 2, null, { timeout: 30000 });
    charts.push(Date.now() - start);
    await context.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`dashboard on ${complaints} demo complaints, cold cache, 7 runs:`);
  console.log(`  interactive (tiles and map): median ${median(interactive)} ms, slowest ${Math.max(...interactive)} ms (target 1500 ms)`);
  console.log(`  charts drawn:                median ${median(charts)} ms, slowest ${Math.max(...charts)} ms`);
} finally {
  await world.stop();
}
