// The signed-in user, as GET /v1/me tells it. The role only chooses which actions a page shows;
// the API decides what is allowed.
import { reactive } from 'vue';

export type Role = 'department_staff' | 'department_head' | 'authority_reviewer' | 'county_government' | 'auditor' | 'applicant' | 'admin';

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
  sharedDirectory: [...DEPT, 'authority_reviewer', 'auditor'],
  publishDirectory: ['authority_reviewer'],
  turnDemand: DEPT,
  unmatchedDemands: ['authority_reviewer', 'auditor'],
  citySubmissions: ['authority_reviewer', 'auditor'],
  submitListsToCity: ['authority_reviewer'],
  readSharing: [...DEPT, 'authority_reviewer', 'auditor'],
  requestSharing: DEPT,
  decideSharing: DEPT,
  readSharedData: DEPT,
  revokeGrant: [...DEPT, 'authority_reviewer'],
  sharingSettings: ['authority_reviewer'],
  readDisputes: [...DEPT, 'authority_reviewer', 'auditor', 'county_government'],
  fileDispute: DEPT,
  referDispute: ['authority_reviewer'],
  decideDispute: ['authority_reviewer', 'county_government'],
  readAnnualReports: [...DEPT, 'authority_reviewer', 'auditor', 'county_government'],
  annualReportFigures: ['authority_reviewer', 'auditor', 'county_government'],
  fileAnnualReport: [...DEPT, 'authority_reviewer'],
  submitCountyReport: ['authority_reviewer'],
  submitToCity: ['county_government'],
  startAnnualReport: ['admin'],
  reportRectification: DEPT,
  acceptRectification: ['authority_reviewer'],
  referRectification: ['authority_reviewer'],
  registerFinding: ['authority_reviewer'],
  readCalendar: ['admin', 'auditor', 'authority_reviewer'],
  adminCalendar: ['admin'],
  readEvaluation: [...DEPT, 'authority_reviewer', 'county_government', 'auditor'],
  setIndicators: ['authority_reviewer'],
  submitEvaluation: ['authority_reviewer'],
  readSubmissions: ['authority_reviewer', 'county_government', 'auditor'],
  readSecurityRecords: [...DEPT, 'authority_reviewer', 'auditor'],
  registerSecurityRecord: DEPT,
  readConflicts: [...DEPT, 'authority_reviewer', 'auditor'],
  registerConflict: [...DEPT, 'authority_reviewer'],
  conflictPosition: DEPT,
  decideConflict: ['authority_reviewer'],
  readIncidents: ['admin', 'auditor'],
  workIncidents: ['admin'],
} satisfies Record<string, Role[]>;

export const can = (action: keyof typeof ADMITS): boolean => !!session.me && (ADMITS[action] as readonly Role[]).includes(session.me.role);
