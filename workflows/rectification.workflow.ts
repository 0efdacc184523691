// 第五十一条: 责令限期改正. A period of working days from the day of issue for the department to
// report its rectification; a period that passes without a report escalates to a circulated
// criticism (通报批评), recorded and notified, and the process closes either way.
import { allHandlersFinished, condition, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { isPast } from '../domain/deadline';
import { checkReport, RECTIFICATION_ARTICLE, type RectificationState } from '../domain/rectification';
import type { Actor } from '../domain/roles';
import { type DeadlineLevel, deadlineLevel, type IsoDate } from '../domain/working-days';
import { calendarChanged, getRectificationState, reportRectification } from './messages';
import { dbActivity } from './options';
import { stageClock } from './stage-clock';
import { nowIso, nowMs, refuse } from './support';

const { computeDeadline, registerProcess, recordStep, finishRectification, criticizeDepartment, notify } =
  proxyActivities<Activities>(dbActivity);

type Notice = Parameters<Activities['notify']>[0][number];

// The shared clock (stage-clock.ts) replaced this workflow's own: histories started before it
// carry no marker and keep counting with legacyWait below.
const CLOCK_PATCH = 'rectification-stage-clock';

export interface RectificationInput {
  /** the order's id; its requirement stays in the database */
  orderId: string;
  violationId: number;
  /** the violating department, ordered to rectify */
  departmentCode: string;
  issuedOn: IsoDate;
  periodWorkingDays: number;
  issuedBy: Actor;
}

export interface RectificationResult {
  orderId: string;
  outcome: 'rectified' | 'criticized';
  due: IsoDate;
}

export async function rectificationWorkflow(input: RectificationInput): Promise<RectificationResult> {
  const clock = stageClock();
  const shared = patched(CLOCK_PATCH);
  const { workflowId } = workflowInfo();
  let state: RectificationState | undefined;
  let reporter: Actor | undefined;
  // Old path only: calendar changes ask its loop for a recount.
  let recountsAsked = 0;
  let recountsDone = 0;
  let finished = false;

  const ready = async (): Promise<RectificationState> => {
    if (!state) await condition(() => state !== undefined);
    return state!;
  };
  const { step } = clock;
  const notice = (key: string, kind: string, message: string, to: Pick<Notice, 'departmentCode' | 'role'>): Notice => ({
    workflowId,
    key,
    kind,
    message,
    ...to,
  });
  const showInSearch = (s: RectificationState): void => clock.show(s.stage, s.deadline);

  setHandler(getRectificationState, () => state ?? null);

  setHandler(
    reportRectification,
    async ({ actor, report }) => {
      const s = await ready();
      refuse(checkReport(s, actor, report, nowMs()));
      s.report = { report, reportedBy: actor.userId, reportedAt: nowIso() };
      reporter = actor;
      // Answer once the order row says rectified, so the caller can read it back at once.
      await condition(() => finished);
      return s;
    },
    { validator: ({ actor, report }) => state && refuse(checkReport(state, actor, report, nowMs())) },
  );

  if (!shared) {
    setHandler(calendarChanged, () => {
      recountsAsked += 1;
    });
  }

  const p = await clock.period(input.issuedOn, input.periodWorkingDays);
  const { deadline } = p;
  const s: RectificationState = {
    orderId: input.orderId,
    violationId: input.violationId,
    departmentCode: input.departmentCode,
    issuedOn: input.issuedOn,
    periodWorkingDays: input.periodWorkingDays,
    stage: 'rectifying',
    deadline,
  };
  await registerProcess(
    {
      workflowId,
      type: 'rectification',
      departmentCode: s.departmentCode,
      subjectId: s.orderId,
      stage: s.stage,
      deadline,
      startedAt: nowIso(),
    },
    step('ordered', 'rectification_ordered', input.issuedBy, {
      violationId: s.violationId,
      issuedOn: s.issuedOn,
      periodWorkingDays: s.periodWorkingDays,
      deadline,
      article: RECTIFICATION_ARTICLE,
    }),
  );
  await notify([
    notice('ordered', 'rectification_ordered', `主管部门责令限期整改（第五十一条），请于 ${deadline.due} 前报送整改情况`, {
      departmentCode: s.departmentCode,
      role: null,
    }),
  ]);
  state = s;
  showInSearch(s);

  // Read through a function: the report handler changes the state while the clock waits.
  const reported = (): boolean => s.report !== undefined;

  /** The clock as it ran before CLOCK_PATCH, kept for the histories started then. */
  async function legacyWait(): Promise<void> {
    let level: DeadlineLevel = 'normal';
    let steps = 0;
    while (!reported() && !isPast(s.deadline, nowMs())) {
      // Yellow when its time comes; red is not a level this process waits in: it escalates at once.
      const next = deadlineLevel(nowMs(), Date.parse(s.deadline.warningAt), Date.parse(s.deadline.endsAt));
      if (next !== level && next !== 'overdue') {
        level = next;
        steps += 1;
        await recordStep(step(`level-${next}-${steps}`, `level_${next}`, undefined, { due: s.deadline.due }, { level: next }));
      }
      const now = nowMs();
      const wake = [Date.parse(s.deadline.warningAt), Date.parse(s.deadline.endsAt)].find((t) => t > now);
      await condition(() => reported() || recountsAsked > recountsDone, wake === undefined ? undefined : wake - now);
      if (reported() || recountsAsked <= recountsDone) continue;
      const upTo = recountsAsked;
      s.deadline = await computeDeadline({ from: s.issuedOn, workingDays: s.periodWorkingDays });
      steps += 1;
      await recordStep(step(`deadline-${steps}`, 'deadline_set', undefined, { deadline: s.deadline }, { deadline: s.deadline }));
      recountsDone = upTo;
      showInSearch(s);
    }
  }

  if (shared) {
    // The period's end is the end of the wait: no red level, the criticism below follows at once.
    await clock.waitWithin(p, () => reported() || isPast(p.deadline, nowMs()), recordStep, {
      onRecount: () => {
        s.deadline = p.deadline;
        showInSearch(s);
      },
    });
  } else {
    await legacyWait();
  }

  const { due } = s.deadline;
  if (s.report) {
    s.stage = 'rectified';
    await finishRectification(
      s.orderId,
      s.report,
      step(
        'rectified',
        'rectification_reported',
        reporter,
        { due, reportedAt: s.report.reportedAt },
        { stage: 'rectified', status: 'closed' },
      ),
    );
  } else {
    s.stage = 'criticized';
    s.criticizedAt = nowIso();
    await criticizeDepartment(
      s.orderId,
      step(
        'criticized',
        'criticized',
        undefined,
        { due, article: RECTIFICATION_ARTICLE, violationId: s.violationId },
        { stage: 'criticized', level: 'overdue', status: 'closed' },
      ),
    );
    await notify([
      notice('criticized', 'criticized', `整改期限 ${due} 已过仍未报送整改情况，依第五十一条予以通报批评`, {
        departmentCode: s.departmentCode,
        role: null,
      }),
      notice('criticized', 'criticized', `部门 ${s.departmentCode} 未在 ${due} 前完成整改（整改通知 ${s.orderId}），已通报批评`, {
        departmentCode: null,
        role: 'authority_reviewer',
      }),
    ]);
  }
  finished = true;
  showInSearch(s);
  await condition(allHandlersFinished);
  return { orderId: s.orderId, outcome: s.stage, due };
}
