// SPEC §1. The roles and the one rule every route and workflow shares: which department's
// records a user may see.
/**
 * Kinds of department (SPEC §1): 政务部门, the authority, the county government, and
 * project_approval for 发展改革部门 and 财政部门 in their 第四十七条 part (see db/seed.ts).
 */
export const DEPARTMENT_KINDS = ['department', 'authority', 'county_government', 'project_approval'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const ROLES = [
  'department_staff',
  'department_head',
  'authority_reviewer',
  'county_government',
  'auditor',
  'applicant',
  // 三权分立 (GB/T 22239-2019 8.1.4.2 访问控制, 8.1.10.1 系统管理/审计管理/安全管理): the one
  // `admin` of earlier versions became these three; none may do another's work.
  /** calendar, settings, incidents: the running of the system */
  'system_admin',
  /** departments, accounts, roles, tokens */
  'security_admin',
  /** reads the system's own operation log: what the administrators did */
  'audit_admin',
  // 第四十七条: 发展改革部门 approves an IT project's 立项, 财政部门 budgets it (SPEC §1, §3.8).
  'development_reform',
  'finance',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  role: Role;
  /** null for applicants, auditors and administrators, who belong to no department */
  departmentCode: string | null;
}

/** Roles that see every department's records. */
const COUNTY_WIDE: readonly Role[] = ['authority_reviewer', 'auditor'];

/** The roles of a department's own staff, held to their department's records. */
const DEPARTMENT_ROLES: readonly Role[] = ['department_staff', 'department_head'];

export const isDepartmentUser = (actor: Pick<Actor, 'role'>): boolean => DEPARTMENT_ROLES.includes(actor.role);

/** May this actor read records owned by `departmentCode`? Applicants read only their own filings (checked by the caller). */
export function canReadDepartment(actor: Pick<Actor, 'role' | 'departmentCode'>, departmentCode: string): boolean {
  return COUNTY_WIDE.includes(actor.role) || canWorkDepartment(actor, departmentCode);
}

/** May this actor work (not only read) a process owned by `departmentCode`? */
export function canWorkDepartment(actor: Pick<Actor, 'role' | 'departmentCode'>, departmentCode: string): boolean {
  return isDepartmentUser(actor) && actor.departmentCode === departmentCode;
}

/** A department user's own department, the one it is held to; undefined for everyone else. */
export const ownDepartment = (actor: Actor): string[] | undefined => (isDepartmentUser(actor) ? [actor.departmentCode!] : undefined);

/** The departments a county-wide or department user may list; undefined: every department. */
/** The three administrator roles (三权分立). */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export function departmentScope(actor: Actor): string[] | undefined {
  if (COUNTY_WIDE.includes(actor.role)) return undefined;
  return actor.departmentCode ? [actor.departmentCode] : [];
}
