// End-to-end tests in Debian's chromium against `closeloop serve` with the built web application
// on a demo database (harness.mjs). Screenshots of every main page go to e2e/artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityProblems, login, newPage, pick, shot, startWorld } from './harness.mjs';

let world;
before(async () => {
  world = await startWorld();
});
after(async () => {
  if (world) await world.stop();
});

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

// Until `check()` returns something truthy (the server's background loops take their time);
// `explain()` says what was seen instead.
async function eventually(check, ms = 15000, explain = async () => '') {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    last = await check();
    if (last) return last;
    await wait(200);
  }
  throw new Error(`not reached in time ${await explain()}`);
}

test('an agent takes a complaint from the queue to resolution with a reply', async () => {
  const { api, base } = world;
  // A complaint taken on the phone by the agent, who keeps it (routing leaves it to them).
  const agents = (await api.call('mgr_east', 'GET', '/api/v1/agents')).items;
  const me = agents.find((a) => a.username === 'agent_east_1');
  const filed = await api.call(me.username, 'POST', '/api/v1/complaints', {
    description: '买的猫砂盆边缘开裂，划伤了猫爪，要求换货', channel: 'phone', region_id: me.region_id,
    assignee_id: me.user_id, customer: { name: '测试客户', phone: '13911110000' },
  });
  const ref = filed.reference;
  await eventually(async () => (await api.call(me.username, 'GET', `/api/v1/complaints/${ref}`)).analysis);

  const page = await newPage(world);
  await login(page, base, me.username);
  assert.match(page.url(), /\/workspace$/);
  await page.waitForSelector('[data-test=complaint-table] .el-table__row');
  await shot(page, 'workspace');
  assert.deepEqual(await accessibilityProblems(page), []);
  // Keyboard: / searches, Enter opens the selected row.
  await page.keyboard.press('/');
  await page.keyboard.type(ref);
  await page.waitForFunction((r) => {
    const rows = document.querySelectorAll('[data-test=complaint-table] .el-table__row');
    return rows.length === 1 && rows[0].textContent.includes(r);
  }, ref);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/complaints/${ref}`);
  await page.waitForSelector('[data-test=move-assigned]');
  await page.waitForSelector('[data-test=suggestions-panel] h3');
  await shot(page, 'complaint');
  assert.deepEqual(await accessibilityProblems(page), []);

  // Personal data shows masked; a reveal shows it in clear and is recorded for the auditors.
  assert.equal(await page.getByText('13911110000').count(), 0);
  assert.ok(await page.locator('[data-test=customer-panel]').getByText('139****0000').count());
  await page.click('[data-test=reveal]');
  await page.waitForSelector('[data-test=revealed]');
  assert.ok(await page.locator('[data-test=customer-panel]').getByText('13911110000').count());
  const record = (await api.call('auditor', 'GET', '/api/v1/personal-data-access')).items;
  assert.equal(record[0].user.username, me.username);
  assert.equal(record[0].complaint_id, filed.id);

  // One click takes the analysis' type and category; the category opens quality control's task.
  await page.click('[data-test=accept-analysis]');
  await page.waitForSelector('[data-test=tasks-table] .el-table__row');
  await page.click('[data-test=move-assigned]');
  await page.click('[data-test=transition-submit]');
  await page.waitForSelector('[data-test=move-in_progress]');
  await page.click('[data-test=move-in_progress]');
  await page.click('[data-test=transition-submit]');
  await page.waitForSelector('[data-test=move-resolved]');
  // Quality control finishes its task (it blocks resolving until then).
  const tasks = (await api.call('admin', 'GET', `/api/v1/complaints/${ref}/tasks`)).items;
  assert.ok(tasks.length > 0);
  for (const task of tasks) await api.call('dept_qc', 'PATCH', `/api/v1/tasks/${task.id}`, { status: 'done' });
  await page.click('[data-test=reply-public]');
  await page.fill('[data-test=reply-body]', '您好，已为您安排换货，新品明天发出。');
  await page.click('[data-test=reply-send]');
  await page.waitForSelector('[data-test=reply-sent]');
  await page.click('[data-test=move-resolved]');
  await pick(page, 'field-remedy', '换货');
  await page.fill('[data-test=field-summary]', '已为客户换货');
  await page.click('[data-test=transition-submit]');
  await page.waitForFunction(() => document.querySelector('[data-test=status]').textContent.includes('已解决'));
  const stored = await api.call('admin', 'GET', `/api/v1/complaints/${ref}`);
  assert.equal(stored.status, 'resolved');
  assert.equal(stored.resolution.remedy, 'replacement');
  const notes = (await api.call('admin', 'GET', `/api/v1/complaints/${ref}/notes`)).items;
  assert.ok(notes.some((n) => n.visibility === 'public' && n.body.includes('新品明天发出')));
  await page.context().close();
});

test('an agent of east cannot open a complaint of another region by its address', async () => {
  const { api, base } = world;
  const north = (await api.call('admin', 'GET', '/api/v1/complaints?region_id=2&limit=1')).items[0];
  const page = await newPage(world);
  await login(page, base, 'agent_east_1');
  await page.goto(`${base}/complaints/${north.reference}`);
  await page.waitForSelector('[data-test=complaint-error]');
  assert.equal(await page.locator('[data-test=description]').count(), 0);
  assert.equal(await page.getByText(north.title).count(), 0);
  // Nor a page their role may not open.
  await page.goto(`${base}/dashboard`);
  await page.waitForSelector('[data-test=forbidden]');
  assert.equal(await page.locator('.el-menu').getByText('管理看板').count(), 0);
  await page.context().close();
});

test('a manager drills from a province to its complaints and the counts match', async () => {
  const page = await newPage(world);
  await login(page, world.base, 'cx_manager');
  assert.match(page.url(), /\/dashboard$/);
  await page.waitForSelector('[data-test=province-map] .tile:not([disabled])');
  await page.waitForSelector('[data-test=kpi-tiles] [data-kpi=complaints]');
  await wait(500);
  await shot(page, 'dashboard');
  assert.deepEqual(await accessibilityProblems(page), []);
  const tile = page.locator('[data-test=province-map] .tile:not([disabled])').first();
  const count = Number((await tile.locator('.value').textContent()).trim());
  assert.ok(count > 0);
  await tile.click();
  await page.waitForSelector('[data-test=drill-total]');
  const total = Number((await page.locator('[data-test=drill-total]').textContent()).match(/\d+/)[0]);
  assert.equal(total, count);
  await shot(page, 'drilldown');
  // The KPI tile too: the complaints of the period.
  await page.goBack();
  await page.waitForSelector('[data-test=kpi-tiles] [data-kpi=complaints]');
  const tileValue = Number((await page.locator('[data-kpi=complaints] .value').textContent()).replace(/[^\d]/g, ''));
  await page.click('[data-kpi=complaints]');
  await page.waitForSelector('[data-test=drill-total]');
  assert.equal(Number((await page.locator('[data-test=drill-total]').textContent()).match(/\d+/)[0]), tileValue);
  await page.context().close();
});

test('a customer files on the public form, follows the status page and answers the survey', async () => {
  const { api, base } = world;
  const policy = await api.call('admin', 'GET', '/api/v1/config/surveys');
  await api.call('admin', 'PUT', '/api/v1/config/surveys', { ...policy, delay_minutes: 0, sampling: {} });
  const page = await newPage(world);
  await page.goto(`${base}/complain`);
  await shot(page, 'public-form');
  assert.deepEqual(await accessibilityProblems(page), []);
  await page.click('[data-test=public-submit]');
  assert.ok(await page.getByText('必填').count(), 'the form says what is missing');
  await page.fill('[data-test=public-description]', '在网上买的冻干猫粮，打开发现结块发霉，猫吃了以后呕吐。');
  await page.fill('[data-test=public-phone]', '139 1234 5678');
  await page.fill('#p-email', 'customer@example.cn');
  await page.click('[data-test=public-consent]');
  await page.click('[data-test=public-submit]');
  await page.waitForSelector('[data-test=public-reference]');
  const ref = (await page.locator('[data-test=public-reference]').textContent()).trim();
  assert.match(ref, /^CL-\d{8}-\d{6}$/);
  await page.click('[data-test=public-filed] a');
  await page.fill('[data-test=status-contact]', '13912345678');
  await page.click('[data-test=status-submit]');
  await page.waitForSelector('[data-test=status-result]');
  await shot(page, 'status');
  // Handled and resolved by staff (through the API), the survey waits for the customer.
  const path = `/api/v1/complaints/${ref}`;
  await eventually(async () => (await api.call('admin', 'GET', path)).analysis);
  await api.call('admin', 'PATCH', path, { type: 'quality', category: 'product_quality', region_id: 1 });
  const now = await api.call('admin', 'GET', path);
  const moves = now.status === 'received' ? [{ to: 'classified' }, { to: 'assigned', assignee_id: 2 }] : now.status === 'classified' ? [{ to: 'assigned', assignee_id: 2 }] : [];
  for (const move of [...moves, { to: 'in_progress' }, { to: 'resolved', override_tasks: true, resolution: { remedy: 'refund', summary: '已退款' } }]) {
    await api.call('admin', 'POST', `${path}/transitions`, move);
  }
  const link = await eventually(async () => {
    await page.click('[data-test=status-submit]');
    await wait(300);
    return (await page.locator('[data-test=survey-link]').count()) ? page.locator('[data-test=survey-link]') : null;
  }, 20000);
  await link.click();
  await page.waitForSelector('input[name=csat]');
  await shot(page, 'survey');
  await page.check('#csat-5');
  await page.click('button[type=submit]');
  await page.waitForSelector('h1');
  const surveys = await api.call('admin', 'GET', `${path}/surveys`);
  assert.equal(surveys.responses[0].csat, 5);
  await page.context().close();
});

test('switching to English and back changes every word on the page', async () => {
  const page = await newPage(world);
  await login(page, world.base, 'agent_east_1');
  await page.waitForSelector('.el-menu');
  assert.ok(await page.locator('.el-menu').getByText('我的工作台').count());
  await pick(page, 'language', 'English');
  await page.locator('.el-menu').getByText('My workspace').waitFor();
  assert.ok(await page.getByText('My queue').count());
  await shot(page, 'workspace-en');
  await pick(page, 'language', '简体中文');
  await page.locator('.el-menu').getByText('我的工作台').waitFor();
  await page.context().close();
});

test('an ended session returns to the login page and then to the same page', async () => {
  const page = await newPage(world);
  await login(page, world.base, 'agent_east_1');
  await page.goto(`${world.base}/complaints?status=resolved`);
  await page.waitForSelector('[data-test=complaint-table]');
  // The session ends elsewhere (logged out from another tab).
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('closeloop.session')).token);
  await fetch(`${world.base}/api/v1/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  await page.fill('[data-test=list-search]', '猫粮');
  await page.waitForURL(/\/login\?/);
  assert.ok(await page.locator('.notice').count(), 'says the session expired');
  await page.fill('[data-test=username]', 'agent_east_1');
  await page.fill('[data-test=password]', 'closeloop-demo');
  await page.click('[data-test=login]');
  await page.waitForURL(/\/complaints\?/);
  assert.match(page.url(), /status=resolved/);
  await page.context().close();
});

