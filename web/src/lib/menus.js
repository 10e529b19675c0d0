// Which pages a user may open: each menu entry names what the API asks for it (a permission, a
// role), so that nobody sees a menu the API would refuse them. The router's guard asks the same.

// A user may open `entry` when their role grants one of its permissions (`any`) and, where it
// says so, when their role is one of `roles` or they are unscoped.
export function allows(user, entry) {
  if (!user) return false;
  const granted = user.permissions || [];
  if (entry.roles && !entry.roles.includes(user.role)) return false;
  if (entry.unscoped && !user.unscoped) return false;
  if (!entry.any || entry.any.length === 0) return true;
  return entry.any.some((p) => granted.includes(p));
}

export const MENU = [
  { key: 'workspace', path: '/workspace', icon: 'list', any: ['complaint.work'] },
  { key: 'complaints', path: '/complaints', icon: 'search', any: ['complaint.read'] },
  { key: 'dashboard', path: '/dashboard', icon: 'chart', any: ['analytics.read'] },
  { key: 'tasks', path: '/tasks', icon: 'task', roles: ['department', 'manager', 'admin'], any: ['complaint.read'] },
  { key: 'improvements', path: '/improvements', icon: 'cycle',
    any: ['improvement.read', 'improvement.manage'], orRoles: ['department'] },
  {
    key: 'admin',
    icon: 'setting',
    children: [
      { key: 'users', path: '/admin/users', any: ['user.manage'] },
      { key: 'teams', path: '/admin/teams', any: ['team.manage'] },
      { key: 'agents', path: '/admin/agents', any: ['routing.manage'] },
      { key: 'sla', path: '/admin/sla', any: ['config.manage'] },
      { key: 'rules', path: '/admin/rules', any: ['config.manage'] },
      { key: 'surveys', path: '/admin/surveys', any: ['config.manage'] },
      { key: 'intake', path: '/admin/intake', any: ['config.manage'] },
      { key: 'apiKeys', path: '/admin/api-keys', any: ['api_key.manage'] },
      { key: 'knowledge', path: '/admin/knowledge', any: ['knowledge.manage'] },
      { key: 'map', path: '/admin/map', any: ['config.manage'] },
      { key: 'audit', path: '/admin/audit', any: ['audit.read'] },
    ],
  },
];

// An entry with `orRoles` is also open to those roles whatever their permissions.
function open(user, entry) {
  if (entry.orRoles && user && entry.orRoles.includes(user.role)) return true;
  return allows(user, entry);
}

// The menu as `user` sees it: entries they may open; a group only with its open children.
export function menuFor(user) {
  const out = [];
  for (const entry of MENU) {
    if (entry.children) {
      const children = entry.children.filter((c) => open(user, c));
      if (children.length) out.push({ ...entry, children });
    } else if (open(user, entry)) {
      out.push(entry);
    }
  }
  return out;
}

// Whether `user` may open the page at `path` (the first menu entry whose path starts it).
export function mayOpen(user, path) {
  const entries = MENU.flatMap((e) => (e.children ? e.children : [e]));
  const entry = entries.find((e) => path === e.path || path.startsWith(e.path + '/'));
  return entry ? open(user, entry) : true;
}

// Where a user lands after signing in: their own work first.
export function homeOf(user) {
  const menu = menuFor(user);
  const first = (key) => menu.find((e) => e.key === key);
  if (user && user.role === 'department' && first('tasks')) return '/tasks';
  if (user && ['manager', 'analyst', 'admin'].includes(user.role) && first('dashboard')) {
    return '/dashboard';
  }
  if (first('workspace')) return '/workspace';
  if (first('complaints')) return '/complaints';
  return menu.length ? menu[0].path || menu[0].children[0].path : '/login';
}
