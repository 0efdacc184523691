// 第十八条: catalog update. Ten working days from the change date D for the department to
// apply; five working days from each receipt for the authority to review; approval makes a new
// catalog version and responsibility list at once. A return opens the department's
// resubmission period, the authority's setting counted from the day of the return
// (RESUBMISSION_PATCH). Each missed deadline is charged to whoever held the turn, as
// domain/catalog-update.ts turnOf names it: a late first application 第四十九条(八) against the
// department, a late review 第十八条第二款 against the authority, a late resubmission a
// timeliness finding against the department. The process still completes.
import { allHandlersFinished, condition, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  type CatalogUpdateState,
  checkReview,
  checkSubmission,
  currentSubmission,
  deadlineInForce,
  REVIEW_WORKING_DAYS,
  type Submission,
  SUBMISSION_OVERDUE,
  SUBMISSION_WORKING_DAYS,
  turnOf,
} from '../domain/catalog-update';
import { type Deadline, isPast } from '../domain/deadline';
import { domainError } from '../domain/errors';
import type { PartyKind } from '../domain/responsibility';
import type { Actor } from '../domain/roles';
import { beijingDate, type DeadlineLevel, deadlineLevel, type IsoDate } from '../domain/working-days';
import { calendarChanged, getCatalogUpdateState, reviewCatalogApplication, submitCatalogApplication } from './messages';
import { dbActivity } from './options';
import { approvedOrRefused } from './catalog-approval';
import { type Period, type Step, stageClock } from './stage-clock';
import { nowIso, nowMs, refuse } from './support';

const {
  computeDeadline,
  registerProcess,
  recordStep,
  recordViolation,
  saveCatalogApplication,
  returnCatalogApplication,
  approveCatalogApplication,
  catalogResubmissionWorkingDays,
} = proxyActivities<Activities>(dbActivity);

export interface CatalogUpdateInput {
  /** the registered change; its basis and description stay in the database */
  changeId: string;
  departmentCode: string;
  /** the authority's department: a late review is its breach */
  authorityCode: string;
  /** D: the day the law was amended or the functions changed */
  changeDate: IsoDate;
  registeredBy: Actor;
}

export interface CatalogUpdateResult {
  changeId: string;
  catalogVersion: number;
  submissionDue: IsoDate;
  submissions: number;
  /** the kinds of violation recorded, e.g. catalog_submission_overdue */
  violations: string[];
}

// The shared clock (stage-clock.ts) replaced this workflow's own: histories started before it
// carry no marker and keep counting with legacyWait below.
const CLOCK_PATCH = 'catalog-update-stage-clock';
// 第十八条第一款 met by a timely first application: a return opens a resubmission period (the
// authority's setting) instead of sending the department back to its expired 10 days, and a
// late resubmission is catalog_resubmission_overdue_<n>, not 第四十九条(八). Histories started
// before it carry no marker: their returns keep the 10-day clock, as recorded.
const RESUBMISSION_PATCH = 'catalog-update-resubmission-period';
// SPEC §2: a finding a recount withdrew (its deadline moved past today) is recorded again, as
// its next round (detail.round), when the recounted deadline is missed too: one finding per
// missed deadline, not one per kind. Histories started before it keep one per kind.
const FINDING_ROUNDS_PATCH = 'catalog-update-finding-rounds';