test('departments, improvements and administration pages open for the roles that may', async () => {
  const dept = await newPage(world);
  await login(dept, world.base, 'dept_qc');
  assert.match(dept.url(), /\/tasks$/);
  await dept.waitForSelector('[data-test=tasks-table]');
  await shot(dept, 'department-tasks');
  assert.deepEqual(await accessibilityProblems(dept), []);
  await dept.context().close();
  const admin = await newPage(world);
  await login(admin, world.base, 'admin');
  for (const [path, name] of [['/admin/users', 'admin-users'], ['/admin/sla', 'admin-sla'], ['/admin/rules', 'admin-rules'],
    ['/admin/map', 'admin-map'], ['/improvements', 'improvements']]) {
    await admin.goto(world.base + path);
    await admin.waitForSelector('.page-title');
    await wait(300);
    await shot(admin, name);
  }
  // A rules text with a syntax error names its line, and the running rules stay.
  await admin.goto(`${world.base}/admin/rules`);
  await admin.waitForSelector('[data-test=rules-text]');
  await admin.fill('[data-test=rules-text]', 'product_quality: 发霉\nthis line is wrong');
  await admin.click('[data-test=rules-save]');
  await admin.waitForSelector('[data-test=rules-error]');
  assert.match(await admin.locator('[data-test=rules-error]').textContent(), /line 2/);
  await admin.context().close();
});

