// 第二十六条: a data conflict. The departments concerned negotiate for 10 working days from the
// opening, each recording (and revising) its position; when all agree the case closes. If the
// period ends without agreement, the authority coordinates and verifies within 10 working days
// from the end of the negotiation, and its decision closes the case.
import { allHandlersFinished, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  allAgree,
  AUTHORITY_COORDINATION_WORKING_DAYS,
  awaitingPosition,
  checkConflictDecision,
  checkPosition,
  CONFLICT_ARTICLE,
  type ConflictState,
  NEGOTIATION_WORKING_DAYS,
} from '../domain/conflict';
import { isPast } from '../domain/deadline';
import type { Actor } from '../domain/roles';
import type { IsoDate } from '../domain/working-days';
import { decideConflict, getConflictState, recordPosition } from './messages';
import { dbActivity } from './options';
import { stageClock } from './stage-clock';
import { nowIso, nowMs, refuse } from './support';

const { registerProcess, recordStep, saveConflictPosition, setConflictStage, notify } = proxyActivities<Activities>(dbActivity);

export interface ConflictInput {
  conflictId: string;
  /** the departments concerned; the first is the lead, under which the registry lists the case */
  departments: string[];
  openedOn: IsoDate;
  openedBy: Actor;
}

export interface ConflictResult {
  conflictId: string;
  outcome: 'agreed' | 'decided';
  negotiationDue: IsoDate;
}

export async function conflictWorkflow(input: ConflictInput): Promise<ConflictResult> {
  const clock = stageClock();
  const { workflowId } = workflowInfo();
  let state: ConflictState | undefined;
  /** positions being written, one at a time, in the order received */
  let writing: Promise<void> = Promise.resolve();
  let decider: Actor | undefined;
  let finished = false;

  const ready = async (): Promise<ConflictState> => {
    if (!state) await condition(() => state !== undefined);
    return state!;
  };

  setHandler(getConflictState, () => state ?? null);

  setHandler(
    recordPosition,
    async ({ actor, position, agrees }) => {
      const s = await ready();
      refuse(checkPosition(s, actor, position));
      const departmentCode = s.departments.find((d) => d === actor.departmentCode)!;
      const p = { departmentCode, position, agrees, by: actor.userId, at: nowIso() };
      const key = clock.nextKey(`position-${departmentCode}`);
      const write = writing.then(() =>
        saveConflictPosition(s.conflictId, p, clock.step(key, 'position_recorded', actor, { departmentCode, position, agrees })),
      );
      writing = write;
      await write;
      s.positions[departmentCode] = p;
      if (allAgree(s)) await condition(() => finished);
      return s;
    },
    { validator: ({ actor, position }) => state && refuse(checkPosition(state, actor, position)) },
  );

  setHandler(
    decideConflict,
    async ({ actor, decision }) => {
      const s = await ready();
      refuse(checkConflictDecision(s, actor, decision));
      s.decision = { text: decision, by: actor.userId, at: nowIso() };
      decider = actor;
      await condition(() => finished);
      return s;
    },
    { validator: ({ actor, decision }) => state && refuse(checkConflictDecision(state, actor, decision)) },
  );

  let p = await clock.period(input.openedOn, NEGOTIATION_WORKING_DAYS);
  const negotiationDue = p.deadline.due;
  const s: ConflictState = {
    conflictId: input.conflictId,
    departments: input.departments,
    openedOn: input.openedOn,
    stage: 'conflict_negotiating',
    deadline: p.deadline,
    positions: {},
  };
  await registerProcess(
    {
      workflowId,
      type: 'conflict',
      departmentCode: s.departments[0]!,
      subjectId: s.conflictId,
      stage: s.stage,
      deadline: p.deadline,
      startedAt: nowIso(),
    },
    clock.step('opened', 'conflict_opened', input.openedBy, {
      departments: s.departments,
      deadline: p.deadline,
      article: CONFLICT_ARTICLE,
    }),
  );
  await notify(
    s.departments.map((departmentCode) => ({
      workflowId,
      key: 'opened',
      kind: 'conflict_opened',
      departmentCode,
      role: null,
      message: `数据冲突 ${s.conflictId}：请与 ${s.departments.filter((d) => d !== departmentCode).join('、')} 协商，于 ${p.deadline.due} 前登记本部门意见（第二十六条）`,
    })),
  );
  state = s;
  clock.show(s.stage, p.deadline);

  // The negotiation period: agreement closes it; its end hands the case to the authority.
  const agreed = (): boolean => allAgree(s);
  const negotiationOver = (): boolean => isPast(p.deadline, nowMs());
  await clock.waitWithin(
    p,
    () => agreed() || negotiationOver(),
    (marked) => recordStep(marked),
  );
  await writing;

  if (agreed()) {
    s.stage = 'agreed';
    await setConflictStage(
      s.conflictId,
      { status: 'agreed', closedAt: nowIso() },
      clock.step(
        'agreed',
        'conflict_agreed',
        undefined,
        { positions: Object.values(s.positions).map((x) => x.departmentCode) },
        { stage: 'agreed', status: 'closed' },
      ),
    );
  } else {
    s.stage = 'conflict_coordinating';
    p = await clock.period(negotiationDue, AUTHORITY_COORDINATION_WORKING_DAYS);
    s.deadline = p.deadline;
    await setConflictStage(
      s.conflictId,
      { status: 'conflict_coordinating' },
      clock.step(
        'coordinating',
        'conflict_escalated',
        undefined,
        { negotiationDue, awaiting: awaitingPosition(s), deadline: p.deadline },
        { stage: s.stage, deadline: p.deadline, level: 'normal' },
      ),
    );
    await notify([
      {
        workflowId,
        key: 'coordinating',
        kind: 'conflict_escalated',
        departmentCode: null,
        role: 'authority_reviewer',
        message: `数据冲突 ${s.conflictId} 在 ${negotiationDue} 前未能协商一致，请于 ${p.deadline.due} 前协调核实（第二十六条）`,
      },
    ]);
    clock.show(s.stage, p.deadline);
    await clock.waitWithin(
      p,
      () => s.decision !== undefined,
      (marked) => recordStep(marked),
    );
    s.deadline = p.deadline;
    s.stage = 'decided';
    const d = s.decision!;
    await setConflictStage(
      s.conflictId,
      { status: 'decided', decision: d.text, decidedBy: d.by, closedAt: d.at },
      clock.step('decided', 'conflict_decided', decider, { decision: d.text }, { stage: 'decided', status: 'closed' }),
    );
    await notify(
      s.departments.map((departmentCode) => ({
        workflowId,
        key: 'decided',
        kind: 'conflict_decided',
        departmentCode,
        role: null,
        message: `数据冲突 ${s.conflictId}：主管部门协调核实的结论为：${d.text}`,
      })),
    );
  }
  finished = true;
  clock.show(s.stage, s.deadline);
  await condition(allHandlersFinished);
  return { conflictId: s.conflictId, outcome: s.stage, negotiationDue };
}
