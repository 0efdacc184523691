import { Context, log } from '@temporalio/activity';
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { processEvents } from '../db/schema';
import type { Deadline } from '../domain/deadline';
import { type FindingRevision, reviseFinding } from '../domain/finding-revision';
import {
  applyStep,
  type FindingRecord,
  type ProcessRegistration,
  type ProcessStep,
  listRevisableFindings,
  recordViolation,
  registerProcess,
  reviseFindingStatus,
} from '../db/repositories/registry.repo';
import { responsibilityOf } from '../domain/responsibility';
import type { FindingInput } from '../workflows/finding.workflow';
import { findingRevised } from '../workflows/messages';
import { findingWorkflowId, SA_DEPARTMENT, SA_PROCESS_TYPE } from '../workflows/options';
import { withStep } from './support';

export interface RegistryDeps {
  db: Db;
  /** starts a finding's review workflow, and tells it when a recount revised the finding */
  client: Client;
}

/**
 * SPEC §3.6: every automatic finding is contestable. Its workflow (`finding-<id>`) starts once
 * the row is written, on the worker's own task queue; a retried activity finds it started.
 */
async function startFindingWorkflow(client: Client, input: FindingInput): Promise<void> {
  try {
    await client.workflow.start('findingWorkflow', {
      taskQueue: Context.current().info.taskQueue,
      workflowId: findingWorkflowId(input.violationId),
      args: [input],
      // a later round follows the closed (withdrawn) run under the same id
      workflowIdReusePolicy: (input.round ?? 1) > 1 ? 'ALLOW_DUPLICATE' : 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: SA_PROCESS_TYPE, value: 'finding' },
        { key: SA_DEPARTMENT, value: input.departmentCode },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** What a recount did to one finding (SPEC §2), as the timeline step records it. */
export interface RevisedFinding extends FindingRevision {
  violationId: number;
  kind: string;
}

/** After a recount: the deadline it superseded, the one in force, and the workflow time it was counted at. */
export interface FindingsRecount {
  workflowId: string;
  superseded: Deadline;
  deadline: Deadline;
  asOf: string;
  /** the timeline step written with the revisions; not written when nothing was revised */
  step: ProcessStep;
}

export function createRegistryActivities({ db, client }: RegistryDeps) {
  return {
    async registerProcess(p: ProcessRegistration, first: ProcessStep): Promise<void> {
      await withStep(db, first, (tx) => registerProcess(tx, p));
    },

    async recordStep(step: ProcessStep): Promise<void> {
      await applyStep(db, step);
    },

    /**
     * A finding, once per process and kind, with the step that marks it, then its finding
     * workflow. Histories recorded before SPEC §6 also pass the article they cited; the
     * domain's is stored instead.
     */
    async recordViolation(v: FindingRecord & { article?: string }, step: ProcessStep): Promise<void> {
      const { id: violationId, round } = await withStep(db, step, (tx) => recordViolation(tx, v));
      const r = responsibilityOf(v.kind);
      if (!r) return;
      await startFindingWorkflow(client, {
        violationId,
        ...(round !== null && round > 1 && { round }),
        kind: v.kind,
        article: r.article,
        partyKind: r.partyKind,
        departmentCode: v.departmentCode,
        origin: 'automatic',
        provisional: v.provisional ?? false,
        sourceWorkflowId: v.workflowId,
      });
    },

    /**
     * SPEC §2: revisits the findings recorded on the deadline a recount superseded: withdrawn
     * when the new deadline has not passed, notified when a provisional one still stands on a
     * deadline no longer provisional (domain/finding-revision.ts). The statuses and the step
     * commit together; a retry finds the step and sends its signals again.
     */
    async reviseFindings(r: FindingsRecount): Promise<RevisedFinding[]> {
      const revised = await db.transaction(async (tx) => {
        const [written] = await tx
          .select({ detail: processEvents.detail })
          .from(processEvents)
          .where(and(eq(processEvents.workflowId, r.workflowId), eq(processEvents.eventKey, r.step.eventKey)));
        if (written) return (written.detail.revised ?? []) as RevisedFinding[];
        const asOf = Date.parse(r.asOf);
        const out: RevisedFinding[] = [];
        for (const f of await listRevisableFindings(tx, r.workflowId, r.superseded.due)) {
          const revision = reviseFinding(f.status, r.superseded, r.deadline, asOf);
          if (!revision) continue;
          await reviseFindingStatus(tx, f.id, revision.status, r.deadline.due);
          out.push({ violationId: f.id, kind: f.kind, ...revision });
        }
        if (out.length > 0) await applyStep(tx, { ...r.step, detail: { ...r.step.detail, revised: out } });
        return out;
      });
      for (const { violationId, status, reason } of revised) {
        try {
          await client.workflow.getHandle(findingWorkflowId(violationId)).signal(findingRevised, { status, reason });
        } catch (err) {
          // No review runs for this finding (yet): the row and the timeline carry the revision.
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          log.info('认定无复核流程，仅记录修订 (FINDING_REVIEW_ABSENT)', { violationId });
        }
      }
      return revised;
    },
  };
}
