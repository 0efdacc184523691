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
  | 'audit_admin'
  | 'development_reform'
  | 'finance';

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
  readGrants: [...DEPT, 'authority_reviewer', 'auditor', 'county_government'],
  revokeGrant: [...DEPT, 'authority_reviewer', 'county_government'],
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
  startAnnualReport: ['system_admin'],
  reportRectification: DEPT,
  acceptRectification: ['authority_reviewer'],
  referRectification: ['authority_reviewer'],
  registerFinding: ['authority_reviewer'],
  readCalendar: ['system_admin', 'auditor', 'authority_reviewer'],
  adminCalendar: ['system_admin'],
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
  readIncidents: ['system_admin', 'auditor'],
  workIncidents: ['system_admin'],
  administerAccounts: ['security_admin'],
  readOperationLog: ['audit_admin'],
  // 第四十七条: IT projects — the department files, the authority reviews and accepts, 发展改革 approves 立项, 财政 budgets.
  itProjects: [...DEPT, 'authority_reviewer', 'auditor', 'development_reform', 'finance'],
  fileItProject: DEPT,
  reviewItProject: ['authority_reviewer'],
  approveItProject: ['development_reform'],
  fundItProject: ['finance'],
  acceptItProject: ['authority_reviewer'],
  itProjectSettings: ['authority_reviewer'],
  // 第五十二条, 第五十三条: the authority records and decides penalty cases; auditors read.
  readPenaltyCases: ['authority_reviewer', 'auditor'],
  workPenaltyCases: ['authority_reviewer'],
  // 第五十一条: 通报批评 goes to every department and the county government.
  readCirculars: [...DEPT, 'authority_reviewer', 'county_government', 'auditor'],
} satisfies Record<string, Role[]>;

export const can = (action: keyof typeof ADMITS): boolean => !!session.me && (ADMITS[action] as readonly Role[]).includes(session.me.role);
