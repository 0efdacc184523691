import { Context } from '@temporalio/activity';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '../db/client';
import {
  applyStep,
  type FindingRecord,
  type ProcessRegistration,
  type ProcessStep,
  recordViolation,
  registerProcess,
} from '../db/repositories/registry.repo';
import { responsibilityOf } from '../domain/responsibility';
import type { FindingInput } from '../workflows/finding.workflow';
import { findingWorkflowId, SA_DEPARTMENT, SA_PROCESS_TYPE } from '../workflows/options';
import { withStep } from './support';

export interface RegistryDeps {
  db: Db;
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
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: SA_PROCESS_TYPE, value: 'finding' },
        { key: SA_DEPARTMENT, value: input.departmentCode },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
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
      const violationId = await withStep(db, step, (tx) => recordViolation(tx, v));
      const r = responsibilityOf(v.kind);
      if (!r) return;
      await startFindingWorkflow(client, {
        violationId,
        kind: v.kind,
        article: r.article,
        partyKind: r.partyKind,
        departmentCode: v.departmentCode,
        origin: 'automatic',
        provisional: v.provisional ?? false,
        sourceWorkflowId: v.workflowId,
      });
    },
  };
}