test('an admin uploads a map with its approval number and the dashboard draws it', async () => {
  const square = (x, y) => [[[x, y], [x + 2, y], [x + 2, y + 2], [x, y + 2], [x, y]]];
  const geojson = {
    type: 'FeatureCollection',
    features: ['浙江省', '广东省', '北京市', '辽宁省'].map((name, i) => ({
      type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: square(110 + 3 * i, 25 + 3 * i) },
    })),
  };
  const admin = await newPage(world);
  await login(admin, world.base, 'admin');
  await admin.goto(`${world.base}/admin/map`);
  await admin.waitForSelector('input[type=file]');
  await admin.setInputFiles('input[type=file]', { name: 'provinces.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) });
  await admin.click('.el-button--primary');
  assert.ok(await admin.getByText('审图号').count());
  await admin.waitForSelector('.el-form-item__error');
  assert.match(await admin.locator('.el-form-item__error').first().textContent(), /审图号/, 'the approval number is required');
  await admin.fill('.el-input input', 'GS(2024)0650号');
  await admin.click('.el-button--primary');
  await admin.waitForSelector('[data-test=map-current]');
  const manager = await newPage(world);
  await login(manager, world.base, 'cx_manager');
  await manager.waitForSelector('[data-test=map-caption]');
  assert.match(await manager.locator('[data-test=map-caption]').textContent(), /GS\(2024\)0650号/);
  await manager.waitForSelector('[data-test=filled-map] canvas');
  await wait(500);
  await shot(manager, 'dashboard-filled-map');
  await manager.context().close();
  // Back to the tile grid.
  await admin.getByText('恢复方格图').click();
  await admin.waitForFunction(() => !document.querySelector('[data-test=map-current]'));
  await admin.context().close();
});

test('HTML in a complaint, a note or a customer name is shown as text', async () => {
  const { api, base } = world;
  const hostile = '<img src=x onerror="window.__pwned=1"><b>粗体</b>猫粮发霉';
  const filed = await api.call('agent_east_1', 'POST', '/api/v1/complaints', {
    description: hostile, channel: 'web', region_id: 1, customer: { name: '<script>window.__pwned=2</script>', phone: '13922223333' },
  });
  await api.call('agent_east_1', 'POST', `/api/v1/complaints/${filed.reference}/notes`, { body: '<svg onload="window.__pwned=3">', visibility: 'internal' });
  const page = await newPage(world);
  await login(page, base, 'agent_east_1');
  await page.goto(`${base}/complaints/${filed.reference}`);
  await page.waitForSelector('[data-test=description]');
  await page.waitForSelector('[data-test=timeline]');
  assert.equal(await page.locator('[data-test=description]').textContent(), hostile);
  assert.equal(await page.locator('[data-test=description] img, [data-test=description] b').count(), 0);
  assert.equal(await page.locator('[data-test=timeline] svg[onload]').count(), 0);
  await page.click('[data-test=reveal]');
  await page.waitForSelector('[data-test=revealed]');
  assert.ok(await page.locator('[data-test=customer-panel]').getByText('<script>window.__pwned=2</script>').count());
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.context().close();
});
