// SPEC §3.6, §6: a finding's life. The charged party is told and may file one statement
// (陈述申辩) within 5 working days; its supervisor then confirms or annuls it with a reason. An
// uncontested automatic finding is confirmed when the period lapses; registered conduct always
// waits for the decision. A provisional finding (SPEC §2) waits for its recount first.
import { allHandlersFinished, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { isPast } from '../domain/deadline';
import {
  afterStatement,
  afterStatementPeriod,
  checkDecision,
  checkStatement,
  deciderOf,
  type FindingState,
  isFindingClosed,
  STATEMENT_PERIOD_DAYS,
} from '../domain/finding';
import { domainError } from '../domain/errors';
import type { Actor } from '../domain/roles';
import { findingLabel } from '../domain/vocabulary';
import { beijingDate } from '../domain/working-days';
import { decideFinding, fileStatement, findingRevised, getFindingState } from './messages';
import { dbActivity } from './options';
import { stageClock } from './stage-clock';
import { nowIso, nowMs, refuse } from './support';

const { registerProcess, recordStep, recordFindingStep, notify } = proxyActivities<Activities>(dbActivity);

type Notice = Parameters<Activities['notify']>[0][number];

export interface FindingInput extends Pick<FindingState, 'violationId' | 'kind' | 'article' | 'partyKind' | 'departmentCode' | 'origin'> {
  /** SPEC §2: its deadline was counted over an unloaded year; it waits for findingRevised */
  provisional: boolean;
  /** the process that recorded an automatic finding */
  sourceWorkflowId?: string;
  /** the authority's reviewer who registered it */
  registeredBy?: Actor;
  /** a finding a recount withdrew and its process then missed again is reviewed again: round 2, 3 … */
  round?: number;
}

export interface FindingResult {
  violationId: number;
  outcome: 'confirmed' | 'annulled' | 'withdrawn';
  byLapse: boolean;
}

/** The reasons written for a decision no one took: the rules of domain/finding.ts. */
const LAPSE_REASONS = {
  automatic: '陈述申辩期届满未提出陈述申辩，依规则予以认定',
  countyGovernment: '陈述申辩期届满，县人民政府的违规由市人民政府监督，依规则予以认定并报市人民政府',
} as const;

export async function findingWorkflow(input: FindingInput): Promise<FindingResult> {
  const clock = stageClock();
  // A later round's steps are its own on the timeline, beside the withdrawn round's.
  const round = input.round ?? 1;
  const step: typeof clock.step = (key, ...rest) => clock.step(round > 1 ? `r${round}-${key}` : key, ...rest);
  const { workflowId } = workflowInfo();
  const id = input.violationId;
  const s: FindingState = {
    violationId: id,
    kind: input.kind,
    article: input.article,
    partyKind: input.partyKind,
    departmentCode: input.departmentCode,
    origin: input.origin,
    stage: input.provisional ? 'finding_provisional' : 'statement_period',
    status: input.provisional ? 'provisional' : 'notified',
  };
  let ready = false;
  let released: { reason: string } | undefined;
  let withdrawal: { reason: string } | undefined;
  let stater: Actor | undefined;
  let decider: Actor | undefined;
  let statementRecorded = false;
  let decisionRecorded = false;

  /** A statement is checked against the counted period: asked while it is being counted, try again. */
  const busy = (): void => refuse(ready ? null : domainError('PROCESS_BUSY'));
  const label = findingLabel(input.kind);
  const toParty = (key: string, kind: string, message: string): Notice => ({
    workflowId,
    key,
    kind,
    message,
    departmentCode: s.departmentCode,
    role: null,
  });
  const toRole = (key: string, kind: string, message: string, role: Notice['role']): Notice => ({
    workflowId,
    key,
    kind,
    message,
    departmentCode: null,
    role,
  });

  setHandler(getFindingState, () => (ready ? s : null));

  setHandler(
    fileStatement,
    async ({ actor, statement }) => {
      refuse(checkStatement(s, actor, statement, nowMs()));
      s.statement = { statement, filedBy: actor.userId, filedAt: nowIso() };
      stater = actor;
      // Answer once the row says contested, so the caller reads it back at once.
      await condition(() => statementRecorded || isFindingClosed(s));
      return s;
    },
    {
      validator: ({ actor, statement }) => {
        busy();
        refuse(checkStatement(s, actor, statement, nowMs()));
      },
    },
  );

  setHandler(
    decideFinding,
    async ({ actor, confirm, reason }) => {
      refuse(checkDecision(s, actor, reason));
      s.decision = { confirm, reason, decidedBy: actor.userId, decidedByRole: actor.role, decidedAt: nowIso(), byLapse: false };
      decider = actor;
      await condition(() => decisionRecorded);
      return s;
    },
    {
      // Not busy-checked: while the period is being counted the stage already refuses a decision.
      validator: ({ actor, reason }) => refuse(checkDecision(s, actor, reason)),
    },
  );

  setHandler(findingRevised, ({ status, reason }) => {
    if (isFindingClosed(s) || withdrawal) return;
    if (status === 'withdrawn') withdrawal = { reason };
    else if (s.stage === 'finding_provisional') released = { reason };
  });

  /** The statement period as it stands, kept on the finding's row once the registry's deadline is cleared. */
  const period = () => (s.notifiedOn && s.deadline ? { statementPeriod: { notifiedOn: s.notifiedOn, due: s.deadline.due } } : {});

  async function withdraw(reason: string): Promise<FindingResult> {
    s.withdrawal = { reason, at: nowIso() };
    s.stage = 'finding_withdrawn';
    s.status = 'withdrawn';
    await recordFindingStep(
      id,
      { status: 'withdrawn', detail: { withdrawal: s.withdrawal } },
      step('withdrawn', 'finding_withdrawn', undefined, { violationId: id, reason }, { stage: 'finding_withdrawn', status: 'closed' }),
    );
    await notify([toParty('withdrawn', 'finding_withdrawn', `违规记录“${label}”（${s.article}）经重新计算期限后撤回：${reason}`)]);
    return { violationId: id, outcome: 'withdrawn', byLapse: false };
  }

  async function decide(byLapse: boolean): Promise<FindingResult> {
    const d = s.decision!;
    const outcome = d.confirm ? 'confirmed' : 'annulled';
    s.stage = d.confirm ? 'finding_confirmed' : 'finding_annulled';
    s.status = outcome;
    await recordFindingStep(
      id,
      { status: outcome, detail: { decision: d, ...period() } },
      step(
        'decided',
        `finding_${outcome}`,
        decider,
        { violationId: id, article: s.article, reason: d.reason, byLapse },
        { stage: s.stage, status: 'closed' },
      ),
    );
    decisionRecorded = true;
    const word = d.confirm ? '予以认定' : '予以撤销';
    const notices = [toParty('decided', `finding_${outcome}`, `违规记录“${label}”（${s.article}）${word}：${d.reason}`)];
    // SPEC §6: the city supervises the county government from outside the system: reported to it.
    if (deciderOf(s.partyKind) === null) {
      notices.push(
        toRole('reported', 'finding_confirmed', `县人民政府违规记录“${label}”（${s.article}）已认定，请报市人民政府`, 'county_government'),
      );
    }
    await notify(notices);
    return { violationId: id, outcome, byLapse };
  }

  // SPEC §2: a provisional finding tells no one until its recount stands or withdraws it.
  if (input.provisional) {
    await registerProcess(
      { workflowId, type: 'finding', departmentCode: s.departmentCode, subjectId: String(id), stage: s.stage, startedAt: nowIso() },
      step('provisional', 'finding_held_provisional', undefined, { violationId: id, kind: s.kind, article: s.article }, { status: 'open' }),
    );
    ready = true;
    await condition(() => released !== undefined || withdrawal !== undefined);
    if (withdrawal) return finish(await withdraw(withdrawal.reason));
  }

  // The notification: the statement period counts from its day (the day itself not counted).
  ready = false;
  s.notifiedOn = beijingDate(nowMs());
  const p = await clock.period(s.notifiedOn, STATEMENT_PERIOD_DAYS);
  s.deadline = p.deadline;
  s.stage = 'statement_period';
  s.status = 'notified';
  const notified = step(
    'notified',
    'finding_notified',
    input.registeredBy,
    {
      violationId: id,
      kind: s.kind,
      article: s.article,
      notifiedOn: s.notifiedOn,
      deadline: p.deadline,
      ...(input.sourceWorkflowId && { sourceWorkflowId: input.sourceWorkflowId }),
      ...(released && { revisedReason: released.reason }),
    },
    { stage: 'statement_period', deadline: p.deadline, level: 'normal', status: 'open' },
  );
  await recordFindingStep(
    id,
    { status: 'notified', detail: period() },
    notified,
    input.provisional
      ? undefined
      : { workflowId, type: 'finding', departmentCode: s.departmentCode, subjectId: String(id), stage: s.stage, startedAt: nowIso() },
  );
  ready = true;
  await notify([
    toParty('notified', 'finding_notified', `违规告知：${label}（${s.article}）。如有异议，可于 ${p.deadline.due} 前提出陈述申辩`),
  ]);
  clock.show(s.stage, p.deadline);

  // The statement period: ends with the statement (the supervisor decides at once), a
  // withdrawal, or its last day.
  const pendingStatement = () => s.statement !== undefined && !statementRecorded;
  for (;;) {
    await clock.waitWithin(p, () => !!withdrawal || pendingStatement() || isPast(p.deadline, nowMs()), recordStep, {
      onRecount: () => {
        s.deadline = p.deadline;
      },
    });
    if (!pendingStatement()) break;
    const next = afterStatement(s) === 'await_decision' ? 'awaiting_finding_decision' : 'statement_period';
    await recordFindingStep(
      id,
      { status: 'contested', detail: { statement: s.statement, ...period() } },
      step(
        'statement',
        'statement_filed',
        stater,
        { violationId: id, statement: s.statement!.statement, due: p.deadline.due },
        next === 'awaiting_finding_decision' ? { stage: next, deadline: null, level: 'normal' } : undefined,
      ),
    );
    s.status = 'contested';
    s.stage = next;
    statementRecorded = true;
    if (next === 'awaiting_finding_decision') {
      await notifyDecider(`已提出陈述申辩，请作出认定`);
      break;
    }
  }
  if (withdrawal) return finish(await withdraw(withdrawal.reason));

  if (s.stage === 'statement_period') {
    if (afterStatementPeriod(s) === 'confirm') {
      s.decision = {
        confirm: true,
        reason: deciderOf(s.partyKind) === null ? LAPSE_REASONS.countyGovernment : LAPSE_REASONS.automatic,
        decidedBy: null,
        decidedByRole: null,
        decidedAt: nowIso(),
        byLapse: true,
      };
      return finish(await decide(true));
    }
    s.stage = 'awaiting_finding_decision';
    await recordFindingStep(
      id,
      { status: s.status, detail: period() },
      step(
        'period-ended',
        'statement_period_ended',
        undefined,
        { violationId: id, due: p.deadline.due, statementFiled: false },
        { stage: 'awaiting_finding_decision', deadline: null, level: 'normal' },
      ),
    );
    await notifyDecider(`陈述申辩期已于 ${p.deadline.due} 届满，请作出认定`);
  }

  // The supervisor's decision: no regulated period.
  await condition(() => s.decision !== undefined || withdrawal !== undefined);
  if (s.decision) return finish(await decide(false));
  return finish(await withdraw(withdrawal!.reason));

  async function notifyDecider(what: string): Promise<void> {
    const role = deciderOf(s.partyKind);
    if (role)
      await notify([toRole('to-decide', 'finding_decision_due', `违规记录“${label}”（${s.article}，${s.departmentCode}）${what}`, role)]);
  }

  async function finish(r: FindingResult): Promise<FindingResult> {
    statementRecorded = true;
    decisionRecorded = true;
    await condition(allHandlersFinished);
    return r;
  }
}
