import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { incidentInterceptors } from '../../activities/incidents';
import { createActivities } from '../../activities';
import type { AuditKeys } from '../../db/audit-keys';
import type { Db } from '../../db/client';
import { registerSearchAttributes } from '../../scripts/search-attributes';
import { TEST_DATA_CONVERTER } from './codec';
import { libfaketimePath } from './faketime';
import { TEMPORAL_TEST_SERVER, WORKFLOW_BUNDLE } from './paths';

let runtimeInstalled = false;
/**
 * The SDK logs every worker state change at INFO, and its native core reports every retried
 * poll after a test server is torn down: keep test output to real errors.
 */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}

/**
 * The official time-skipping test server, its clock starting at `startAt` (an ISO instant).
 * Time only moves forward in it, so each scenario starting on another day gets its own server.
 */
export async function timeSkippingEnvAt(startAt: string): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ts-server-'));
  const wrapper = path.join(dir, 'temporal-test-server');
  const utc = new Date(startAt).toISOString().replace('T', ' ').slice(0, 19);
  await writeFile(wrapper, `#!/bin/sh\nexec env LD_PRELOAD=${libfaketimePath()} FAKETIME="@${utc}" TZ=UTC ${TEMPORAL_TEST_SERVER} "$@"\n`);
  await chmod(wrapper, 0o755);
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: wrapper } },
    client: { dataConverter: TEST_DATA_CONVERTER },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

let queues = 0;
/** A worker on its own task queue with the real activities over `db`. */
export async function createTestWorker(
  env: TestWorkflowEnvironment,
  db: Db,
  opts: { warningWorkingDays?: number; audit?: AuditKeys } = {},
) {
  const taskQueue = `test-${process.pid}-${++queues}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: WORKFLOW_BUNDLE },
    activities: createActivities({ db, client: env.client, warningWorkingDays: opts.warningWorkingDays ?? 2, audit: opts.audit }),
    interceptors: { activity: [incidentInterceptors(db)] },
    dataConverter: TEST_DATA_CONVERTER,
  });
  return { worker, taskQueue };
}

/** Moves the time-skipping server's clock to `iso` (an instant after its current time). */
export async function advanceTo(env: TestWorkflowEnvironment, iso: string): Promise<void> {
  await env.sleep(Date.parse(iso) - (await env.currentTimeMs()));
}

/** The domain error code a refused update carries (its validator's refusal). */
export async function updateRefusal(p: Promise<unknown>): Promise<string | undefined> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected the update to be refused, got ${String(err)}`);
  return (err.cause as { type?: string } | undefined)?.type;
}
