// The Temporal worker. Alone: `node --import tsx worker.ts`; scale out by running more.
// `npm start` runs it in the same process as the API (PGlite allows one connection).
import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type ScheduleOptions,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from './activities';
import { incidentInterceptors } from './activities/incidents';
import { loadOrCreateSigner } from './db/audit-keys';
import { createDatabase, type Database, type Db } from './db/client';
import { listYear } from './db/repositories/annual-reports.repo';
import { reportingYearOn } from './domain/annual-report';
import { beijingDate } from './domain/working-days';
import { type Env, readEnv } from './env';
import { isMain } from './is-main';
import { dataConverterFor } from './payload-codec';
import {
  ANNUAL_REPORT_SCHEDULE_ID,
  AUDIT_PURGE_SCHEDULE_ID,
  AUDIT_PURGE_WORKFLOW_ID,
  AUDIT_SEAL_WORKFLOW_ID,
  annualReportWorkflowId,
  CALENDAR_REMINDER_SCHEDULE_ID,
  CALENDAR_REMINDER_WORKFLOW_ID,
  HISTORY_ARCHIVE_SCHEDULE_ID,
  HISTORY_ARCHIVE_WORKFLOW_ID,
} from './workflows/options';

export interface RunningWorker {
  /** resolves when the worker has stopped (after shutdown()) */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * 第四十六条: each year's reports start by themselves on 1 December, 00:00 Beijing time. Created
 * at every worker start with a fixed id, so it exists once however many workers start.
 */
export async function ensureAnnualReportSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  return createScheduleOnce(client, {
    scheduleId: ANNUAL_REPORT_SCHEDULE_ID,
    spec: { calendars: [{ month: 'DECEMBER', dayOfMonth: 1, hour: 0, minute: 0 }], timezone: 'Asia/Shanghai' },
    action: { type: 'startWorkflow', workflowType: 'annualReportWorkflow', args: [{}], taskQueue, workflowId: 'annual-report' },
    // A missed start (the cluster down on 1 December) still runs within the week.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
  });
}

/**
 * 第四十六条: a system installed (or restarted) between 1 December and 31 January opens the year
 * under way at once instead of waiting a year for the schedule: December → that year, January →
 * the previous year (domain/annual-report.ts reportingYearOn). Idempotent: a year already opened
 * (by the schedule, an administrator or an earlier start) is left alone, and the fixed workflow id
 * annual-report-<year> (the administrator's start uses it too) lets a second start find the first.
 * null outside those months.
 */
