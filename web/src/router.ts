import { createRouter, createWebHistory } from 'vue-router';
import { get } from './api';
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
    { path: '/violations', name: 'violations', component: () => import('./pages/ViolationsPage.vue') },
    { path: '/deadlines', name: 'deadlines', component: () => import('./pages/DeadlinesPage.vue') },
    { path: '/processes', name: 'processes', component: () => import('./pages/ProcessesPage.vue') },
    { path: '/processes/:id', name: 'process', component: () => import('./pages/ProcessPage.vue'), props: true },
    { path: '/audit', name: 'audit', component: () => import('./pages/AuditPage.vue') },
    { path: '/:rest(.*)*', redirect: '/inbox' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!session.me && session.token) {
    try {
      session.me = await get<Me>('/v1/me');
    } catch {
      session.signOut();
    }
  }
  return session.me ? true : { name: 'login', query: { next: to.fullPath } };
});
