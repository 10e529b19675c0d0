// What open dashboards cost the server: N dashboards (default 200) as the web application runs
// them — one event stream each, the dashboard's first calls once, then the KPI call again at most
// once a minute when complaints change — while complaints are filed at RATE a second (default
// 10). Prints the server's CPU share and the /healthz latency over WINDOW seconds (default 60),
// next to the same with no dashboard open, in one run.
// Usage: node scripts/measure-open-dashboards.mjs [N] [RATE] [WINDOW]
import { readFileSync } from 'node:fs';
import { startWorld } from '../e2e/harness.mjs';

const N = Number(process.argv[2] || 200);
const RATE = Number(process.argv[3] || 10);
const WINDOW = Number(process.argv[4] || 60);
const world = await startWorld({ complaints: 3000 });
const pid = world.pid;
const ticks = () => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 a second)
};
const token = await world.api.token('cx_manager');
const auth = { Authorization: `Bearer ${token}`, 'X-Personal-Data': 'masked' };
const day = new Date().toISOString().slice(0, 10);
const period = `from=${day.slice(0, 8)}01&to=${day}`;
const firstCalls = ['/api/v1/auth/me', '/api/v1/reference-data', '/api/v1/teams', '/api/v1/agents', '/api/v1/config/lifecycle',
  '/api/v1/notifications?limit=20', '/api/v1/analytics/kpi-definitions', '/api/v1/analytics/targets', `/api/v1/analytics/kpis?${period}`,
  `/api/v1/analytics/breakdown?${period}&by=day&kpis=complaints,csat_mean`, `/api/v1/analytics/breakdown?${period}&by=province&kpis=complaints`,
  `/api/v1/analytics/scorecard?${period}&by=team`, `/api/v1/analytics/breakdown?${period}&by=category&kpis=complaints,resolution_rate,csat_mean`];

let running = true;
async function fileComplaints() {
  const agent = await world.api.token('agent_east_1');
  let n = 0;
  while (running) {
    const started = Date.now();
    fetch(`${world.base}/api/v1/complaints`, { method: 'POST', headers: { Authorization: `Bearer ${agent}` },
      body: JSON.stringify({ description: `测试负载 ${n++} 猫粮发霉`, channel: 'web', region_id: 1 }) }).catch(() => {});
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 / RATE - (Date.now() - started))));
  }
}
async function healthLatencies(seconds) {
  const out = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const t = performance.now();
    await fetch(`${world.base}/healthz`);
    out.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  return out.sort((a, b) => a - b);
}
async function windowFigures() {
  const before = ticks();
  const started = Date.now();
  const health = await healthLatencies(WINDOW);
  const cpu = (ticks() - before) / ((Date.now() - started) / 10);
  return { cpu: `${(cpu * 100).toFixed(1)} % of one core`, p50: health[Math.floor(health.length / 2)].toFixed(1), p99: health[Math.floor(health.length * 0.99)].toFixed(1) };
}
function dashboard() {
  const controller = new AbortController();
  let lastKpis = Date.now();
  (async () => {
    await Promise.all(firstCalls.map((p) => fetch(world.base + p, { headers: auth }).then((r) => r.arrayBuffer())));
    const r = await fetch(`${world.base}/api/v1/events`, { headers: { ...auth, Accept: 'text/event-stream' }, signal: controller.signal });
    const reader = r.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (decoder.decode(value).includes('complaint.') && Date.now() - lastKpis > 60000) {
        lastKpis = Date.now();
        fetch(`${world.base}/api/v1/analytics/kpis?${period}`, { headers: auth }).then((x) => x.arrayBuffer()).catch(() => {});
      }
    }
  })().catch(() => {});
  return controller;
}

try {
  const load = fileComplaints();
  await new Promise((r) => setTimeout(r, 3000));
  const without = await windowFigures();
  const open = Array.from({ length: N }, dashboard);
  await new Promise((r) => setTimeout(r, 5000));
  const withDashboards = await windowFigures();
  running = false;
  await load;
  for (const c of open) c.abort();
  console.log(`complaints filed at ${RATE}/s; ${WINDOW}-second windows, one run:`);
  console.log(`  no dashboard open:     server CPU ${without.cpu}; /healthz p50 ${without.p50} ms, p99 ${without.p99} ms`);
  console.log(`  ${N} dashboards open:  server CPU ${withDashboards.cpu}; /healthz p50 ${withDashboards.p50} ms, p99 ${withDashboards.p99} ms`);
} finally {
  await world.stop();
}
