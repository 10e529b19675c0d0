// Permissions → menus: nobody sees a menu the API would refuse them.
import { describe, expect, it } from 'vitest';
import { homeOf, mayOpen, menuFor } from '../src/lib/menus.js';

const AGENT = ['complaint.read', 'complaint.create', 'complaint.update', 'complaint.work', 'complaint.reopen', 'complaint.close',
  'complaint.assign', 'complaint.escalate', 'note.add_internal', 'note.add_public', 'history.read', 'customer.read', 'customer.write', 'personal_data.read'];
const user = (role, permissions, unscoped = false) => ({ role, permissions, unscoped });
const keys = (menu) => menu.flatMap((e) => (e.children ? [e.key, ...e.children.map((c) => c.key)] : [e.key]));

describe('menus', () => {
  it('shows an agent their workspace and the complaints, nothing of analytics or administration', () => {
    const menu = keys(menuFor(user('agent', AGENT)));
    expect(menu).toEqual(['workspace', 'complaints']);
    expect(mayOpen(user('agent', AGENT), '/dashboard')).toBe(false);
    expect(mayOpen(user('agent', AGENT), '/admin/users')).toBe(false);
    expect(mayOpen(user('agent', AGENT), '/complaints/CL-20261207-000001')).toBe(true);
    expect(homeOf(user('agent', AGENT))).toBe('/workspace');
  });

  it('shows an analyst the dashboard and improvements but no workspace', () => {
    const analyst = user('analyst', ['complaint.read', 'history.read', 'customer.read', 'user.read', 'improvement.read', 'analytics.read']);
    expect(keys(menuFor(analyst))).toEqual(['complaints', 'dashboard', 'improvements']);
    expect(homeOf(analyst)).toBe('/dashboard');
  });

  it('shows a department its tasks and improvement actions', () => {
    const dept = user('department', ['complaint.read', 'note.add_internal', 'history.read']);
    expect(keys(menuFor(dept))).toEqual(['complaints', 'tasks', 'improvements']);
    expect(homeOf(dept)).toBe('/tasks');
    expect(mayOpen(dept, '/workspace')).toBe(false);
  });

  it('groups administration under one entry with only the pages the permissions allow', () => {
    const auditor = user('auditor', ['complaint.read', 'history.read', 'customer.read', 'user.read', 'audit.read', 'improvement.read']);
    const menu = menuFor(auditor);
    const admin = menu.find((e) => e.key === 'admin');
    expect(admin.children.map((c) => c.key)).toEqual(['audit']);
    expect(mayOpen(auditor, '/admin/sla')).toBe(false);
    expect(menuFor(null)).toEqual([]);
  });

  it('opens every page to an administrator', () => {
    const all = ['complaint.read', 'complaint.work', 'analytics.read', 'user.manage', 'team.manage', 'routing.manage', 'config.manage',
      'api_key.manage', 'knowledge.manage', 'audit.read', 'improvement.manage'];
    const admin = user('admin', all, true);
    expect(keys(menuFor(admin))).toContain('map');
    for (const path of ['/workspace', '/dashboard', '/tasks', '/admin/users', '/admin/map', '/admin/audit']) expect(mayOpen(admin, path)).toBe(true);
    expect(homeOf(admin)).toBe('/dashboard');
  });
});
