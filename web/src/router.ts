import { createRouter, createWebHistory } from 'vue-router';
import { get } from './api';
import { ensureLookups } from './lookups';
import { currentReportYear } from './format';
import { type Me, session } from './session';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/inbox' },
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
    { path: '/query', name: 'query', component: () => import('./pages/PublicQueryPage.vue'), meta: { public: true } },
    { path: '/inbox', name: 'inbox', component: () => import('./pages/InboxPage.vue') },
    { path: '/counter', name: 'counter', component: () => import('./pages/CounterPage.vue') },
    { path: '/corrections/:id', name: 'correction', component: () => import('./pages/CorrectionPage.vue'), props: true },
    { path: '/extensions', name: 'extensions', component: () => import('./pages/ExtensionsPage.vue') },
    { path: '/catalog', name: 'catalog', component: () => import('./pages/CatalogChangesPage.vue') },
    { path: '/catalog/changes/:id', name: 'catalog-change', component: () => import('./pages/CatalogChangePage.vue'), props: true },
    { path: '/catalog/compilations', name: 'catalog-compilations', component: () => import('./pages/CatalogCompilationsPage.vue') },
    {
      path: '/catalog/compilations/:id',
      name: 'catalog-compilation',
      component: () => import('./pages/CatalogCompilationPage.vue'),
      props: true,
    },
    { path: '/it-projects', name: 'it-projects', component: () => import('./pages/ItProjectsPage.vue') },
    { path: '/it-projects/:id', name: 'it-project', component: () => import('./pages/ItProjectPage.vue'), props: true },
    { path: '/penalty-cases', name: 'penalty-cases', component: () => import('./pages/PenaltyCasesPage.vue') },
    { path: '/penalty-cases/:id', name: 'penalty-case', component: () => import('./pages/PenaltyCasePage.vue'), props: true },
    { path: '/circulars', name: 'circulars', component: () => import('./pages/CircularsPage.vue') },
    { path: '/circulars/:id(\\d+)', name: 'circular', component: () => import('./pages/CircularPage.vue'), props: true },
    { path: '/violations', name: 'violations', component: () => import('./pages/ViolationsPage.vue') },
    { path: '/deadlines', name: 'deadlines', component: () => import('./pages/DeadlinesPage.vue') },
    { path: '/processes', name: 'processes', component: () => import('./pages/ProcessesPage.vue') },
    { path: '/processes/:id', name: 'process', component: () => import('./pages/ProcessPage.vue'), props: true },
    { path: '/audit', name: 'audit', component: () => import('./pages/AuditPage.vue') },
    { path: '/shared-directory', name: 'shared-directory', component: () => import('./pages/SharedDirectoryPage.vue') },
    { path: '/demands', name: 'demands', component: () => import('./pages/DemandsPage.vue') },
    { path: '/sharing', name: 'sharing', component: () => import('./pages/SharingPage.vue') },
    { path: '/sharing/requests/:id', name: 'sharing-request', component: () => import('./pages/SharingRequestPage.vue'), props: true },
    { path: '/sharing/disputes/:id', name: 'sharing-dispute', component: () => import('./pages/DisputePage.vue'), props: true },
    { path: '/annual-reports', redirect: () => `/annual-reports/${currentReportYear()}` },
    {
      path: '/annual-reports/:year(\\d{4})',
      name: 'annual-reports',
      component: () => import('./pages/AnnualReportsPage.vue'),
      props: true,
    },
    { path: '/rectifications/:id', name: 'rectification', component: () => import('./pages/RectificationPage.vue'), props: true },
    { path: '/findings/new', name: 'finding-new', component: () => import('./pages/FindingNewPage.vue') },
    { path: '/findings/:id(\\d+)', name: 'finding', component: () => import('./pages/FindingPage.vue'), props: true },
    { path: '/findings/process/:workflowId', name: 'finding-process', component: () => import('./pages/FindingPage.vue'), props: true },
    { path: '/notifications', name: 'notifications', component: () => import('./pages/NotificationsPage.vue') },
    { path: '/calendar', name: 'calendar', component: () => import('./pages/CalendarPage.vue') },
    { path: '/evaluation', name: 'evaluation', component: () => import('./pages/EvaluationPage.vue') },
    { path: '/conflicts', name: 'conflicts', component: () => import('./pages/ConflictsPage.vue') },
    { path: '/conflicts/:id', name: 'conflict', component: () => import('./pages/ConflictPage.vue'), props: true },
    { path: '/incidents', name: 'incidents', component: () => import('./pages/IncidentsPage.vue') },
    { path: '/password', name: 'password', component: () => import('./pages/PasswordPage.vue') },
    { path: '/account', name: 'account', component: () => import('./pages/AccountPage.vue') },
    { path: '/admin/users', name: 'admin-users', component: () => import('./pages/AdminUsersPage.vue') },
    { path: '/admin/departments', name: 'admin-departments', component: () => import('./pages/DepartmentsAdminPage.vue') },
    { path: '/admin/deputies', name: 'admin-deputies', component: () => import('./pages/DeputiesAdminPage.vue') },
    { path: '/admin/tokens', name: 'admin-tokens', component: () => import('./pages/TokensAdminPage.vue') },
    { path: '/admin/operation-log', name: 'operation-log', component: () => import('./pages/OperationLogPage.vue') },
    { path: '/:rest(.*)*', redirect: '/inbox' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!session.me) {
    try {
      session.signIn(await get<Me>('/v1/me'));
    } catch {
      session.signOut();
    }
  }
  if (!session.me) return { name: 'login', query: { next: to.fullPath } };
  // GB/T 22239-2019 8.1.4.1: a password set by someone else is changed before anything else
  if (session.me.mustChangePassword && to.name !== 'password') return { name: 'password' };
  await ensureLookups();
  return true;
});
