// Registry, violation and rectification rows written directly, for the supervision reads.
import type { FindingStatus } from '../../domain/responsibility';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { circulars, processes, rectificationOrders, violations } from '../../db/schema';
import { type ProcessType, STAGES_OF, type Stage } from '../../domain/vocabulary';
import { endOfDay } from '../../domain/working-days';

export interface SeedProcess {
  departmentCode: string;
  type?: ProcessType;
  /** the last day of the period in force */
  due: string;
  /** the day it turns yellow; defaults to the due day */
  warningOn?: string;
  status?: 'open' | 'closed';
  closedAt?: string;
  level?: 'normal' | 'warning' | 'overdue';
  /** the stage it stands at; defaults to the type's first (open) or last (closed) */
  stage?: Stage;
}

/** A registry row as the workflows write it; returns its workflow id. */
export async function seedProcess(db: Db, p: SeedProcess): Promise<string> {
  const type = p.type ?? 'correction';
  const workflowId = `${type}-${randomUUID()}`;
  await db.insert(processes).values({
    workflowId,
    type,
    departmentCode: p.departmentCode,
    subjectId: workflowId,
    // open: the type's first stage; closed: its last
    stage: p.stage ?? STAGES_OF[type][p.status === 'closed' ? STAGES_OF[type].length - 1 : 0]!,
    status: p.status ?? 'open',
    dueDate: p.due,
    endsAt: new Date(endOfDay(p.due)),
    warningAt: new Date(`${p.warningOn ?? p.due}T00:00:00+08:00`),
    level: p.level ?? 'normal',
    calendarVersion: 'test',
    startedAt: new Date('2025-01-02T09:00:00+08:00'),
    closedAt: p.closedAt ? new Date(p.closedAt) : null,
  });
  return workflowId;
}

/**
 * A finding against `departmentCode` for `workflowId` (by default a confirmed 第四十九条(八)
 * correction_overdue); its party, supervisor and class are the regulation's, written out here
 * rather than asked of the domain. Returns its id.
 */
export async function seedViolation(
  db: Db,
  v: {
    workflowId: string;
    departmentCode: string;
    occurredAt: string;
    dueDate?: string;
    article?: string;
    kind?: string;
    partyKind?: 'department' | 'authority' | 'county_government';
    findingClass?: 'violation' | 'timeliness';
    status?: FindingStatus;
  },
): Promise<number> {
  const partyKind = v.partyKind ?? 'department';
  const [row] = await db
    .insert(violations)
    .values({
      workflowId: v.workflowId,
      departmentCode: v.departmentCode,
      article: v.article ?? '第四十九条(八)',
      kind: v.kind ?? 'correction_overdue',
      partyKind,
      supervisor: { department: 'authority', authority: 'county_government', county_government: 'city' }[partyKind] as
        | 'authority'
        | 'county_government'
        | 'city',
      findingClass: v.findingClass ?? 'violation',
      status: v.status ?? 'confirmed',
      dueDate: v.dueDate ?? v.occurredAt.slice(0, 10),
      occurredAt: new Date(v.occurredAt),
    })
    .returning({ id: violations.id });
  return row!.id;
}

/** An order left 通报批评 by its workflow (第五十一条), with its circular; returns the circular's id. */
export async function seedCriticizedOrder(
  db: Db,
  o: { orderId: string; violationId: number; workflowId: string; text: string },
): Promise<number> {
  await db.insert(rectificationOrders).values({
    id: o.orderId,
    violationId: o.violationId,
    departmentCode: 'civil',
    workflowId: o.workflowId,
    requirement: '按期申请更新目录',
    periodWorkingDays: 5,
    status: 'criticized',
    issuedBy: 'seed',
    issuedAt: new Date('2025-09-26T10:00:00+08:00'),
    criticizedAt: new Date('2025-10-16T16:00:00Z'),
  });
  const [c] = await db
    .insert(circulars)
    .values({
      year: 2025,
      seq: 1,
      number: '云数通〔2025〕1号',
      issuedOn: '2025-10-17',
      orderId: o.orderId,
      violationId: o.violationId,
      departmentCode: 'civil',
      issuedBy: 'county-data',
      text: o.text,
    })
    .returning();
  return c!.id;
}
