// Every route × every role: 401 without a token, 403 for a role the route does not admit, and
// past authentication for the roles it does. Object-level checks (404 across departments)
// are in each route's own tests. A new route must be added here, or this file fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/roles';
import { DEMO_USERS } from '../../db/seed';
import { apiStack, type ApiStack } from '../helpers/api';

const DEPT: Role[] = ['department_staff', 'department_head'];
const READERS: Role[] = ['applicant', ...DEPT, 'authority_reviewer', 'auditor'];

/** method and OpenAPI path → the roles admitted. Calls carry no valid body: nothing changes. */
const MATRIX: Record<string, Role[]> = {
  'GET /v1/me': [...ROLES],
  // issue 17: one's own account
  'DELETE /v1/session': [...ROLES],
  'PUT /v1/me/password': [...ROLES],
  'GET /v1/me/sessions': [...ROLES],
  'DELETE /v1/me/sessions/{id}': [...ROLES],
  'GET /v1/me/tokens': [...ROLES],
  'DELETE /v1/me/tokens/{id}': [...ROLES],
  // 三权分立: accounts are the security administrator's alone, the operation log the audit administrator's.
  'GET /v1/admin/departments': ['security_admin'],
  'POST /v1/admin/departments': ['security_admin'],
  'PATCH /v1/admin/departments/{code}': ['security_admin'],
  'GET /v1/admin/users': ['security_admin'],
  'POST /v1/admin/users': ['security_admin'],
  'PATCH /v1/admin/users/{id}': ['security_admin'],
  'POST /v1/admin/users/{id}/password-reset': ['security_admin'],
  'POST /v1/admin/users/{id}/tokens': ['security_admin'],
  'GET /v1/admin/tokens': ['security_admin'],
  'DELETE /v1/admin/tokens/{id}': ['security_admin'],
  'GET /v1/admin/deputies': ['security_admin'],
  'POST /v1/admin/departments/{code}/deputies': ['security_admin'],
  'DELETE /v1/admin/deputies/{id}': ['security_admin'],
  'GET /v1/admin/operation-log': ['audit_admin'],
  'POST /v1/corrections': ['applicant', ...DEPT],
  'GET /v1/corrections/{id}': READERS,
  'POST /v1/corrections/{id}/extensions': DEPT,
  'POST /v1/corrections/{id}/extensions/decision': ['department_head'],
  'POST /v1/corrections/{id}/verification': DEPT,
  'GET /v1/processes': READERS,
  'GET /v1/processes/{id}': READERS,
  'GET /v1/processes/{id}/history': ['auditor'],
  'GET /v1/inbox': [...ROLES],
  'GET /v1/calendar/deadline': [...ROLES],
  'GET /v1/calendar/current': [...ROLES],
  'GET /v1/departments': [...ROLES],
  'GET /v1/calendar/overrides': ['system_admin', 'auditor', 'authority_reviewer'],
  'PUT /v1/calendar/overrides/{date}': ['system_admin'],
  'DELETE /v1/calendar/overrides/{date}': ['system_admin'],
  'PUT /v1/calendar/years/{year}': ['system_admin'],
  'GET /v1/audit/verify': ['auditor'],
  'POST /v1/codec/decode': ['auditor'],
  // 第二十七条: departments read the entries about their own data (scoped by the route)
  'GET /v1/audit/entries': ['auditor', ...DEPT],
  'GET /v1/audit/actions': ['auditor', ...DEPT],
  'GET /v1/audit/entries/export': ['auditor', ...DEPT],
  'GET /v1/audit/entries/{seq}/proof': ['auditor', ...DEPT],
  'GET /v1/audit/heads/latest': ['auditor', ...DEPT],
  'POST /v1/annual-reports/{year}/start': ['system_admin'],
  'GET /v1/annual-reports/{year}': ['authority_reviewer', 'auditor', 'county_government', ...DEPT],
  // the authority's reviewers file the authority's own department report (第四十六条第一款)
  'GET /v1/annual-reports/{year}/departments/{code}/draft': [...DEPT, 'authority_reviewer'],
  'POST /v1/annual-reports/{year}/departments/{code}': [...DEPT, 'authority_reviewer'],
  'GET /v1/annual-reports/{year}/figures': ['authority_reviewer', 'auditor', 'county_government'],
  'POST /v1/annual-reports/{year}/county-report': ['authority_reviewer'],
  'POST /v1/annual-reports/{year}/city-submission': ['county_government'],
  'GET /v1/notifications': [...ROLES],
  'POST /v1/notifications/{id}/read': [...ROLES],
  'POST /v1/catalog/changes': [...DEPT, 'authority_reviewer'],
  'GET /v1/catalog/changes/{id}': [...DEPT, 'authority_reviewer', 'auditor'],
  'POST /v1/catalog/changes/{id}/applications': DEPT,
  'POST /v1/catalog/changes/{id}/review': ['authority_reviewer'],
  'POST /v1/catalog/compilations': DEPT,
  'GET /v1/catalog/compilations': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/catalog/compilations/{id}': [...DEPT, 'authority_reviewer', 'auditor'],
  'POST /v1/catalog/compilations/{id}/applications': DEPT,
  'POST /v1/catalog/compilations/{id}/review': ['authority_reviewer'],
  'GET /v1/it-projects/settings': [...DEPT, 'authority_reviewer', 'auditor', 'development_reform', 'finance'],
  'PUT /v1/it-projects/settings': ['authority_reviewer'],
  'POST /v1/it-projects': DEPT,
  'GET /v1/it-projects': [...DEPT, 'authority_reviewer', 'auditor', 'development_reform', 'finance'],
  'GET /v1/it-projects/{id}': [...DEPT, 'authority_reviewer', 'auditor', 'development_reform', 'finance'],
  'POST /v1/it-projects/{id}/review': ['authority_reviewer'],
  'POST /v1/it-projects/{id}/approval': ['development_reform'],
  'POST /v1/it-projects/{id}/funding': ['finance'],
  'POST /v1/it-projects/{id}/acceptance': ['authority_reviewer'],
  'GET /v1/catalog/compilations/template': DEPT,
  'POST /v1/catalog/compilations/import': DEPT,
  'GET /v1/catalog/settings': [...DEPT, 'authority_reviewer', 'auditor'],
  'PUT /v1/catalog/settings': ['authority_reviewer'],
  'GET /v1/catalog/entries': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/catalog/entries/{code}': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/catalog/versions': ['authority_reviewer', 'auditor'],
  'GET /v1/catalog/versions/{version}': ['authority_reviewer', 'auditor'],
  'GET /v1/catalog/diff': ['authority_reviewer', 'auditor'],
  'GET /v1/catalog/responsibility-lists/{departmentCode}': [...DEPT, 'authority_reviewer', 'auditor'],
  'POST /v1/catalog/demands': DEPT,
  'GET /v1/catalog/demands': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/shared-directory': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/catalog/demands/unmatched': ['authority_reviewer', 'auditor'],
  'POST /v1/catalog/city-submissions': ['authority_reviewer'],
  'GET /v1/catalog/city-submissions': ['authority_reviewer', 'auditor'],
  'POST /v1/catalog/demands/{id}/sharing-request': DEPT,
  'GET /v1/shared-directory/entries/{code}': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/shared-directory/publications': [...DEPT, 'authority_reviewer', 'auditor'],
  'POST /v1/shared-directory/publications': ['authority_reviewer'],
  'GET /v1/catalog/export/{list}': ['authority_reviewer', 'auditor'],
  'GET /v1/violations': [...DEPT, 'authority_reviewer', 'auditor'],
  'POST /v1/violations/{id}/rectification-orders': ['authority_reviewer'],
  'POST /v1/findings': ['authority_reviewer'],
  'GET /v1/findings/{id}': [...DEPT, 'authority_reviewer', 'auditor', 'county_government'],
  'POST /v1/findings/{id}/statement': [...DEPT, 'authority_reviewer', 'county_government'],
  'POST /v1/findings/{id}/decision': ['authority_reviewer', 'county_government'],
  'GET /v1/rectifications': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/rectifications/{id}': [...DEPT, 'authority_reviewer', 'auditor'],
  'POST /v1/rectifications/{id}/report': DEPT,
  'POST /v1/rectifications/{id}/acceptance': ['authority_reviewer'],
  'GET /v1/rectifications/{id}/referral': [...DEPT, 'authority_reviewer', 'auditor'],
  'POST /v1/rectifications/{id}/referral': ['authority_reviewer'],
  'GET /v1/circulars': [...DEPT, 'authority_reviewer', 'county_government', 'auditor'],
  'GET /v1/circulars/{id}': [...DEPT, 'authority_reviewer', 'county_government', 'auditor'],
  'GET /v1/deadlines': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/supervision/board': [...DEPT, 'authority_reviewer', 'auditor'],
  'POST /v1/supervision/urges': ['authority_reviewer', 'county_government'],
  'GET /v1/evaluation': ['authority_reviewer', 'auditor', 'county_government', ...DEPT],
  'GET /v1/evaluation/indicators/{year}': ['authority_reviewer', 'auditor', 'county_government', ...DEPT],
  'PUT /v1/evaluation/indicators/{year}': ['authority_reviewer'],
  'POST /v1/evaluation/indicators/{year}/publish': ['authority_reviewer'],
  'POST /v1/evaluation/{year}/submissions': ['authority_reviewer'],
  'GET /v1/evaluation/{year}/submissions': ['authority_reviewer', 'auditor', 'county_government'],
  'POST /v1/security-records': DEPT,
  'GET /v1/security-records': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/sharing/settings': [...DEPT, 'authority_reviewer', 'auditor'],
  'PUT /v1/sharing/settings': ['authority_reviewer'],
  'POST /v1/sharing/requests': DEPT,
  'GET /v1/sharing/requests': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/sharing/requests/{id}': [...DEPT, 'authority_reviewer', 'auditor'],
  'POST /v1/sharing/requests/{id}/decision': DEPT,
  'POST /v1/sharing/requests/{id}/dispute': DEPT,
  'GET /v1/sharing/grants': [...DEPT, 'authority_reviewer', 'auditor', 'county_government'],
  'GET /v1/sharing/grants/{id}/data': DEPT,
  'POST /v1/sharing/grants/{id}/revocation': [...DEPT, 'authority_reviewer', 'county_government'],
  'GET /v1/sharing/disputes': [...DEPT, 'authority_reviewer', 'auditor', 'county_government'],
  'GET /v1/sharing/disputes/{id}': [...DEPT, 'authority_reviewer', 'auditor', 'county_government'],
  'POST /v1/sharing/disputes/{id}/referral': ['authority_reviewer'],
  'POST /v1/sharing/disputes/{id}/decision': ['authority_reviewer', 'county_government'],
  'POST /v1/conflicts': [...DEPT, 'authority_reviewer'],
  'GET /v1/conflicts': [...DEPT, 'authority_reviewer', 'auditor'],
  'GET /v1/conflicts/{id}': [...DEPT, 'authority_reviewer', 'auditor'],
  'POST /v1/conflicts/{id}/positions': DEPT,
  'POST /v1/conflicts/{id}/decision': ['authority_reviewer'],
  'GET /v1/incidents': ['system_admin', 'auditor'],
  'POST /v1/incidents/{id}/retry': ['system_admin'],
  'POST /v1/incidents/{id}/termination': ['system_admin'],
  // 第五十二条, 第五十三条: the authority writes, auditors read, nobody else.
  'POST /v1/service-units': ['authority_reviewer'],
  'GET /v1/service-units': ['authority_reviewer', 'auditor'],
  'GET /v1/service-units/{id}': ['authority_reviewer', 'auditor'],
  'PUT /v1/service-units/{id}/duties': ['authority_reviewer'],
  'POST /v1/violators': ['authority_reviewer'],
  'GET /v1/violators': ['authority_reviewer', 'auditor'],
  'GET /v1/violators/{id}': ['authority_reviewer', 'auditor'],
  'POST /v1/penalty-cases': ['authority_reviewer'],
  'GET /v1/penalty-cases': ['authority_reviewer', 'auditor'],
  'GET /v1/penalty-cases/{id}': ['authority_reviewer', 'auditor'],
  'POST /v1/penalty-cases/{id}/notice': ['authority_reviewer'],
  'POST /v1/penalty-cases/{id}/statements': ['authority_reviewer'],
  'POST /v1/penalty-cases/{id}/rectification-order': ['authority_reviewer'],
  'POST /v1/penalty-cases/{id}/rectification': ['authority_reviewer'],
  'POST /v1/penalty-cases/{id}/fine': ['authority_reviewer'],
  'POST /v1/penalty-cases/{id}/conclusion': ['authority_reviewer'],
  'POST /v1/penalty-cases/{id}/referral': ['authority_reviewer'],
};

