// Starting a process, one way for every route: the row first, inserted once under its business
// key (the client's request id, or one order per violation), then the workflow that row belongs
// to. A repeat finds the row and the run and starts nothing new; a repeat after a start that
// failed (engine down) finds the row and starts its workflow then.
import { randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { WorkflowIdReusePolicy } from '@temporalio/common';
import type * as workflows from '../workflows';
import { type ProcessType, SA_DEPARTMENT, SA_PROCESS_TYPE } from '../workflows/options';
import type { AppDeps } from './types';

type Workflows = typeof workflows;
type WorkflowName = keyof Workflows;

export interface WorkflowStart<W extends WorkflowName = WorkflowName> {
  workflow: W;
  workflowId: string;
  args: Parameters<Workflows[W]>;
  /** the process's type and owning department, indexed for search (never personal data) */
  process?: { type: ProcessType; departmentCode: string };
  /**
   * REJECT_DUPLICATE (the default): one run per business key, ever, so a repeat after the run
   * closed starts nothing either. ALLOW_DUPLICATE: a key may run again once its run has closed.
   */
  idReuse?: WorkflowIdReusePolicy;
}

export type StartDeps = Pick<AppDeps, 'temporal' | 'taskQueue'>;

/** Starts the workflow unless its id has already run (or, with ALLOW_DUPLICATE, is running). */
export async function startOnce<W extends WorkflowName>(deps: StartDeps, s: WorkflowStart<W>): Promise<void> {
  try {
    await deps.temporal.workflow.start(s.workflow, {
      taskQueue: deps.taskQueue,
      workflowId: s.workflowId,
      args: s.args as unknown[],
      workflowIdReusePolicy: s.idReuse ?? 'REJECT_DUPLICATE',
      ...(s.process && {
        typedSearchAttributes: [
          { key: SA_PROCESS_TYPE, value: s.process.type },
          { key: SA_DEPARTMENT, value: s.process.departmentCode },
        ],
      }),
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export interface Inserted<Row> {
  row: Row;
  /** false: the key was already taken and `row` is the one found */
  created: boolean;
}

export interface ProcessStart<Row> {
  /** inserts the row once under its business key, or finds the one there */
  insert(): Promise<Inserted<Row>>;
  /** checks a repeat before anything starts; throws to refuse it (another caller's request id) */
  onRepeat?(row: Row): void;
  /** the row's workflow, built from the row; null when the row needs none */
  workflow(row: Row): WorkflowStart | null;
}

export async function startProcess<Row>(deps: StartDeps, p: ProcessStart<Row>): Promise<Inserted<Row>> {
  const inserted = await p.insert();
  if (!inserted.created) p.onRepeat?.(inserted.row);
  const start = p.workflow(inserted.row);
  if (start) await startOnce(deps, start);
  return inserted;
}

/** A case number: prefix, the day it was received or opened (YYYYMMDD), eight random hex digits. */
export const mintCaseId = (prefix: string, on: string): string =>
  `${prefix}${on.replaceAll('-', '')}${randomBytes(4).toString('hex').toUpperCase()}`;
