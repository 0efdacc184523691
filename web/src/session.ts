// The signed-in user, as GET /v1/me tells it. The role only chooses which actions a page shows;
// the API decides what is allowed.
import { reactive } from 'vue';

export type Role =
  | 'department_staff'
  | 'department_head'
  | 'authority_reviewer'
  | 'county_government'
  | 'auditor'
  | 'applicant'
  | 'admin'
  | 'development_reform'
  | 'finance';

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string | null;
}

const KEY = 'county-console-token';

export const session = reactive({
  token: sessionStorage.getItem(KEY) as string | null,
  me: null as Me | null,
  onUnauthenticated: () => {},
  signIn(token: string, me: Me) {
    this.token = token;
    this.me = me;
    sessionStorage.setItem(KEY, token);
  },
  signOut() {
    this.token = null;
    this.me = null;
    sessionStorage.removeItem(KEY);
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
  // 第十六条: the department reports its 目录清单 (form or spreadsheet); the authority reviews it.
  submitCatalogCompilation: DEPT,
  reviewCatalogCompilation: ['authority_reviewer'],
  violations: [...DEPT, 'authority_reviewer', 'auditor'],
  orderRectification: ['authority_reviewer'],
  auditVerify: ['auditor'],
  // 第四十七条: IT projects — the department files, the authority reviews and accepts, 发展改革 approves 立项, 财政 budgets.
  itProjects: [...DEPT, 'authority_reviewer', 'auditor', 'development_reform', 'finance'],
  fileItProject: DEPT,
  reviewItProject: ['authority_reviewer'],
  approveItProject: ['development_reform'],
  fundItProject: ['finance'],
  acceptItProject: ['authority_reviewer'],
} satisfies Record<string, Role[]>;

export const can = (action: keyof typeof ADMITS): boolean => !!session.me && (ADMITS[action] as readonly Role[]).includes(session.me.role);
