// 第二十六条: data of the same kind that departments provide inconsistently. The departments
// concerned negotiate and each records its position; when all agree the case closes. If they
// have not agreed by the end of the negotiation period, the authority coordinates and verifies,
// and its decision closes the case. Pure rules the conflict workflow and the API ask.
import type { Deadline } from './deadline';
import { type DomainError, domainError } from './errors';
import { type Actor, canWorkDepartment, isDepartmentUser } from './roles';
import type { IsoDate } from './working-days';
import type { StageOf } from './vocabulary';

/** 第二十六条 says 及时: the office's own periods, 10 working days to negotiate, then 10 for the authority. */
export const NEGOTIATION_WORKING_DAYS = 10;
export const AUTHORITY_COORDINATION_WORKING_DAYS = 10;
export const CONFLICT_ARTICLE = '第二十六条';

/** conflict_negotiating: the departments' turn; conflict_coordinating: the authority's. */
export type ConflictStage = StageOf<'conflict'>;

export interface ConflictResource {
  code: string;
  dataItems: string[];
}

export interface ConflictPosition {
  departmentCode: string;
  position: string;
  agrees: boolean;
  by: string;
  at: string;
}

export interface ConflictState {
  conflictId: string;
  departments: string[];
  openedOn: IsoDate;
  stage: ConflictStage;
  deadline: Deadline;
  /** the latest position of each department that has recorded one */
  positions: Record<string, ConflictPosition>;
  decision?: { text: string; by: string; at: string };
}

/** Two or more departments, each once; resources named with the items that disagree; an opener who is the authority or one of them. */
export function checkConflictCase(
  actor: Actor,
  c: { departments: string[]; resources: ConflictResource[]; description: string },
  known: { departments: ReadonlySet<string>; entries: ReadonlyMap<string, { dataItems: string[] }> },
): DomainError | null {
  const deps = c.departments;
  if (deps.length < 2 || new Set(deps).size !== deps.length) return domainError('CONFLICT_DEPARTMENTS');
  const stranger = deps.find((d) => !known.departments.has(d));
  if (stranger) return domainError('CONFLICT_DEPARTMENTS', `部门 ${stranger} 不存在`);
  if (actor.role !== 'authority_reviewer' && !deps.includes(actor.departmentCode ?? ''))
    return domainError('FORBIDDEN_DEPARTMENT', '发起部门须为相关部门之一');
  if (c.resources.length === 0) return domainError('CONFLICT_RESOURCES');
  for (const r of c.resources) {
    const entry = known.entries.get(r.code);
    if (!entry) return domainError('CATALOG_ENTRY_UNKNOWN', r.code);
    if (r.dataItems.length === 0 || r.dataItems.some((i) => !entry.dataItems.includes(i)))
      return domainError('CONFLICT_RESOURCES', `${r.code} 的数据项`);
  }
  if (!c.description.trim()) return domainError('REASON_REQUIRED', '请说明不一致的情况');
  return null;
}

/** Each department concerned records (and may revise) its position while they negotiate. */
export function checkPosition(s: ConflictState, actor: Actor, position: string): DomainError | null {
  if (s.stage === 'agreed' || s.stage === 'decided') return domainError('PROCESS_CLOSED');
  if (!s.departments.some((d) => canWorkDepartment(actor, d))) return domainError('NOT_CONFLICT_PARTY');
  if (s.stage !== 'conflict_negotiating') return domainError('CONFLICT_STAGE', '协商期已过，由主管部门协调核实');
  if (!position.trim()) return domainError('REASON_REQUIRED', '请填写本部门意见');
  return null;
}

/** Agreement: every department concerned has recorded a position that agrees. */
export const allAgree = (s: Pick<ConflictState, 'departments' | 'positions'>): boolean =>
  s.departments.every((d) => s.positions[d]?.agrees === true);

/** The departments still to agree, in the order named. */
export const awaitingPosition = (s: Pick<ConflictState, 'departments' | 'positions'>): string[] =>
  s.departments.filter((d) => s.positions[d]?.agrees !== true);

/** Only the authority decides, and only once the negotiation period has passed without agreement. */
export function checkConflictDecision(s: ConflictState, actor: Actor, text: string): DomainError | null {
  if (s.stage === 'agreed' || s.stage === 'decided') return domainError('PROCESS_CLOSED');
  if (actor.role !== 'authority_reviewer') return domainError('FORBIDDEN_ROLE_STEP');
  if (s.stage !== 'conflict_coordinating') return domainError('CONFLICT_STAGE', '协商期内由相关部门协商一致');
  if (!text.trim()) return domainError('REASON_REQUIRED', '请写明协调核实的结论');
  return null;
}

/** 第二十六条: a department sees the cases it is a party to; the authority and auditors see all. */
export const canSeeConflict = (actor: Actor, c: { departments: readonly string[] }): boolean =>
  !isDepartmentUser(actor) || c.departments.includes(actor.departmentCode ?? '');
