// 第二十九条, 第三十一条: a conditional sharing request. The providing department approves,
// approves in part (naming the items) or refuses with a reason, within the period the authority
// set when the request was made (default 5 working days from receipt). No decision by then is
// recorded as a violation (第三十二条, see domain/sharing.ts) and the authority is notified; the
// provider may still decide, late.
import { allHandlersFinished, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { isPast } from '../domain/deadline';
import type { Actor } from '../domain/roles';
import {
  checkProviderDecision,
  DECISION_OVERDUE,
  grantedItems,
  SHARING_VIOLATION_ARTICLE,
  type SharingRequestState,
  stageOfDecision,
} from '../domain/sharing';
import { beijingDate, type IsoDate } from '../domain/working-days';
import { decideSharing, getSharingRequestState } from './messages';
import { dbActivity } from './options';
import { stageClock } from './stage-clock';
import { nowIso, nowMs, refuse } from './support';

const { registerProcess, recordViolation, decideSharingRequest, notify } = proxyActivities<Activities>(dbActivity);

export interface SharingRequestInput {
  /** the request's id; purpose and duty stay in the database */
  requestId: string;
  requesterDepartment: string;
  providerDepartment: string;
  resourceCode: string;
  dataItems: string[];
  receivedOn: IsoDate;
  /** the authority's setting when the request was made */
  decisionWorkingDays: number;
  requestedBy: Actor;
}

export interface SharingRequestResult {
  requestId: string;
  outcome: 'granted' | 'granted_in_part' | 'refused';
  due: IsoDate;
  late: boolean;
}

export async function sharingRequestWorkflow(input: SharingRequestInput): Promise<SharingRequestResult> {
  const clock = stageClock();
  const { workflowId } = workflowInfo();
  let state: SharingRequestState | undefined;
  let decider: Actor | undefined;
  let finished = false;

  const ready = async (): Promise<SharingRequestState> => {
    if (!state) await condition(() => state !== undefined);
    return state!;
  };

  setHandler(getSharingRequestState, () => state ?? null);

  setHandler(
    decideSharing,
    async ({ actor, ...d }) => {
      const s = await ready();
      refuse(checkProviderDecision(s, actor, d));
      s.decided = {
        ...d,
        by: actor.userId,
        at: nowIso(),
        late: isPast(s.deadline, nowMs()),
        grantedItems: grantedItems(s.requestedItems, d),
      };
      decider = actor;
      // Answer once the request row holds the decision, so the caller reads it back at once.
      await condition(() => finished);
      return s;
    },
    { validator: ({ actor, ...d }) => state && refuse(checkProviderDecision(state, actor, d)) },
  );

  const p = await clock.period(input.receivedOn, input.decisionWorkingDays);
  const s: SharingRequestState = {
    requestId: input.requestId,
    requesterDepartment: input.requesterDepartment,
    providerDepartment: input.providerDepartment,
    resourceCode: input.resourceCode,
    requestedItems: input.dataItems,
    receivedOn: input.receivedOn,
    decisionWorkingDays: input.decisionWorkingDays,
    stage: 'awaiting_sharing_decision',
    deadline: p.deadline,
  };
  await registerProcess(
    {
      workflowId,
      type: 'sharing_request',
      departmentCode: s.providerDepartment,
      subjectId: s.requestId,
      stage: s.stage,
      deadline: p.deadline,
      startedAt: nowIso(),
    },
    clock.step('requested', 'sharing_requested', input.requestedBy, {
      resourceCode: s.resourceCode,
      dataItems: s.requestedItems,
      requester: s.requesterDepartment,
      deadline: p.deadline,
    }),
  );
  await notify([
    {
      workflowId,
      key: 'requested',
      kind: 'sharing_requested',
      departmentCode: s.providerDepartment,
      role: null,
      message: `部门 ${s.requesterDepartment} 申请共享 ${s.resourceCode}，请于 ${p.deadline.due} 前作出决定`,
    },
  ]);
  state = s;
  clock.show(s.stage, p.deadline);

  await clock.waitWithin(
    p,
    () => s.decided !== undefined,
    async (marked) => {
      s.deadline = p.deadline;
      await recordViolation(
        {
          workflowId: workflowId,
          departmentCode: s.providerDepartment,
          kind: DECISION_OVERDUE,
          dueDate: p.deadline.due,
          occurredAt: nowIso(),
          // SPEC §2: a finding on a provisional deadline is itself provisional until the year is loaded.
          provisional: p.deadline.provisional,
        },
        { ...marked, detail: { ...marked.detail, article: SHARING_VIOLATION_ARTICLE } },
      );
      await notify([
        {
          workflowId: workflowId,
          key: `overdue-${p.deadline.due}`,
          kind: 'sharing_decision_overdue',
          departmentCode: null,
          role: 'authority_reviewer',
          message: `部门 ${s.providerDepartment} 未在 ${p.deadline.due} 前答复共享申请 ${s.requestId}（${s.resourceCode}）`,
        },
        {
          workflowId: workflowId,
          key: `overdue-${p.deadline.due}`,
          kind: 'sharing_decision_overdue',
          departmentCode: s.providerDepartment,
          role: null,
          message: `共享申请 ${s.requestId} 已超过答复期限 ${p.deadline.due}，请尽快作出决定`,
        },
      ]);
    },
  );
  s.deadline = p.deadline;

  const d = s.decided!;
  s.stage = stageOfDecision(d.decision);
  await decideSharingRequest(
    {
      id: s.requestId,
      status: s.stage,
      reason: d.reason ?? null,
      grantedItems: d.grantedItems,
      decidedBy: d.by,
      decidedAt: d.at,
      late: d.late,
    },
    clock.step(
      'decided',
      `sharing_${s.stage}`,
      decider,
      { decision: d.decision, dataItems: d.grantedItems, reason: d.reason, late: d.late, decidedOn: beijingDate(nowMs()) },
      { stage: s.stage, status: 'closed' },
    ),
  );
  await notify([
    {
      workflowId,
      key: 'decided',
      kind: `sharing_${s.stage}`,
      departmentCode: s.requesterDepartment,
      role: null,
      message: `共享申请 ${s.requestId}（${s.resourceCode}）：${s.stage === 'refused' ? `不同意，理由：${d.reason}` : `同意共享 ${d.grantedItems.join('、')}`}`,
    },
  ]);
  finished = true;
  clock.show(s.stage, s.deadline);
  await condition(allHandlersFinished);
  return { requestId: s.requestId, outcome: s.stage, due: s.deadline.due, late: d.late };
}
