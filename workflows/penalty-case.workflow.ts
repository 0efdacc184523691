// 第五十二条, 第五十三条: the authority's case against a service unit or a citizen or organisation.
// The breach recorded → 告知 (with its date) → a 陈述申辩 period of 5 working days from the notice
// → 责令限期改正 (a period the authority sets) → rectified in time, or 警告 when the period passes
// → where the consequences are serious, a fine within the legal range, or closed at the warning.
// 涉嫌犯罪 → 移送司法机关, at any open step. Every decision is an update its validator asks
// domain/penalty.ts; every step is written on the case row and the timeline together.
import { condition, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { isPast } from '../domain/deadline';
import {
  BREACH_INFO,
  type BreachItem,
  type Conduct,
  checkConclusion,
  checkFine,
  checkNotice,
  checkOrder,
  checkRectified,
  checkReferral,
  checkStatement,
  fineRangeOf,
  fineRangeText,
  type PenaltyCaseState,
  type PenaltyPartyType,
  type PenaltyStage,
  penaltyArticle,
  referralArticle,
  STATEMENT_PERIOD_DAYS,
} from '../domain/penalty';
import type { Actor } from '../domain/roles';
import { beijingDate, type IsoDate } from '../domain/working-days';
import {
  concludePenaltyCase,
  decidePenaltyFine,
  getPenaltyCaseState,
  orderPenaltyRectification,
  recordPenaltyNotice,
  recordPenaltyStatement,
  referPenaltyCase,
  reportPenaltyRectified,
} from './messages';
import { dbActivity, SA_STAGE } from './options';
import { type Period, stageClock } from './stage-clock';
import { nowIso, nowMs, refuse, type Step } from './support';

const { registerProcess, recordPenaltyDecision, recordStep, notify } = proxyActivities<Activities>(dbActivity);

type CasePatch = Parameters<Activities['recordPenaltyDecision']>[1];

export interface PenaltyCaseInput {
  caseId: string;
  partyType: PenaltyPartyType;
  /** 第五十三条: business or non-business conduct; null for a service unit */
  conduct: Conduct | null;
  breaches: BreachItem[];
  /** the authority's own department: the cases are its work */
  departmentCode: string;
  openedOn: IsoDate;
  openedBy: Actor;
}

export interface PenaltyCaseResult {
  caseId: string;
  outcome: PenaltyStage;
}

/** The decision an update handed to the main loop, written before the update answers. */
type Pending = 'notice' | 'statement' | 'order' | 'rectified' | 'fine' | 'conclusion' | 'referral';

export async function penaltyCaseWorkflow(input: PenaltyCaseInput): Promise<PenaltyCaseResult> {
  const clock = stageClock();
  const { step } = clock;
  const { workflowId } = workflowInfo();
  const article = penaltyArticle(input.partyType);
  const s: PenaltyCaseState = {
    caseId: input.caseId,
    partyType: input.partyType,
    conduct: input.conduct,
    openedOn: input.openedOn,
    stage: 'penalty_filed',
    statements: [],
  };
  let registered = false;
  let pending: Pending | undefined;
  let decidedBy: Actor | undefined;

  setHandler(getPenaltyCaseState, () => s);

  /** One decision at a time: the handler waits for the case to be registered and for its own write. */
  const decide = async (kind: Pending, actor: Actor, check: () => ReturnType<typeof checkNotice>, apply: () => void) => {
    await condition(() => registered && pending === undefined);
    refuse(check());
    pending = kind;
    decidedBy = actor;
    apply();
    await condition(() => pending === undefined);
    return s;
  };

  setHandler(
    recordPenaltyNotice,
    ({ actor, notifiedOn, content }) =>
      decide(
        'notice',
        actor,
        () => checkNotice(s, actor, { notifiedOn, content }, nowMs()),
        () => {
          s.notice = { notifiedOn, content, by: actor.userId, at: nowIso() };
        },
      ),
    { validator: ({ actor, notifiedOn, content }) => refuse(checkNotice(s, actor, { notifiedOn, content }, nowMs())) },
  );

  setHandler(
    recordPenaltyStatement,
    async ({ actor, statement }) => {
      await condition(() => registered && pending === undefined);
      refuse(checkStatement(s, actor, statement, nowMs()));
      pending = 'statement';
      s.statements.push({ statement, by: actor.userId, at: nowIso() });
      const n = s.statements.length;
      await recordPenaltyDecision(
        s.caseId,
        { statements: [...s.statements] },
        step(`statement-${n}`, 'penalty_statement_recorded', actor, { statementNo: n, due: s.statementDeadline?.due }),
      );
      pending = undefined;
      return s;
    },
    { validator: ({ actor, statement }) => refuse(checkStatement(s, actor, statement, nowMs())) },
  );

  setHandler(
    orderPenaltyRectification,
    ({ actor, requirement, periodWorkingDays }) =>
      decide(
        'order',
        actor,
        () => checkOrder(s, actor, { requirement, periodWorkingDays }, nowMs()),
        () => {
          s.order = { requirement, periodWorkingDays, orderedOn: beijingDate(nowMs()), by: actor.userId, at: nowIso() };
        },
      ),
    { validator: ({ actor, requirement, periodWorkingDays }) => refuse(checkOrder(s, actor, { requirement, periodWorkingDays }, nowMs())) },
  );

  setHandler(
    reportPenaltyRectified,
    ({ actor, report }) =>
      decide(
        'rectified',
        actor,
        () => checkRectified(s, actor, report, nowMs()),
        () => {
          s.rectified = { report, by: actor.userId, at: nowIso() };
        },
      ),
    { validator: ({ actor, report }) => refuse(checkRectified(s, actor, report, nowMs())) },
  );

  setHandler(
    decidePenaltyFine,
    ({ actor, amountYuan, consequences }) =>
      decide(
        'fine',
        actor,
        () => checkFine(s, actor, { amountYuan, consequences }, nowMs()),
        () => {
          s.fine = { amountYuan, consequences, by: actor.userId, at: nowIso() };
        },
      ),
    { validator: ({ actor, amountYuan, consequences }) => refuse(checkFine(s, actor, { amountYuan, consequences }, nowMs())) },
  );

  setHandler(
    concludePenaltyCase,
    ({ actor, reason }) =>
      decide(
        'conclusion',
        actor,
        () => checkConclusion(s, actor, reason),
        () => {
          s.conclusion = { reason, by: actor.userId, at: nowIso() };
        },
      ),
    { validator: ({ actor, reason }) => refuse(checkConclusion(s, actor, reason)) },
  );

  setHandler(
    referPenaltyCase,
    ({ actor, organ, reason }) =>
      decide(
        'referral',
        actor,
        () => checkReferral(s, actor, { organ, reason }),
        () => {
          s.referral = { organ, reason, by: actor.userId, at: nowIso() };
        },
      ),
    { validator: ({ actor, organ, reason }) => refuse(checkReferral(s, actor, { organ, reason })) },
  );

  /**
   * A step of the case: its row, its timeline entry and the registry together; then the update
   * that asked for it answers. `answers: false` for the steps the periods' ends cause, during
   * which a referral may already be waiting for its own write.
   */
  const write = async (stage: PenaltyStage, patch: CasePatch, marked: Step, answers = true): Promise<void> => {
    await recordPenaltyDecision(s.caseId, { stage, ...patch }, marked);
    s.stage = stage;
    // A stage without a deadline is shown in search here; one with a deadline by the clock.
    if (marked.registry?.deadline === null) upsertSearchAttributes([{ key: SA_STAGE, value: stage }]);
    if (answers) pending = undefined;
  };
  const closing = (stage: PenaltyStage): Step['registry'] => ({ stage, deadline: null, level: 'normal', status: 'closed' });
  const referred = (): boolean => s.referral !== undefined;

  /** Waits out a period: ended by its deadline, or sooner by `done`, or by a referral. */
  const waitOut = (p: Period, done: () => boolean, onRecount: () => void): Promise<void> =>
    clock.waitWithin(p, () => done() || referred() || isPast(p.deadline, nowMs()), recordStep, { onRecount });

  await registerProcess(
    {
      workflowId,
      type: 'penalty_case',
      departmentCode: input.departmentCode,
      subjectId: s.caseId,
      stage: s.stage,
      deadline: null,
      startedAt: nowIso(),
    },
    step('filed', 'penalty_case_filed', input.openedBy, {
      article,
      partyType: s.partyType,
      conduct: s.conduct,
      breaches: input.breaches.map((b) => BREACH_INFO[b].article),
    }),
  );
  registered = true;
  upsertSearchAttributes([{ key: SA_STAGE, value: s.stage }]);

  // 告知, then the 陈述申辩 period from the notice's date.
  await condition(() => s.notice !== undefined || referred());
  if (!referred()) {
    const n = s.notice!;
    const p = await clock.period(n.notifiedOn, STATEMENT_PERIOD_DAYS);
    s.statementDeadline = p.deadline;
    await write(
      'penalty_statement',
      { noticeContent: n.content, notifiedOn: n.notifiedOn, statementDue: p.deadline.due, decidedBy: n.by },
      step(
        'notified',
        'penalty_notified',
        decidedBy,
        { article, notifiedOn: n.notifiedOn, statementDue: p.deadline.due },
        { stage: 'penalty_statement', deadline: p.deadline, level: 'normal' },
      ),
    );
    clock.show(s.stage, p.deadline);
    await waitOut(
      p,
      () => false,
      () => {
        s.statementDeadline = p.deadline;
        clock.show(s.stage, p.deadline);
      },
    );
    // A statement being written when the period ends is written first.
    await condition(() => pending === undefined || pending === 'referral');
    if (!referred()) {
      await write(
        'penalty_awaiting_order',
        { statementDue: p.deadline.due },
        step(
          'statement-ended',
          'penalty_statement_period_ended',
          undefined,
          { due: p.deadline.due, statements: s.statements.length },
          { stage: 'penalty_awaiting_order', deadline: null, level: 'normal' },
        ),
        false,
      );
    }
  }

  // 责令限期改正: the period from the day of the order; rectified in time, or 警告.
  if (!referred()) {
    await condition(() => s.order !== undefined || referred());
    if (!referred()) {
      const o = s.order!;
      const p = await clock.period(o.orderedOn, o.periodWorkingDays);
      s.rectificationDeadline = p.deadline;
      await write(
        'penalty_rectifying',
        {
          requirement: o.requirement,
          periodWorkingDays: o.periodWorkingDays,
          orderedOn: o.orderedOn,
          rectificationDue: p.deadline.due,
          decidedBy: o.by,
        },
        step(
          'ordered',
          'penalty_rectification_ordered',
          decidedBy,
          { article, orderedOn: o.orderedOn, periodWorkingDays: o.periodWorkingDays, due: p.deadline.due },
          { stage: 'penalty_rectifying', deadline: p.deadline, level: 'normal' },
        ),
      );
      clock.show(s.stage, p.deadline);
      await waitOut(
        p,
        () => s.rectified !== undefined,
        () => {
          s.rectificationDeadline = p.deadline;
          clock.show(s.stage, p.deadline);
        },
      );
      const due = p.deadline.due;
      if (s.rectified && !referred()) {
        await write(
          'penalty_rectified',
          {
            rectificationReport: s.rectified.report,
            rectifiedAt: s.rectified.at,
            rectificationDue: due,
            closedAt: nowIso(),
            decidedBy: s.rectified.by,
          },
          step('rectified', 'penalty_rectified', decidedBy, { due, article }, closing('penalty_rectified')),
        );
      } else if (!referred()) {
        // 逾期未改正，给予警告: recorded by the system at the end of the period.
        const at = nowIso();
        s.warnedAt = at;
        await write(
          'penalty_warned',
          { warnedAt: at, rectificationDue: due },
          step('warned', 'penalty_warned', undefined, { due, article }, { stage: 'penalty_warned', deadline: null, level: 'normal' }),
          false,
        );
        await notify([
          {
            workflowId,
            key: 'warned',
            kind: 'penalty_warned',
            message: `处罚案件 ${s.caseId} 当事人逾期（${due}）未改正，已依${article}给予警告；造成严重后果的，可在 ${fineRangeText(fineRangeOf(s.partyType, s.conduct))} 幅度内决定罚款`,
            departmentCode: null,
            role: 'authority_reviewer',
          },
        ]);
      }
    }
  }

  // 造成严重后果的 罚款, or the case closes at the warning.
  if (s.stage === 'penalty_warned') {
    await condition(() => s.fine !== undefined || s.conclusion !== undefined || referred());
    if (s.fine && !referred()) {
      const f = s.fine;
      await write(
        'penalty_fined',
        { fineYuan: f.amountYuan, consequences: f.consequences, finedAt: f.at, closedAt: f.at, decidedBy: f.by },
        step(
          'fined',
          'penalty_fined',
          decidedBy,
          { article, amountYuan: f.amountYuan, range: fineRangeText(fineRangeOf(s.partyType, s.conduct)) },
          closing('penalty_fined'),
        ),
      );
    } else if (s.conclusion && !referred()) {
      const c = s.conclusion;
      await write(
        'penalty_concluded',
        { conclusion: c.reason, closedAt: c.at, decidedBy: c.by },
        step('concluded', 'penalty_concluded', decidedBy, { article }, closing('penalty_concluded')),
      );
    }
  }

  // 涉嫌犯罪的，移送司法机关依法处理.
  if (referred()) {
    const r = s.referral!;
    await write(
      'penalty_referred',
      { referredTo: r.organ, referralReason: r.reason, referredAt: r.at, closedAt: r.at, decidedBy: r.by },
      step(
        'referred',
        'penalty_referred',
        decidedBy,
        { article: referralArticle(s.partyType), organ: r.organ },
        closing('penalty_referred'),
      ),
    );
  }

  await condition(() => pending === undefined);
  return { caseId: s.caseId, outcome: s.stage };
}
