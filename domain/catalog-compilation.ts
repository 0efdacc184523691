// 第十六条: a department compiles its full 目录清单 and reports it to the authority, which sums
// it up into the county's. Not only after a law or function change (第十八条): a first
// compilation, a yearly review, or an addition of data no change produced (SPEC §3.7).
// 第十六条 sets no review period; the authority reviews within the 5 working days of 第十八条第二款
// (SPEC §3.7 "as 第十八条"), a reading named here and in the README. The department's
// resubmission after a return has no period: 第十六条 sets none and none is invented.
// The application and review rules are those of a catalog update (domain/catalog-update.ts),
// the conflict rule that of the catalog (domain/catalog.ts checkAgainstCatalog).
import type { CatalogChange } from './catalog';
import type { CatalogTurn, Submission } from './catalog-update';
import { checkSubmission } from './catalog-update';
import { type DomainError, domainError } from './errors';
import { responsibilityOf } from './responsibility';
import type { Actor } from './roles';
import type { StageOf } from './vocabulary';

export { REVIEW_WORKING_DAYS } from './catalog-update';

export const COMPILATION_KINDS = ['first_compilation', 'yearly_review', 'addition'] as const;
export type CompilationKind = (typeof COMPILATION_KINDS)[number];

const KIND_LABELS: Record<CompilationKind, string> = {
  first_compilation: '首次编制',
  yearly_review: '年度复核',
  addition: '新增目录',
};
export const compilationKindLabel = (k: string): string => (Object.hasOwn(KIND_LABELS, k) ? KIND_LABELS[k as CompilationKind] : '—');

/** under_review: the authority's turn; returned: the department's (no period); approved: closed. */
export type CatalogCompilationStage = StageOf<'catalog_compilation'>;

/** The stored finding kind of the authority's late review of the n-th receipt. */
export const compilationReviewOverdue = (n: number): string => `compilation_review_overdue_${n}`;

export interface CatalogCompilationState {
  compilationId: string;
  departmentCode: string;
  kind: CompilationKind;
  stage: CatalogCompilationStage;
  submissions: Submission[];
  catalogVersion?: number;
}

/**
 * 第十六条: a first compilation and an addition list new entries only; a yearly review may also
 * change and withdraw the department's entries (each change names the version it was based on).
 */
export function checkCompilationChanges(kind: CompilationKind, changes: readonly CatalogChange[]): DomainError | null {
  if (kind !== 'yearly_review' && changes.some((c) => c.action !== 'add')) return domainError('COMPILATION_ADDS_ONLY');
  return null;
}

/** A first compilation is for a department whose catalog holds no active entry yet. */
export const checkFirstCompilation = (kind: CompilationKind, activeEntries: number): DomainError | null =>
  kind === 'first_compilation' && activeEntries > 0 ? domainError('CATALOG_ALREADY_COMPILED') : null;

/** The owning department resubmits after a return, under the rules of an application and of its kind. */
export function checkCompilationSubmission(
  s: CatalogCompilationState,
  actor: Actor,
  changes: readonly CatalogChange[],
): DomainError | null {
  return checkSubmission(s, actor, changes) ?? checkCompilationChanges(s.kind, changes);
}

/** The review of the current receipt, charged to the authority; null while the department holds the turn (no period). */
export function compilationTurnOf(s: CatalogCompilationState): CatalogTurn | null {
  const current = s.submissions.at(-1);
  if (s.stage !== 'under_review' || !current) return null;
  const finding = compilationReviewOverdue(current.n);
  return { key: `review-${current.n}`, deadline: current.reviewDeadline, finding, party: responsibilityOf(finding)!.partyKind };
}
