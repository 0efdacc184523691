// Starting a process, one way for every route: the row first, inserted once under its business
// key (the client's request id, or one order per violation), then the workflow that row belongs
// to. A repeat finds the row and the run and starts nothing new; a repeat after a start that
// failed (engine down) finds the row and starts its workflow then.
import { randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { WorkflowIdReusePolicy } from '@temporalio/common';
import type { FastifyRequest } from 'fastify';
import type { Inserted } from '../db/insert-once';
import type * as workflows from '../workflows';
import type { ProcessType } from '../domain/vocabulary';
import { SA_DEPARTMENT, SA_PROCESS_TYPE } from '../workflows/options';
import { httpError } from './errors';
import { callerOf } from './plugins/auth';
import type { AppDeps } from './types';

type Workflows = typeof workflows;

/** A workflow by name with the arguments that workflow takes (one member per workflow). */
export type WorkflowStart = {
  [W in keyof Workflows]: {
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
  };
}[keyof Workflows];

export type StartDeps = Pick<AppDeps, 'temporal' | 'taskQueue'>;

/** Starts the workflow unless its id has already run (or, with ALLOW_DUPLICATE, is running). */
export async function startOnce(deps: StartDeps, s: WorkflowStart): Promise<void> {
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

export interface ProcessStart<Row> {
  /** inserts the row once under its business key, or finds the one there */
  insert(): Promise<Inserted<Row>>;
  /** checks a repeat before anything starts; throws to refuse it (another caller's request id) */
  onRepeat?(row: Row): void;
  /** the row's workflow, built from the row; null when the row needs none */
  workflow(row: Row): WorkflowStart | null;
}

/**
 * onRepeat for a request id that belongs to its caller: a repeat by anyone else is refused (409),
 * and audited against the process it tried to reach.
 */
export const ownedBy =
  <Row extends { workflowId: string }>(request: FastifyRequest, owner: (row: Row) => string) =>
  (row: Row): void => {
    request.auditTarget = row.workflowId;
    if (owner(row) !== callerOf(request).userId) throw httpError(409, 'REQUEST_ID_CONFLICT', '该请求号已被他人使用，请重新生成请求号');
  };

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
