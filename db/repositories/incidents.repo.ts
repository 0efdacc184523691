// Issue 16: the incidents of failing activities, written by the worker, read and closed by the admin.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { IncidentStatus } from '../../domain/incidents';
import type { DbOrTx } from '../client';
import { incidents, processes } from '../schema';

export type IncidentRow = typeof incidents.$inferSelect;

export interface ActivityFailure {
  workflowId: string;
  runId: string;
  activityId: string;
  activityType: string;
  attempt: number;
  permanent: boolean;
  sqlState: string | null;
  error: string;
  at: Date;
}

/** Opens the incident, or brings it up to the latest attempt (reopening one the activity had recovered from). */
export async function recordActivityFailure(db: DbOrTx, f: ActivityFailure): Promise<void> {
  const { at, ...row } = f;
  await db
    .insert(incidents)
    .values({ ...row, firstFailedAt: at, lastFailedAt: at })
    .onConflictDoUpdate({
      target: [incidents.workflowId, incidents.runId, incidents.activityId],
      set: {
        attempt: sql`greatest(${incidents.attempt}, excluded.attempt)`,
        permanent: sql`excluded.permanent`,
        sqlState: sql`excluded.sql_state`,
        error: sql`excluded.error`,
        lastFailedAt: sql`excluded.last_failed_at`,
        status: 'open',
        closedAt: null,
        closedBy: null,
        closingReason: null,
      },
      setWhere: sql`${incidents.status} <> 'terminated'`,
    });
}

/** The activity succeeded after failing: its incident, if it had one, is over. */
export async function resolveIncident(db: DbOrTx, k: { workflowId: string; runId: string; activityId: string }, at: Date): Promise<void> {
  await db
    .update(incidents)
    .set({ status: 'resolved', closedAt: at })
    .where(
      and(
        eq(incidents.workflowId, k.workflowId),
        eq(incidents.runId, k.runId),
        eq(incidents.activityId, k.activityId),
        eq(incidents.status, 'open'),
      ),
    );
}

export const listIncidents = (db: DbOrTx, f: { status?: IncidentStatus; limit: number; offset: number }) =>
  db
    .select({ incident: incidents, processType: processes.type, departmentCode: processes.departmentCode })
    .from(incidents)
    .leftJoin(processes, eq(processes.workflowId, incidents.workflowId))
    .where(f.status ? eq(incidents.status, f.status) : undefined)
    .orderBy(desc(incidents.lastFailedAt), desc(incidents.id))
    .limit(f.limit)
    .offset(f.offset);

export async function getIncident(db: DbOrTx, id: number): Promise<IncidentRow | null> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  return row ?? null;
}

/** The admin terminated the process: the incident closes and the registry stops showing it as open. */
export async function terminateIncident(db: DbOrTx, id: number, by: string, reason: string, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(incidents)
      .set({ status: 'terminated', closedAt: at, closedBy: by, closingReason: reason })
      .where(eq(incidents.id, id))
      .returning({ workflowId: incidents.workflowId });
    if (row)
      await tx.update(processes).set({ status: 'closed', closedAt: at, updatedAt: at }).where(eq(processes.workflowId, row.workflowId));
  });
}