/** Routes that answer without a token: the applicant's receipt lookup (第二十三条第三款), and signing in (password, 统一身份认证). */
const PUBLIC = [
  'GET /v1/public/corrections/{id}',
  'POST /v1/session',
  'GET /v1/session/sso',
  'GET /v1/session/oidc/start',
  'GET /v1/session/oidc/callback',
];

// Out-of-range values where a valid one would act (a year before 2019 starts no annual report).
const SAMPLE: Record<string, string> = {
  id: 'correction-none',
  date: '2031-01-02',
  year: '1999',
  code: 'MKT-001',
  version: '1',
  departmentCode: 'market',
  list: 'catalog',
  seq: '0',
};
const userOf = (role: Role) => DEMO_USERS.find((u) => u.role === role)!.username;

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

describe('route × role matrix', () => {
  it('covers every route the API documents', async () => {
    const doc = (await api.call(null, 'GET', '/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/v1/'))
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual([...Object.keys(MATRIX), ...PUBLIC].sort());
  });

  for (const route of PUBLIC) {
    it(`${route} needs no token`, async () => {
      const [method, template] = route.split(' ') as [string, string];
      const res = await api.call(
        null,
        method as 'GET',
        template.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name]!),
      );
      expect([401, 403]).not.toContain(res.statusCode);
    });
  }

  for (const [route, admitted] of Object.entries(MATRIX)) {
    it(route, async () => {
      const [method, template] = route.split(' ') as [string, string];
      const url = template.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name]!);
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      expect((await api.call(null, method as 'GET', url, body)).statusCode).toBe(401);
      for (const role of ROLES) {
        const res = await api.call(userOf(role), method as 'GET', url, body);
        if (admitted.includes(role)) {
          expect([401, 403], `${role} admitted`).not.toContain(res.statusCode);
        } else {
          expect(res.statusCode, `${role} refused`).toBe(403);
          expect(res.json().code).toBe('FORBIDDEN_ROLE');
        }
      }
    });
  }
});
