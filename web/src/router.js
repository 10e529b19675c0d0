// The pages and who may open them: every page but the public ones needs a session, and a page
// the user's role may not open (lib/menus.js, the API's rules) is refused before it loads.
import { createRouter, createWebHistory } from 'vue-router';
import { session, signedIn } from './auth/session.js';
import { whenUnauthenticated } from './api/client.js';
import { homeOf, mayOpen } from './lib/menus.js';
import AppLayout from './layouts/AppLayout.vue';
import LoginView from './views/LoginView.vue';

const admin = (name) => () => import(`./views/admin/${name}.vue`);

const routes = [
  { path: '/login', component: LoginView, meta: { public: true } },
  { path: '/complain', component: () => import('./views/public/ComplainView.vue'), meta: { public: true } },
  { path: '/status', component: () => import('./views/public/StatusView.vue'), meta: { public: true } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', redirect: () => homeOf(session.user) },
      { path: 'workspace', component: () => import('./views/WorkspaceView.vue') },
      { path: 'complaints', component: () => import('./views/ComplaintListView.vue') },
      { path: 'complaints/new', component: () => import('./views/NewComplaintView.vue') },
      { path: 'complaints/:reference', component: () => import('./views/ComplaintView.vue'), props: true },
      { path: 'customers/:id', component: () => import('./views/CustomerView.vue'), props: true },
      { path: 'dashboard', component: () => import('./views/DashboardView.vue') },
      { path: 'dashboard/complaints', component: () => import('./views/DrillDownView.vue') },
      { path: 'tasks', component: () => import('./views/TasksView.vue') },
      { path: 'improvements', component: () => import('./views/ImprovementsView.vue') },
      { path: 'admin/users', component: admin('UsersView') },
      { path: 'admin/teams', component: admin('TeamsView') },
      { path: 'admin/agents', component: admin('AgentsView') },
      { path: 'admin/sla', component: admin('SlaView') },
      { path: 'admin/rules', component: admin('RulesView') },
      { path: 'admin/surveys', component: admin('SurveysView') },
      { path: 'admin/intake', component: admin('IntakeView') },
      { path: 'admin/api-keys', component: admin('ApiKeysView') },
      { path: 'admin/knowledge', component: admin('KnowledgeView') },
      { path: 'admin/map', component: admin('MapView') },
      { path: 'admin/audit', component: admin('AuditView') },
      { path: 'forbidden', component: () => import('./views/ForbiddenView.vue') },
      { path: ':missing(.*)*', component: () => import('./views/NotFoundView.vue') },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach((to) => {
  if (to.meta.public) return true;
  if (!signedIn()) return { path: '/login', query: { next: to.fullPath } };
  if (!mayOpen(session.user, to.path)) return { path: '/forbidden', query: { from: to.fullPath } };
  return true;
});

// A session that ends while a page is open (expired, logged out elsewhere): to the login page,
// then back to the same page.
whenUnauthenticated(() => {
  const here = router.currentRoute.value;
  if (here.meta.public) return;
  router.replace({ path: '/login', query: { next: here.fullPath, expired: '1' } });
});
