// 第三十二条: a dispute of a refused sharing request, or of one granted only in part (SPEC §3.7:
// upheld keeps the partial grant, overturned widens it into a grant the decider alone revokes). The authority coordinates with the
// provider (10 working days from filing) and decides, or refers the case to the county
// government (10 working days from the referral), whose decision closes it. Each step has its
// owner and deadline in the registry; a passed deadline turns red and notifies the owner.
import { allHandlersFinished, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Actor } from '../domain/roles';
import {
  checkDisputeDecision,
  checkReferral,
  COORDINATION_WORKING_DAYS,
  COUNTY_DECISION_WORKING_DAYS,
  type DisputeDecider,
  type DisputeState,
  grantedItems,
} from '../domain/sharing';
import { beijingDate, type IsoDate } from '../domain/working-days';
import { decideDispute, getDisputeState, referDispute } from './messages';
import { dbActivity } from './options';
import { type Period, stageClock, type Step } from './stage-clock';
import { nowIso, nowMs, refuse } from './support';

const { registerProcess, recordStep, referSharingDispute, decideSharingDispute, notify } = proxyActivities<Activities>(dbActivity);

export interface SharingDisputeInput {
  disputeId: string;
  /** the refused request's id */
  requestId: string;
  requesterDepartment: string;
  providerDepartment: string;
  requestedItems: string[];
  /** a disputed partial grant (SPEC §3.7): the items the provider granted; absent for a refusal */
  grantedBefore?: string[];
  filedOn: IsoDate;
  filedBy: Actor;
}

export interface SharingDisputeResult {
  disputeId: string;
  outcome: 'upheld' | 'overturned';
  decidedBy: DisputeDecider;
  grantedItems: string[];
}

