// 第十六条: a department reports its full 目录清单 (first compilation, yearly review, addition);
// the authority reviews each receipt within 5 working days (read as 第十八条第二款, see
// domain/catalog-compilation.ts) and its approval makes a catalog version and the department's
// responsibility list at once, refused when an entry moved on since the list's base version. A
// return gives its reasons and hands the turn back without a period; each resubmission is a new
// receipt with a new review period. A late review is a timeliness finding against the authority.
import { allHandlersFinished, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CatalogChange } from '../domain/catalog';
import {
  type CatalogCompilationState,
  type CompilationKind,
  checkCompilationSubmission,
  compilationTurnOf,
  REVIEW_WORKING_DAYS,
} from '../domain/catalog-compilation';
import { checkReview, type Submission } from '../domain/catalog-update';
import { isPast } from '../domain/deadline';
import { domainError } from '../domain/errors';
import type { Actor } from '../domain/roles';
import { beijingDate } from '../domain/working-days';
import { approvedOrRefused } from './catalog-approval';
import { getCatalogCompilationState, reviewCatalogCompilation, submitCatalogCompilation } from './messages';
import { dbActivity } from './options';
import { type Period, type Step, stageClock } from './stage-clock';
import { nowIso, nowMs, refuse } from './support';

const { registerProcess, recordStep, recordViolation, saveCatalogApplication, returnCatalogApplication, approveCatalogApplication } =
  proxyActivities<Activities>(dbActivity);

export interface CatalogCompilationInput {
  /** the compilation's row (catalog_compilations); its applications are kept under this id */
  compilationId: string;
  departmentCode: string;
  /** the authority's department: a late review is its finding */
  authorityCode: string;
  kind: CompilationKind;
  /** the first application, checked by the API against the catalog before the start */
  changes: CatalogChange[];
  submittedBy: Actor;
}

export interface CatalogCompilationResult {
  compilationId: string;
  catalogVersion: number;
  submissions: number;
  /** the stored finding kinds recorded, e.g. compilation_review_overdue_1 */
  violations: string[];
}

