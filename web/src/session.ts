// The signed-in user, as GET /v1/me tells it. The role only chooses which actions a page shows;
// the API decides what is allowed. The console signs in with the session cookie (httpOnly: the
// page never sees it) and sends the session's CSRF token on every change.
import { reactive } from 'vue';

export type Role =
  | 'department_staff'
  | 'department_head'
  | 'authority_reviewer'
  | 'county_government'
  | 'auditor'
  | 'applicant'
  | 'system_admin'
  | 'security_admin'
  | 'audit_admin';

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string | null;
  mustChangePassword: boolean;
  previousSignIn: { at: string; ip: string | null } | null;
  csrfToken: string | null;
}

export const session = reactive({
  me: null as Me | null,
  onUnauthenticated: () => {},
  signIn(me: Me) {
    this.me = me;
  },
  signOut() {
    this.me = null;
  },
});

/** Which roles each route of the API admits (GET /docs/json); the console shows an action only to them. */
const DEPT: Role[] = ['department_staff', 'department_head'];
export const ADMITS = {
  fileCorrection: ['applicant', ...DEPT],
  workCorrection: DEPT,
  decideExtension: ['department_head'],
  readProcesses: ['applicant', ...DEPT, 'authority_reviewer', 'auditor'],
  processHistory: ['auditor'],
  deadlines: [...DEPT, 'authority_reviewer', 'auditor'],
  catalogEntries: [...DEPT, 'authority_reviewer', 'auditor'],
  registerCatalogChange: [...DEPT, 'authority_reviewer'],
  submitCatalogApplication: DEPT,
  reviewCatalogApplication: ['authority_reviewer'],
  violations: [...DEPT, 'authority_reviewer', 'auditor'],
  orderRectification: ['authority_reviewer'],
  auditVerify: ['auditor'],
  administerAccounts: ['security_admin'],
} satisfies Record<string, Role[]>;

export const can = (action: keyof typeof ADMITS): boolean => !!session.me && (ADMITS[action] as readonly Role[]).includes(session.me.role);