export async function sharingDisputeWorkflow(input: SharingDisputeInput): Promise<SharingDisputeResult> {
  const clock = stageClock();
  const { workflowId } = workflowInfo();
  let state: DisputeState | undefined;
  let busy = false;
  let finished = false;
  let actorOfStep: Actor | undefined;

  const ready = async (): Promise<DisputeState> => {
    if (!state) await condition(() => state !== undefined);
    return state!;
  };

  setHandler(getDisputeState, () => state ?? null);

  setHandler(
    referDispute,
    async ({ actor, reason }) => {
      const s = await ready();
      refuse(checkReferral(s, actor, reason));
      s.referral = { by: actor.userId, at: nowIso(), reason };
      actorOfStep = actor;
      // Answer once the referral is written and the county government's period counted.
      await condition(() => s.stage !== 'dispute_coordinating' && !busy);
      return s;
    },
    { validator: ({ actor, reason }) => state && refuse(checkReferral(state, actor, reason)) },
  );

  setHandler(
    decideDispute,
    async ({ actor, ...d }) => {
      const s = await ready();
      refuse(checkDisputeDecision(s, actor, d));
      s.decided = {
        ...d,
        by: actor.userId,
        role: actor.role as DisputeDecider,
        at: nowIso(),
        grantedItems: grantedItems(s.requestedItems, { decision: d.outcome, dataItems: d.dataItems }),
      };
      actorOfStep = actor;
      await condition(() => finished);
      return s;
    },
    { validator: ({ actor, ...d }) => state && refuse(checkDisputeDecision(state, actor, d)) },
  );

  /** A red step for the owner of the step: recorded and notified; the owner still decides. */
  const overdue = (owner: 'authority_reviewer' | 'county_government', p: Period) => async (marked: Step) => {
    await recordStep(marked);
    await notify([
      {
        workflowId,
        key: `overdue-${owner}-${p.deadline.due}`,
        kind: 'dispute_overdue',
        departmentCode: null,
        role: owner,
        message: `共享争议 ${input.disputeId} 已超过办理期限 ${p.deadline.due}（第三十二条）`,
      },
    ]);
  };

  let p = await clock.period(input.filedOn, COORDINATION_WORKING_DAYS);
  const s: DisputeState = {
    disputeId: input.disputeId,
    requestId: input.requestId,
    requesterDepartment: input.requesterDepartment,
    providerDepartment: input.providerDepartment,
    requestedItems: input.requestedItems,
    ...(input.grantedBefore && { grantedBefore: input.grantedBefore }),
    filedOn: input.filedOn,
    stage: 'dispute_coordinating',
    deadline: p.deadline,
  };
  await registerProcess(
    {
      workflowId,
      type: 'sharing_dispute',
      departmentCode: s.providerDepartment,
      subjectId: s.disputeId,
      stage: s.stage,
      deadline: p.deadline,
      startedAt: nowIso(),
    },
    clock.step('filed', 'dispute_filed', input.filedBy, {
      requestId: s.requestId,
      requester: s.requesterDepartment,
      owner: 'authority_reviewer',
      deadline: p.deadline,
    }),
  );
  const disputed = input.grantedBefore ? `部分同意（仅同意 ${input.grantedBefore.join('、')}）` : '拒绝';
  await notify([
    {
      workflowId,
      key: 'filed',
      kind: 'dispute_filed',
      departmentCode: null,
      role: 'authority_reviewer',
      message: `部门 ${s.requesterDepartment} 对共享申请 ${s.requestId} 的${disputed}提出异议，请会同 ${s.providerDepartment} 于 ${p.deadline.due} 前协调处理`,
    },
    {
      workflowId,
      key: 'filed',
      kind: 'dispute_filed',
      departmentCode: s.providerDepartment,
      role: null,
      message: `部门 ${s.requesterDepartment} 对共享申请 ${s.requestId} 的${disputed}提出异议，主管部门将会同本部门协调处理`,
    },
  ]);
  state = s;
  clock.show(s.stage, p.deadline);

  await clock.waitWithin(p, () => s.referral !== undefined || s.decided !== undefined, overdue('authority_reviewer', p));
  s.deadline = p.deadline;

  if (!s.decided) {
    busy = true;
    const referral = s.referral!;
    const from = beijingDate(Date.parse(referral.at));
    p = await clock.period(from, COUNTY_DECISION_WORKING_DAYS);
    await referSharingDispute(
      s.disputeId,
      referral,
      clock.step(
        'referred',
        'dispute_referred',
        actorOfStep,
        { reason: referral.reason, owner: 'county_government', deadline: p.deadline },
        { stage: 'dispute_referred', deadline: p.deadline, level: 'normal' },
      ),
    );
    await notify([
      {
        workflowId,
        key: 'referred',
        kind: 'dispute_referred',
        departmentCode: null,
        role: 'county_government',
        message: `主管部门报请县人民政府决定共享争议 ${s.disputeId}，请于 ${p.deadline.due} 前决定`,
      },
    ]);
    s.stage = 'dispute_referred';
    s.deadline = p.deadline;
    clock.show(s.stage, p.deadline);
    busy = false;
    await clock.waitWithin(p, () => s.decided !== undefined, overdue('county_government', p));
  }

  const d = s.decided!;
  s.stage = d.outcome;
  await decideSharingDispute(
    {
      id: s.disputeId,
      sharingRequestId: s.requestId,
      outcome: d.outcome,
      grantedItems: d.grantedItems,
      by: d.by,
      role: d.role,
      at: d.at,
      reason: d.reason,
    },
    clock.step(
      'decided',
      `dispute_${d.outcome}`,
      actorOfStep,
      { outcome: d.outcome, dataItems: d.grantedItems, reason: d.reason, decidedOn: beijingDate(nowMs()) },
      { stage: s.stage, status: 'closed' },
    ),
  );
  await notify(
    [s.requesterDepartment, s.providerDepartment].map((departmentCode) => ({
      workflowId,
      key: 'decided',
      kind: `dispute_${d.outcome}`,
      departmentCode,
      role: null,
      message: `共享争议 ${s.disputeId}：${d.outcome === 'upheld' ? (input.grantedBefore ? '维持部分同意' : '维持不予共享') : `同意共享 ${d.grantedItems.join('、')}`}，理由：${d.reason}`,
    })),
  );
  finished = true;
  clock.show(s.stage, s.deadline);
  await condition(allHandlersFinished);
  return { disputeId: s.disputeId, outcome: d.outcome, decidedBy: d.role, grantedItems: d.grantedItems };
}