export async function catalogCompilationWorkflow(input: CatalogCompilationInput): Promise<CatalogCompilationResult> {
  const clock = stageClock();
  const { step } = clock;
  const { workflowId } = workflowInfo();
  let state: CatalogCompilationState | undefined;
  let busy = false;
  /** bumped by every receipt and decision: the main loop then follows the turn now held */
  let turn = 0;
  let steps = 0;
  const violated = new Set<string>();
  const reviews = new Map<number, Period>();

  const ready = async (): Promise<CatalogCompilationState> => {
    if (!state) await condition(() => state !== undefined);
    return state!;
  };
  const showInSearch = (s: CatalogCompilationState): void => {
    const t = compilationTurnOf(s);
    if (t) clock.show(s.stage, t.deadline);
  };

  /** One finding per late review, against the authority (SPEC §6). */
  async function ensureViolation(s: CatalogCompilationState, marked: Step): Promise<void> {
    const t = compilationTurnOf(s);
    if (!t || violated.has(t.finding)) {
      await recordStep(marked);
      return;
    }
    violated.add(t.finding);
    await recordViolation(
      {
        workflowId,
        departmentCode: input.authorityCode,
        kind: t.finding,
        dueDate: t.deadline.due,
        occurredAt: nowIso(),
        provisional: t.deadline.provisional,
      },
      marked,
    );
  }

  /** A receipt: its review period from today, the application row and the step that opens the review. */
  async function receive(s: CatalogCompilationState, actor: Actor, changes: CatalogChange[]): Promise<Submission> {
    const n = s.submissions.length + 1;
    const receivedOn = beijingDate(nowMs());
    const review = await clock.period(receivedOn, REVIEW_WORKING_DAYS);
    reviews.set(n, review);
    const submission: Submission = {
      n,
      changes,
      submittedBy: actor.userId,
      submittedAt: nowIso(),
      receivedOn,
      late: false,
      reviewDeadline: review.deadline,
    };
    await saveCatalogApplication(
      {
        changeId: s.compilationId,
        n,
        changes,
        submittedByUserId: actor.userId,
        submittedAt: submission.submittedAt,
        receivedOn,
        reviewDue: review.deadline.due,
      },
      step(
        `submitted-${n}`,
        'compilation_submitted',
        actor,
        { n, kind: s.kind, receivedOn, reviewDeadline: review.deadline, codes: changes.map((c) => `${c.action}:${c.code}`) },
        { stage: 'under_review', deadline: review.deadline, level: 'normal' },
      ),
    );
    s.submissions.push(submission);
    s.stage = 'under_review';
    turn += 1;
    showInSearch(s);
    return submission;
  }

  setHandler(getCatalogCompilationState, () => state ?? null);

  const submissionRefusal = (s: CatalogCompilationState, actor: Actor, changes: CatalogChange[]) =>
    busy ? domainError('PROCESS_BUSY') : checkCompilationSubmission(s, actor, changes);
  setHandler(
    submitCatalogCompilation,
    async ({ actor, changes }) => {
      const s = await ready();
      refuse(submissionRefusal(s, actor, changes));
      busy = true;
      try {
        return await receive(s, actor, changes);
      } finally {
        busy = false;
      }
    },
    { validator: ({ actor, changes }) => state && refuse(submissionRefusal(state, actor, changes)) },
  );

  const reviewRefusal = (s: CatalogCompilationState, actor: Actor, d: { approve: boolean; reason?: string }) =>
    busy ? domainError('PROCESS_BUSY') : checkReview(s, actor, d);
  setHandler(
    reviewCatalogCompilation,
    async ({ actor, approve, reason }) => {
      const s = await ready();
      refuse(reviewRefusal(s, actor, { approve, reason }));
      busy = true;
      try {
        const sub = s.submissions.at(-1)!;
        const at = nowIso();
        const late = isPast(sub.reviewDeadline, nowMs());
        if (late) {
          await ensureViolation(
            s,
            step(`violation-review-${sub.n}`, 'violation_recorded', undefined, { due: sub.reviewDeadline.due, n: sub.n }),
          );
        }
        if (approve) {
          const { catalogVersion } = await approvedOrRefused(
            () =>
              approveCatalogApplication(
                {
                  changeId: s.compilationId,
                  n: sub.n,
                  departmentCode: s.departmentCode,
                  changes: sub.changes,
                  approvedBy: actor.userId,
                  approvedAt: at,
                },
                step(`approved-${sub.n}`, 'compilation_approved', actor, { n: sub.n, late }, { stage: 'approved', status: 'closed' }),
              ),
            (cause) =>
              recordStep(
                step(`approval-refused-${++steps}`, 'approval_refused', actor, { n: sub.n, code: cause.type, message: cause.message }),
              ),
          );
          sub.decision = { approve: true, by: actor.userId, at, late, catalogVersion };
          s.catalogVersion = catalogVersion;
          s.stage = 'approved';
        } else {
          // 第十六条 sets the department no period to resubmit: the registry shows no deadline.
          await returnCatalogApplication(
            { changeId: s.compilationId, n: sub.n, decidedByUserId: actor.userId, decidedAt: at, reason: reason! },
            step(`returned-${sub.n}`, 'compilation_returned', actor, { n: sub.n, reason, late }, { stage: 'returned', deadline: null }),
          );
          sub.decision = { approve: false, by: actor.userId, at, reason, late };
          s.stage = 'returned';
        }
        turn += 1;
        return { stage: s.stage, submission: sub, catalogVersion: s.catalogVersion };
      } finally {
        busy = false;
      }
    },
    { validator: ({ actor, approve, reason }) => state && refuse(reviewRefusal(state, actor, { approve, reason })) },
  );

  const s: CatalogCompilationState = {
    compilationId: input.compilationId,
    departmentCode: input.departmentCode,
    kind: input.kind,
    stage: 'under_review',
    submissions: [],
  };
  await registerProcess(
    {
      workflowId,
      type: 'catalog_compilation',
      departmentCode: s.departmentCode,
      subjectId: s.compilationId,
      stage: s.stage,
      deadline: null,
      startedAt: nowIso(),
    },
    step('registered', 'filed', input.submittedBy, { kind: s.kind }),
  );
  await receive(s, input.submittedBy, input.changes);
  state = s;

  // The authority's turn runs on the stage clock; the department's (after a return) has no period.
  while (s.stage !== 'approved') {
    const seen = turn;
    const held = compilationTurnOf(s);
    if (!held) {
      await condition(() => turn !== seen);
      continue;
    }
    const p = reviews.get(s.submissions.at(-1)!.n)!;
    await clock.waitWithin(
      p,
      () => turn !== seen,
      (marked) => ensureViolation(s, { ...marked, detail: { ...marked.detail, deadline: held.key } }),
      {
        onRecount: () => {
          s.submissions.at(-1)!.reviewDeadline = p.deadline;
          showInSearch(s);
        },
      },
    );
  }

  await condition(allHandlersFinished);
  return {
    compilationId: s.compilationId,
    catalogVersion: s.catalogVersion!,
    submissions: s.submissions.length,
    violations: [...violated],
  };
}
