// 第五十一条: 责令限期改正. A period of working days from the day of issue for the department to
// rectify: it reports, the authority accepts the rectification (closing the order) or rejects
// the report with reasons (the department may report again while the period runs). A period
// that ends without an accepted rectification escalates to a circulated criticism (通报批评):
// the authority's circular to every department and the county government.
// Before patched('rectification-acceptance') the first report closed the order as rectified and
// the criticism reached only the department and the reviewers; that path stays for the
// histories started then.
import { allHandlersFinished, condition, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { isPast } from '../domain/deadline';
import {
  checkAcceptance,
  checkReport,
  RECTIFICATION_ARTICLE,
  type RectificationDecision,
  type RectificationReport,
  type RectificationState,
  unrectifiedAtEnd,
} from '../domain/rectification';
import type { Actor } from '../domain/roles';
import { type DeadlineLevel, deadlineLevel, type IsoDate } from '../domain/working-days';
import { acceptRectification, calendarChanged, getRectificationState, reportRectification } from './messages';
import { dbActivity } from './options';
import { stageClock } from './stage-clock';
import { nowIso, nowMs, refuse } from './support';

const {
  computeDeadline,
  registerProcess,
  recordStep,
  finishRectification,
  criticizeDepartment,
  notify,
  saveRectificationReport,
  decideRectification,
  issueCircular,
} = proxyActivities<Activities>(dbActivity);

type Notice = Parameters<Activities['notify']>[0][number];

// The shared clock (stage-clock.ts) replaced this workflow's own: histories started before it
// carry no marker and keep counting with legacyWait below.
const CLOCK_PATCH = 'rectification-stage-clock';
// The authority's acceptance (a report no longer closes the order) and the circular of 通报批评.
// Histories started before it carry no marker and keep the report-closes path.
const ACCEPTANCE_PATCH = 'rectification-acceptance';

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
  /** 通报批评 on the acceptance path: the circular's number, e.g. 云数通〔2025〕1号 */
  circularNumber?: string;
}

export async function rectificationWorkflow(input: RectificationInput): Promise<RectificationResult> {
  const clock = stageClock();
  const shared = patched(CLOCK_PATCH);
  const acceptance = shared && patched(ACCEPTANCE_PATCH);
  const { workflowId } = workflowInfo();
  // Acceptance path: steps under way in a handler; the period's end waits for them.
  let busy = 0;
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

  /** Acceptance path: a handler's writes, counted so that the criticism never overtakes them. */
  const writing = async (write: () => Promise<void>): Promise<void> => {
    busy += 1;
    try {
      await write();
    } finally {
      busy -= 1;
    }
  };

  async function report(s: RectificationState, actor: Actor, r: RectificationReport): Promise<void> {
    s.stage = 'awaiting_acceptance';
    s.report = r;
    s.reports!.push(r);
    const key = `reported-${s.reports!.length}`;
    await writing(async () => {
      await saveRectificationReport(
        s.orderId,
        r,
        step(key, 'rectification_reported', actor, { report: r.report, due: s.deadline.due }, { stage: 'awaiting_acceptance' }),
      );
      await notify([
        notice(key, 'rectification_reported', `部门 ${s.departmentCode} 已报送整改情况（整改通知 ${s.orderId}），请予验收（第五十一条）`, {
          departmentCode: null,
          role: 'authority_reviewer',
        }),
      ]);
    });
    showInSearch(s);
  }

  async function decide(s: RectificationState, actor: Actor, d: RectificationDecision): Promise<void> {
    s.decisions!.push(d);
    s.stage = d.accept ? 'rectified' : 'rectifying';
    const n = s.decisions!.length;
    const { due } = s.deadline;
    const [key, kind, message] = d.accept
      ? ['accepted', 'rectification_accepted', `整改通知 ${s.orderId} 的整改情况已通过验收，整改完成`]
      : [
          `rejected-${n}`,
          'rectification_rejected',
          isPast(s.deadline, nowMs())
            ? `整改情况未通过验收：${d.reason}。整改期限 ${due} 已过`
            : `整改情况未通过验收：${d.reason}。请于 ${due} 前重新报送整改情况`,
        ];
    await writing(async () => {
      await decideRectification(
        s.orderId,
        d,
        step(
          key,
          kind,
          actor,
          { accept: d.accept, reason: d.reason, due },
          d.accept ? { stage: 'rectified', status: 'closed' } : { stage: 'rectifying' },
        ),
      );
      await notify([notice(key, kind, message, { departmentCode: s.departmentCode, role: null })]);
    });
    showInSearch(s);
  }

  setHandler(
    reportRectification,
    async ({ actor, report: text }) => {
      const s = await ready();
      refuse(checkReport(s, actor, text, nowMs()));
      const r = { report: text, reportedBy: actor.userId, reportedAt: nowIso() };
      if (acceptance) {
        await report(s, actor, r);
        return s;
      }
      s.report = r;
      reporter = actor;
      // Answer once the order row says rectified, so the caller can read it back at once.
      await condition(() => finished);
      return s;
    },
    { validator: ({ actor, report: text }) => state && refuse(checkReport(state, actor, text, nowMs())) },
  );

  setHandler(
    acceptRectification,
    async ({ actor, accept, reason }) => {
      const s = await ready();
      refuse(checkAcceptance(s, actor, { accept, reason }));
      await decide(s, actor, { accept, reason: reason?.trim() || null, decidedBy: actor.userId, decidedAt: nowIso() });
      return s;
    },
    { validator: ({ actor, accept, reason }) => state && refuse(checkAcceptance(state, actor, { accept, reason })) },
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
    ...(acceptance && { reports: [], decisions: [] }),
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

  if (acceptance) {
    // Done once accepted, or once the period has ended with no report awaiting the authority
    // (a report filed in time is decided first) and no handler still writing.
    await clock.waitWithin(p, () => busy === 0 && (s.stage === 'rectified' || unrectifiedAtEnd(s, nowMs())), recordStep, {
      onRecount: () => {
        s.deadline = p.deadline;
        showInSearch(s);
      },
    });
    const { due } = s.deadline;
    let circularNumber: string | undefined;
    if (s.stage !== 'rectified') {
      s.stage = 'criticized';
      s.criticizedAt = nowIso();
      ({ number: circularNumber } = await issueCircular(
        s.orderId,
        due,
        step(
          'criticized',
          'criticized',
          undefined,
          { due, article: RECTIFICATION_ARTICLE, violationId: s.violationId },
          { stage: 'criticized', level: 'overdue', status: 'closed' },
        ),
      ));
    }
    finished = true;
    showInSearch(s);
    await condition(allHandlersFinished);
    return {
      orderId: s.orderId,
      outcome: s.stage === 'rectified' ? 'rectified' : 'criticized',
      due,
      ...(circularNumber && { circularNumber }),
    };
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
