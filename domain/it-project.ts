// 第四十七条 (SPEC §3.8): a 政务信息化项目 filed by a department with its pre-compiled 目录清单 (a
// 审批要件); the authority's 评审评估; 发展改革部门 approves 立项 only after a passed review; 财政部门
// budgets it; at 验收 every entry of the list must be in the county catalog.
// 第四十七条 sets no period for any step: the periods below are the authority's settings, shown in
// the console as "本系统设置，非条例规定". Passing one turns the registry red and nothing more —
// no finding is recorded, as no duty with a period is missed (SPEC §6 findings need a duty).
// Who accepts: the authority, since the acceptance requirement is the 目录清单完成情况 it keeps
// (第四十七条第三款); a reading, named here and in the README.
import { type DomainError, domainError } from './errors';
import type { Actor, Role } from './roles';
import type { StageOf } from './vocabulary';
import type { Deadline } from './deadline';

export type ItProjectStage = StageOf<'it_project'>;

/** The authority's settings for the steps 第四十七条 gives no period (working days). */
export interface ItProjectPeriods {
  review: number;
  approval: number;
  funding: number;
}
/**
 * Defaults (本系统设置，非条例规定) until the authority sets its own (PUT /v1/it-projects/settings);
 * a project keeps the periods in force when it was filed.
 */
export const IT_PROJECT_PERIODS: ItProjectPeriods = { review: 15, approval: 20, funding: 20 };
/** Where each period is kept among the process settings. */
export const IT_PROJECT_PERIOD_SETTINGS: Readonly<Record<keyof ItProjectPeriods, string>> = {
  review: 'it_project_review_working_days',
  approval: 'it_project_approval_working_days',
  funding: 'it_project_funding_working_days',
};

/** One entry of the project's 目录清单: an entry of the catalog, or one the project will add. */
export interface ProjectCatalogItem {
  code: string;
  name: string;
  /** true: not yet in the catalog; the project adds it before 验收 */
  isNew: boolean;
}

export interface ItProjectDecision {
  by: string;
  at: string;
  late: boolean;
}

export interface ItProjectState {
  projectId: string;
  departmentCode: string;
  name: string;
  stage: ItProjectStage;
  catalogList: ProjectCatalogItem[];
  periods: ItProjectPeriods;
  deadline?: Deadline;
  review?: ItProjectDecision & { passed: boolean; opinion: string };
  approval?: ItProjectDecision & { approved: boolean; reason?: string };
  funding?: ItProjectDecision & { budgeted: boolean; reason?: string };
  acceptance?: { by: string; at: string };
  /** each refused acceptance with the entries still missing */
  refusedAcceptances: { at: string; missing: string[] }[];
}

/** Which role works each open stage; the building stage is the department's, without a period. */
export const STAGE_ROLE: Partial<Record<ItProjectStage, Role>> = {
  under_review: 'authority_reviewer',
  project_approving: 'development_reform',
  project_funding: 'finance',
  project_building: 'authority_reviewer',
};

/** The period of an open stage, from the project's settings; null where none is set. */
export function stagePeriod(stage: ItProjectStage, p: ItProjectPeriods): number | null {
  if (stage === 'under_review') return p.review;
  if (stage === 'project_approving') return p.approval;
  if (stage === 'project_funding') return p.funding;
  return null;
}

const listed = (codes: string[]) => codes.join('、');

/**
 * At filing: a non-empty list, each code once; an existing entry must be in the catalog (active),
 * an entry marked new must not be. `activeCodes`: the codes of the list that are active now.
 */
export function checkCatalogListAtFiling(list: readonly ProjectCatalogItem[], activeCodes: ReadonlySet<string>): DomainError | null {
  if (list.length === 0) return domainError('PROJECT_CATALOG_LIST_REQUIRED');
  const codes = list.map((i) => i.code);
  if (new Set(codes).size !== codes.length) return domainError('PROJECT_CATALOG_LIST_DUPLICATE');
  const unknown = list.filter((i) => !i.isNew && !activeCodes.has(i.code)).map((i) => i.code);
  if (unknown.length > 0) return domainError('PROJECT_CATALOG_ENTRY_UNKNOWN', listed(unknown));
  const existing = list.filter((i) => i.isNew && activeCodes.has(i.code)).map((i) => i.code);
  if (existing.length > 0) return domainError('PROJECT_CATALOG_ENTRY_EXISTS', listed(existing));
  return null;
}

/** At 验收 (第四十七条第三款): the codes of the list not (or no longer) active in the catalog. */
export const missingAtAcceptance = (list: readonly ProjectCatalogItem[], activeCodes: ReadonlySet<string>): string[] =>
  list.filter((i) => !activeCodes.has(i.code)).map((i) => i.code);

export const incompleteCatalog = (missing: string[]): DomainError | null =>
  missing.length > 0 ? domainError('PROJECT_CATALOG_INCOMPLETE', listed(missing)) : null;

/** Who may act on the stage now: its role, and the process must be in that stage. */
export function checkStageActor(s: ItProjectState, actor: Actor, stage: ItProjectStage): DomainError | null {
  if (actor.role !== STAGE_ROLE[stage]) return domainError('PROJECT_ROLE_REQUIRED');
  return s.stage === stage ? null : domainError('PROJECT_NOT_IN_STAGE');
}

/** 立项 only after a passed 评审评估 (第四十七条第二款). */
export function checkApproval(s: ItProjectState, actor: Actor): DomainError | null {
  if (actor.role !== 'development_reform') return domainError('PROJECT_ROLE_REQUIRED');
  if (!s.review) return domainError('PROJECT_REVIEW_MISSING');
  if (!s.review.passed) return domainError('PROJECT_REVIEW_NOT_PASSED');
  return checkStageActor(s, actor, 'project_approving');
}

/** A negative decision needs its reason (opinion or refusal). */
export const checkReason = (positive: boolean, reason: string | undefined): DomainError | null =>
  !positive && !reason?.trim() ? domainError('REASON_REQUIRED') : null;

/** 发展改革部门 and 财政部门 act on every department's projects; the others by the department rule. */
export const readsEveryProject = (actor: Pick<Actor, 'role'>): boolean => actor.role === 'development_reform' || actor.role === 'finance';
