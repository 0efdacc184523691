// Issue 16: the worker's activity interceptor that turns a failing activity into an incident
// (domain/incidents.ts). It sits around every activity, writes nothing on the normal path, and
// never changes what the activity throws: Temporal keeps retrying as before.
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Db } from '../db/client';
import { recordActivityFailure, resolveIncident } from '../db/repositories/incidents.repo';
import { isIncident, isPermanentSqlState } from '../domain/incidents';

/** The SQLSTATE of a database error, through the wrappers (Drizzle's query error, the SDK's) that carry it as `cause`. */
export function sqlStateOf(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

const describe = (err: unknown): string => {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    parts.push(e instanceof Error ? e.message : String(e));
  return parts.join(' ← ').slice(0, 2000);
};

export function incidentInterceptors(db: Db): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { attempt, activityId, activityType, workflowExecution } = ctx.info;
        if (!workflowExecution) return next(input);
        const key = { workflowId: workflowExecution.workflowId, runId: workflowExecution.runId, activityId };
        try {
          const result = await next(input);
          // Also at attempt 1: the admin's retry (ResetActivity) starts the count again. An index
          // probe that matches no row on the normal path.
          await resolveIncident(db, key, new Date()).catch((e) => ctx.log.warn('事件状态未能更新 (INCIDENT_WRITE_FAILED)', { e }));
          return result;
        } catch (err) {
          const sqlState = sqlStateOf(err);
          const permanent = isPermanentSqlState(sqlState);
          if (isIncident(attempt, permanent)) {
            // The database may be the thing that is down: the incident is best effort, the retry is not.
            await recordActivityFailure(db, {
              ...key,
              activityType,
              attempt,
              permanent,
              sqlState,
              error: describe(err),
              at: new Date(),
            }).catch((e) => ctx.log.warn('事件未能记录 (INCIDENT_WRITE_FAILED)', { e }));
          }
          throw err;
        }
      },
    },
  });
}
