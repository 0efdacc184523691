// 第四十七条 (SPEC §3.8): a department's 政务信息化项目 from filing to 验收. The authority's 评审评估,
// 发展改革部门's 立项 (only after a passed review) and 财政部门's budget each run on the stage clock
// under a period the authority set (the regulation sets none: domain/it-project.ts); a late
// decision is still taken, marked late, and no finding is recorded. 验收 checks the project's
// 目录清单 against the catalog: an entry still missing refuses it, naming the entries.
import { allHandlersFinished, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../activities';
import { isPast } from '../domain/deadline';
import {
  checkApproval,
  checkReason,
  checkStageActor,
  incompleteCatalog,
  type ItProjectPeriods,
  type ItProjectStage,
  type ItProjectState,
  missingAtAcceptance,
  type ProjectCatalogItem,
  stagePeriod,
} from '../domain/it-project';
import { type DomainError, domainError } from '../domain/errors';
import type { Actor } from '../domain/roles';
import { beijingDate } from '../domain/working-days';
import { acceptItProject, approveItProject, fundItProject, getItProjectState, reviewItProject } from './messages';
import { dbActivity } from './options';
import { type Period, stageClock } from './stage-clock';
import { nowIso, nowMs, refuse } from './support';

const { registerProcess, recordStep, activeCatalogCodes } = proxyActivities<Activities>(dbActivity);

export interface ItProjectInput {
  projectId: string;
  departmentCode: string;
  name: string;
  /** checked by the API against the catalog before the start */
  catalogList: ProjectCatalogItem[];
  /** the authority's settings in force at filing, kept in the history */
  periods: ItProjectPeriods;
  filedBy: Actor;
}

export interface ItProjectResult {
  projectId: string;
  stage: ItProjectStage;
  refusedAcceptances: number;
}

// A negative review, a refused 立项 or a refused budget ends the project (the timeline says which):
// the department files anew.
const CLOSED: readonly ItProjectStage[] = ['completed', 'project_stopped'];

export async function itProjectWorkflow(input: ItProjectInput): Promise<ItProjectResult> {
  const clock = stageClock();
  const { step } = clock;
  const { workflowId } = workflowInfo();
  let state: ItProjectState | undefined;
  let busy = false;
  /** the period of the stage now open, if it has one */
  let current: Period | undefined;

  const ready = async (): Promise<ItProjectState> => {
    if (!state) await condition(() => state !== undefined);
    return state!;
  };

  /** The decision's timestamp, whether it came after the stage's deadline, and the period of the next stage. */
  async function moveTo(s: ItProjectState, next: ItProjectStage): Promise<{ at: string; late: boolean }> {
    const late = !!s.deadline && isPast(s.deadline, nowMs());
    const days = stagePeriod(next, s.periods);
    current = days === null ? undefined : await clock.period(beijingDate(nowMs()), days);
    s.deadline = current?.deadline;
    return { at: nowIso(), late };
  }

  const registryOf = (next: ItProjectStage) => ({
    stage: next,
    deadline: current?.deadline ?? null,
    level: 'normal' as const,
    ...(CLOSED.includes(next) && { status: 'closed' as const }),
  });

  /** One decision: validated, serialised, its step written with the stage it moves to. */
  function decide<I extends { actor: Actor }>(
    update: UpdateDefinition<ItProjectState, [I]>,
    check: (s: ItProjectState, i: I) => DomainError | null,
    run: (s: ItProjectState, i: I) => Promise<void>,
  ): void {
    const refusal = (s: ItProjectState, i: I) => (busy ? domainError('PROCESS_BUSY') : check(s, i));
    setHandler(
      update,
      async (i: I) => {
        const s = await ready();
        refuse(refusal(s, i));
        busy = true;
        try {
          await run(s, i);
          return s;
        } finally {
          busy = false;
        }
      },
      { validator: (i: I) => state && refuse(refusal(state, i)) },
    );
  }

  setHandler(getItProjectState, () => state ?? null);

  decide<{ actor: Actor; passed: boolean; opinion: string }>(
    reviewItProject,
    (s, { actor, opinion }) => checkStageActor(s, actor, 'under_review') ?? checkReason(false, opinion),
    async (s, { actor, passed, opinion }) => {
      const next = passed ? 'project_approving' : 'project_stopped';
      const { at, late } = await moveTo(s, next);
      await recordStep(step('reviewed', 'project_reviewed', actor, { passed, opinion, late }, registryOf(next)));
      s.review = { by: actor.userId, at, late, passed, opinion };
      s.stage = next;
    },
  );

  decide<{ actor: Actor; approved: boolean; reason?: string }>(
    approveItProject,
    (s, { actor, approved, reason }) => checkApproval(s, actor) ?? checkReason(approved, reason),
    async (s, { actor, approved, reason }) => {
      const next = approved ? 'project_funding' : 'project_stopped';
      const { at, late } = await moveTo(s, next);
      await recordStep(step('approval', approved ? 'project_approved' : 'project_not_approved', actor, { reason, late }, registryOf(next)));
      s.approval = { by: actor.userId, at, late, approved, reason };
      s.stage = next;
    },
  );

  decide<{ actor: Actor; budgeted: boolean; reason?: string }>(
    fundItProject,
    (s, { actor, budgeted, reason }) => checkStageActor(s, actor, 'project_funding') ?? checkReason(budgeted, reason),
    async (s, { actor, budgeted, reason }) => {
      const next = budgeted ? 'project_building' : 'project_stopped';
      const { at, late } = await moveTo(s, next);
      await recordStep(step('funding', budgeted ? 'project_funded' : 'project_not_funded', actor, { reason, late }, registryOf(next)));
      s.funding = { by: actor.userId, at, late, budgeted, reason };
      s.stage = next;
    },
  );

  // 第四十七条第三款: the list is checked against the catalog as it is at the acceptance.
  decide<{ actor: Actor }>(
    acceptItProject,
    (s, { actor }) => checkStageActor(s, actor, 'project_building'),
    async (s, { actor }) => {
      const active = new Set(await activeCatalogCodes(s.catalogList.map((i) => i.code)));
      const missing = missingAtAcceptance(s.catalogList, active);
      if (missing.length > 0) {
        const n = s.refusedAcceptances.length + 1;
        await recordStep(step(`acceptance-refused-${n}`, 'project_acceptance_refused', actor, { n, missing }));
        s.refusedAcceptances.push({ at: nowIso(), missing });
        refuse(incompleteCatalog(missing));
      }
      const { at } = await moveTo(s, 'completed');
      await recordStep(step('accepted', 'project_accepted', actor, { codes: s.catalogList.map((i) => i.code) }, registryOf('completed')));
      s.acceptance = { by: actor.userId, at };
      s.stage = 'completed';
    },
  );

  const s: ItProjectState = {
    projectId: input.projectId,
    departmentCode: input.departmentCode,
    name: input.name,
    stage: 'under_review',
    catalogList: input.catalogList,
    periods: input.periods,
    refusedAcceptances: [],
  };
  current = await clock.period(beijingDate(nowMs()), input.periods.review);
  s.deadline = current.deadline;
  await registerProcess(
    {
      workflowId,
      type: 'it_project',
      departmentCode: s.departmentCode,
      subjectId: s.projectId,
      stage: s.stage,
      deadline: current.deadline,
      startedAt: nowIso(),
    },
    step('registered', 'project_filed', input.filedBy, {
      name: s.name,
      codes: s.catalogList.map((i) => `${i.isNew ? 'new' : 'existing'}:${i.code}`),
      periods: s.periods,
    }),
  );
  state = s;

  // The stages with a period wait on the stage clock (overdue: the registry turns red, nothing
  // more); the building stage waits for the acceptance without one.
  while (!CLOSED.includes(s.stage)) {
    const stage = s.stage;
    const p = current;
    if (!p) {
      await condition(() => s.stage !== stage);
      continue;
    }
    clock.show(stage, p.deadline);
    await clock.waitWithin(p, () => s.stage !== stage, recordStep, {
      onRecount: () => {
        s.deadline = p.deadline;
        clock.show(stage, p.deadline);
      },
    });
  }

  await condition(allHandlersFinished);
  return { projectId: s.projectId, stage: s.stage, refusedAcceptances: s.refusedAcceptances.length };
}