export async function ensureCurrentYearOpen(
  client: Client,
  db: Db,
  taskQueue: string,
  now: number = Date.now(),
): Promise<{ year: number; outcome: 'started' | 'exists' } | null> {
  const year = reportingYearOn(beijingDate(now));
  if (year === null) return null;
  if ((await listYear(db, year)).length > 0) return { year, outcome: 'exists' };
  try {
    await client.workflow.start('annualReportWorkflow', {
      taskQueue,
      workflowId: annualReportWorkflowId(year),
      args: [{ year }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return { year, outcome: 'started' };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { year, outcome: 'exists' };
    throw err;
  }
}

/**
 * SPEC §2: every day at 08:30 Beijing time (the start of the office day) a small workflow asks
 * whether next year's holiday schedule is still missing on or after 1 November, and if so
 * reminds the admins. Daily all year: the rule, not the schedule, knows the date (domain/calendar-reminder.ts).
 */
export async function ensureCalendarReminderSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  return createScheduleOnce(client, {
    scheduleId: CALENDAR_REMINDER_SCHEDULE_ID,
    spec: { calendars: [{ hour: 8, minute: 30 }], timezone: 'Asia/Shanghai' },
    action: {
      type: 'startWorkflow',
      workflowType: 'calendarReminderWorkflow',
      args: [],
      taskQueue,
      workflowId: CALENDAR_REMINDER_WORKFLOW_ID,
    },
    // One reminder a day is enough: a missed day is not caught up beyond the day itself.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  });
}

/**
 * SPEC §5, 第四十八条: every 15 minutes the archiver stores the histories of processes closed
 * since, well inside any namespace retention (the dev server's included).
 */
export async function ensureHistoryArchiveSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  return createScheduleOnce(client, {
    scheduleId: HISTORY_ARCHIVE_SCHEDULE_ID,
    spec: { intervals: [{ every: '15 minutes' }] },
    action: { type: 'startWorkflow', workflowType: 'historyArchiveWorkflow', args: [], taskQueue, workflowId: HISTORY_ARCHIVE_WORKFLOW_ID },
    // A round still running when the next is due is enough: the next one finds what is left.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
  });
}

/**
 * SPEC §5: the one long-running workflow that signs a head every `intervalSeconds` and keeps it
 * in its history. Started at every worker start; a second start finds the first running.
 */
export async function ensureAuditSealWorkflow(client: Client, taskQueue: string, intervalSeconds: number): Promise<'started' | 'exists'> {
  try {
    await client.workflow.start('auditSealWorkflow', {
      taskQueue,
      workflowId: AUDIT_SEAL_WORKFLOW_ID,
      args: [{ interval: `${intervalSeconds} seconds` }],
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'exists';
    throw err;
  }
}

/**
 * 第二十七条: every day at 03:00 Beijing time (outside office hours) the purge removes what is
 * older than the retention. The retention travels in the schedule's arguments; a schedule made
 * with another retention keeps its own until an admin updates it (`temporal schedule update`).
 */
export async function ensureAuditPurgeSchedule(client: Client, taskQueue: string, retentionMonths: number): Promise<'created' | 'exists'> {
  return createScheduleOnce(client, {
    scheduleId: AUDIT_PURGE_SCHEDULE_ID,
    spec: { calendars: [{ hour: 3, minute: 0 }], timezone: 'Asia/Shanghai' },
    action: {
      type: 'startWorkflow',
      workflowType: 'auditPurgeWorkflow',
      args: [{ retentionMonths }],
      taskQueue,
      workflowId: AUDIT_PURGE_WORKFLOW_ID,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  });
}

/** A schedule with a fixed id, created once however many workers start. */
async function createScheduleOnce(client: Client, options: ScheduleOptions): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}

export async function startWorker(env: Env, database: Database): Promise<RunningWorker> {
  // Before any connection: no key, no start (the codec refuses an empty key list).
  const dataConverter = dataConverterFor(env.payloadKeys);
  const connection = await NativeConnection.connect({ address: env.temporalAddress, tls: env.temporalTls });
  // Activities signal workflows (calendar changes) through an ordinary client.
  const clientConnection = await Connection.connect({ address: env.temporalAddress, tls: env.temporalTls });
  const client = new Client({ connection: clientConnection, namespace: env.temporalNamespace, dataConverter });
  await ensureAnnualReportSchedule(client, env.taskQueue);
  await ensureCurrentYearOpen(client, database.db, env.taskQueue);
  await ensureCalendarReminderSchedule(client, env.taskQueue);
  await ensureHistoryArchiveSchedule(client, env.taskQueue);
  await ensureAuditPurgeSchedule(client, env.taskQueue, env.auditRetentionMonths);
  await ensureAuditSealWorkflow(client, env.taskQueue, env.auditHeadIntervalSeconds);
  const worker = await Worker.create({
    connection,
    namespace: env.temporalNamespace,
    taskQueue: env.taskQueue,
    workflowsPath: new URL('./workflows/index.ts', import.meta.url).pathname,
    activities: createActivities({
      db: database.db,
      client,
      warningWorkingDays: env.warningWorkingDays,
      receiptPolicy: env.receiptPolicy,
      audit: { hash: env.auditHash, signer: loadOrCreateSigner(env.auditSigningKeyFile) },
    }),
    interceptors: { activity: [incidentInterceptors(database.db)] },
    shutdownGraceTime: '10 seconds',
    dataConverter,
  });
  const done = worker.run().finally(async () => {
    await clientConnection.close();
    await connection.close();
  });
  return {
    done,
    async shutdown() {
      // The SDK drains in-flight tasks within shutdownGraceTime before run() resolves.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}

if (isMain(import.meta.url)) {
  const env = readEnv();
  const database = await createDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
  // Worker.run() also stops on SIGINT and SIGTERM by itself.
  const running = await startWorker(env, database);
  console.log(
    `工作节点已启动 (WORKER_STARTED): ${env.temporalAddress} / ${env.temporalNamespace} / ${env.taskQueue} / 数据库 ${database.kind} / Node.js ${process.version}`,
  );
  await running.done.finally(() => database.close());
}