export async function catalogUpdateWorkflow(input: CatalogUpdateInput): Promise<CatalogUpdateResult> {
  const clock = stageClock();
  const shared = patched(CLOCK_PATCH);
  const resubmissionPeriod = patched(RESUBMISSION_PATCH);
  const findingRounds = patched(FINDING_ROUNDS_PATCH);
  const { workflowId } = workflowInfo();
  let state: CatalogUpdateState | undefined;
  /** a submission or decision is being written: others wait their turn */
  let busy = false;
  /** bumped by every submission and decision: the main loop then follows the deadline now in force */
  let turn = 0;
  // Old path only: calendar changes ask its loop for a recount.
  let recountsAsked = 0;
  let recountsDone = 0;
  let steps = 0;
  /** the kinds of finding recorded, for the result */
  const violated = new Set<string>();
  /** the missed deadlines already charged: by kind, or (FINDING_ROUNDS_PATCH) by kind and due date */
  const charged = new Set<string>();
  /** each submission's review period, by its number */
  const reviews = new Map<number, Period>();
  /** the resubmission period after the n-th application was returned (RESUBMISSION_PATCH) */
  const resubmissions = new Map<number, Period>();

  const ready = async (): Promise<CatalogUpdateState> => {
    if (!state) await condition(() => state !== undefined);
    return state!;
  };
  const { step } = clock;
  const showInSearch = (s: CatalogUpdateState): void => clock.show(s.stage, deadlineInForce(s));

  /** The charged party's department code: the department's own, or the authority's (input.authorityCode). */
  const codeOf = (party: PartyKind): string => (party === 'department' ? input.departmentCode : input.authorityCode);
  /** The timeline step of a finding recorded on a decision: the first application's key as before, the others by kind. */
  const findingStep = (kind: string): string => (kind === SUBMISSION_OVERDUE ? 'violation-submission' : `violation-${kind}`);

  /**
   * One finding per missed deadline, against whoever missed it (domain/catalog-update.ts turnOf).
   * The same kind on a recounted due date is a new round: the registry records it again only
   * if the recount withdrew the earlier one (registry.repo.ts recordViolation).
   */
  async function ensureViolation(
    kind: string,
    departmentCode: string,
    deadline: Pick<Deadline, 'due' | 'provisional'>,
    marked: Step,
  ): Promise<void> {
    const missed = findingRounds ? `${kind}@${deadline.due}` : kind;
    if (charged.has(missed)) {
      await recordStep(marked);
      return;
    }
    charged.add(missed);
    // A later round's step beside the first one's, which a decision's fixed key would collide with.
    const step = violated.has(kind) ? { ...marked, eventKey: `${marked.eventKey}-${deadline.due}` } : marked;
    violated.add(kind);
    // SPEC §2: a finding on a provisional deadline is itself provisional until the year is loaded.
    await recordViolation(
      { workflowId, departmentCode, kind, dueDate: deadline.due, occurredAt: nowIso(), provisional: deadline.provisional },
      step,
    );
  }

  setHandler(getCatalogUpdateState, () => state ?? null);

  setHandler(
    submitCatalogApplication,
    async ({ actor, changes }) => {
      const s = await ready();
      refuse(busy ? domainError('PROCESS_BUSY') : checkSubmission(s, actor, changes));
      busy = true;
      try {
        const n = s.submissions.length + 1;
        const receivedOn = beijingDate(nowMs());
        // The department's deadline in force: the 10 days from D, or the resubmission period after a return.
        const missed = turnOf(s);
        const late = isPast(missed.deadline, nowMs());
        const review = await clock.period(receivedOn, REVIEW_WORKING_DAYS);
        reviews.set(n, review);
        const reviewDeadline = review.deadline;
        const submission: Submission = { n, changes, submittedBy: actor.userId, submittedAt: nowIso(), receivedOn, late, reviewDeadline };
        if (late) {
          const { due } = missed.deadline;
          await ensureViolation(
            missed.finding,
            codeOf(missed.party),
            missed.deadline,
            step(findingStep(missed.finding), 'violation_recorded', undefined, {
              due,
              // a late resubmission names the returned application
              ...(missed.finding !== SUBMISSION_OVERDUE && { n: n - 1 }),
            }),
          );
        }
        await saveCatalogApplication(
          {
            changeId: s.changeId,
            n,
            changes,
            submittedByUserId: actor.userId,
            submittedAt: submission.submittedAt,
            receivedOn,
            reviewDue: reviewDeadline.due,
          },
          step(
            `submitted-${n}`,
            'application_submitted',
            actor,
            { n, receivedOn, late, reviewDeadline, codes: changes.map((c) => `${c.action}:${c.code}`) },
            { stage: 'under_review', deadline: reviewDeadline, level: 'normal' },
          ),
        );
        s.submissions.push(submission);
        s.stage = 'under_review';
        turn += 1;
        showInSearch(s);
        return submission;
      } finally {
        busy = false;
      }
    },
    { validator: ({ actor, changes }) => state && refuse(busy ? domainError('PROCESS_BUSY') : checkSubmission(state, actor, changes)) },
  );

  setHandler(
    reviewCatalogApplication,
    async ({ actor, approve, reason }) => {
      const s = await ready();
      refuse(busy ? domainError('PROCESS_BUSY') : checkReview(s, actor, { approve, reason }));
      busy = true;
      try {
        const sub = currentSubmission(s)!;
        const at = nowIso();
        const missed = turnOf(s);
        const late = isPast(sub.reviewDeadline, nowMs());
        if (late) {
          await ensureViolation(
            missed.finding,
            codeOf(missed.party),
            sub.reviewDeadline,
            step(`violation-review-${sub.n}`, 'violation_recorded', undefined, { due: sub.reviewDeadline.due, n: sub.n }),
          );
        }
        if (approve) {
          const { catalogVersion } = await approvedOrRefused(
            () =>
              approveCatalogApplication(
                {
                  changeId: s.changeId,
                  n: sub.n,
                  departmentCode: s.departmentCode,
                  changes: sub.changes,
                  approvedBy: actor.userId,
                  approvedAt: at,
                },
                step(`approved-${sub.n}`, 'application_approved', actor, { n: sub.n, late }, { stage: 'approved', status: 'closed' }),
              ),
            (cause) => {
              steps += 1;
              return recordStep(
                step(`approval-refused-${steps}`, 'approval_refused', actor, { n: sub.n, code: cause.type, message: cause.message }),
              );
            },
          );
          sub.decision = { approve: true, by: actor.userId, at, late, catalogVersion };
          s.catalogVersion = catalogVersion;
          s.stage = 'approved';
        } else {
          // The department's turn again: under the resubmission period from today, or (before the patch) its 10 days from D.
          let resubmission: { workingDays: number; deadline: Deadline } | undefined;
          if (resubmissionPeriod) {
            const workingDays = await catalogResubmissionWorkingDays();
            const p = await clock.period(beijingDate(nowMs()), workingDays);
            resubmissions.set(sub.n, p);
            resubmission = { workingDays, deadline: p.deadline };
          }
          const departmentDeadline = resubmission?.deadline ?? s.submissionDeadline;
          await returnCatalogApplication(
            { changeId: s.changeId, n: sub.n, decidedByUserId: actor.userId, decidedAt: at, reason: reason! },
            step(
              `returned-${sub.n}`,
              'application_returned',
              actor,
              {
                n: sub.n,
                reason,
                late,
                ...(resubmission && { resubmissionWorkingDays: resubmission.workingDays, resubmissionDeadline: resubmission.deadline }),
              },
              { stage: 'returned', deadline: departmentDeadline, level: 'normal' },
            ),
          );
          sub.decision = { approve: false, by: actor.userId, at, reason, late };
          if (resubmission) sub.resubmissionDeadline = resubmission.deadline;
          s.stage = 'returned';
        }
        turn += 1;
        showInSearch(s);
        return { stage: s.stage, submission: sub, catalogVersion: s.catalogVersion };
      } finally {
        busy = false;
      }
    },
    {
      validator: ({ actor, approve, reason }) =>
        state && refuse(busy ? domainError('PROCESS_BUSY') : checkReview(state, actor, { approve, reason })),
    },
  );

  if (!shared) {
    setHandler(calendarChanged, () => {
      recountsAsked += 1;
    });
  }

  const submission = await clock.period(input.changeDate, SUBMISSION_WORKING_DAYS);
  const submissionDeadline = submission.deadline;
  const s: CatalogUpdateState = {
    changeId: input.changeId,
    departmentCode: input.departmentCode,
    changeDate: input.changeDate,
    stage: 'awaiting_application',
    submissionDeadline,
    submissions: [],
  };
  await registerProcess(
    {
      workflowId,
      type: 'catalog_update',
      departmentCode: s.departmentCode,
      subjectId: s.changeId,
      stage: s.stage,
      deadline: submissionDeadline,
      startedAt: nowIso(),
    },
    step('registered', 'change_registered', input.registeredBy, { changeDate: s.changeDate, deadline: submissionDeadline }),
  );
  state = s;
  showInSearch(s);

  // Read through a function: the handlers change the stage while the clock waits.
  const approved = (): boolean => s.stage === 'approved';
  /** The open review, if the authority holds the turn (the legacy loop's view of it). */
  const reviewingNow = (): Submission | undefined => (s.stage === 'under_review' ? currentSubmission(s)! : undefined);
  /** Red is a finding against whoever holds the turn, as the domain names it. */
  const overdue = (deadline: Pick<Deadline, 'due' | 'provisional'>, marked: Step): Promise<void> => {
    const { finding, party } = turnOf(s);
    return ensureViolation(finding, codeOf(party), deadline, marked);
  };

  /** One wait per turn: each submission and decision hands the turn on, and the clock follows. */
  async function sharedWait(): Promise<void> {
    while (!approved()) {
      const seen = turn;
      const { key } = turnOf(s);
      const reviewing = reviewingNow();
      const returned = s.stage === 'returned' ? currentSubmission(s) : undefined;
      const resubmitting = returned && resubmissions.get(returned.n);
      const p = reviewing ? reviews.get(reviewing.n)! : (resubmitting ?? submission);
      const keyed = (marked: Step): Step => ({ ...marked, detail: { ...marked.detail, deadline: key } });
      await clock.waitWithin(
        p,
        () => turn !== seen,
        (marked) => overdue(p.deadline, keyed(marked)),
        {
          onWarning: (marked) => recordStep(keyed(marked)),
          onRecount: () => {
            if (reviewing) reviewing.reviewDeadline = p.deadline;
            else if (resubmitting) returned.resubmissionDeadline = p.deadline;
            else s.submissionDeadline = p.deadline;
            showInSearch(s);
          },
        },
      );
    }
  }

  /** The clock as it ran before CLOCK_PATCH, kept for the histories started then. */
  async function legacyWait(): Promise<void> {
    let level: DeadlineLevel = 'normal';
    let levelKey = 'submission';
    while (!approved()) {
      const { key } = turnOf(s);
      // The step that switched deadlines wrote `normal` into the registry.
      if (key !== levelKey) [levelKey, level] = [key, 'normal'];
      const d = deadlineInForce(s);
      const next = deadlineLevel(nowMs(), Date.parse(d.warningAt), Date.parse(d.endsAt));
      if (next !== level) {
        level = next;
        steps += 1;
        const marked = step(`level-${next}-${steps}`, `level_${next}`, undefined, { due: d.due, deadline: key }, { level: next });
        await (next === 'overdue' ? overdue(d, marked) : recordStep(marked));
      }
      const seen = turn;
      const inForce = deadlineInForce(s);
      const now = nowMs();
      const wake = [Date.parse(inForce.warningAt), Date.parse(inForce.endsAt)].find((t) => t > now);
      await condition(() => turn !== seen || recountsAsked > recountsDone, wake === undefined ? undefined : wake - now);
      if (approved() || recountsAsked <= recountsDone) continue;
      // Counted again after a calendar change: the department's period from D, the open review from its receipt.
      const upTo = recountsAsked;
      s.submissionDeadline = await computeDeadline({ from: s.changeDate, workingDays: SUBMISSION_WORKING_DAYS });
      const open = currentSubmission(s);
      if (open && !open.decision) open.reviewDeadline = await computeDeadline({ from: open.receivedOn, workingDays: REVIEW_WORKING_DAYS });
      steps += 1;
      const recounted: Deadline = deadlineInForce(s);
      await recordStep(
        step(
          `deadline-${steps}`,
          'deadline_set',
          undefined,
          { deadline: recounted, submissionDue: s.submissionDeadline.due },
          { deadline: recounted },
        ),
      );
      recountsDone = upTo;
      showInSearch(s);
    }
  }

  await (shared ? sharedWait() : legacyWait());

  showInSearch(s);
  await condition(allHandlersFinished);
  return {
    changeId: s.changeId,
    catalogVersion: s.catalogVersion!,
    submissionDue: s.submissionDeadline.due,
    submissions: s.submissions.length,
    violations: [...violated],
  };
}
