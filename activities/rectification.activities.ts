import { eq } from 'drizzle-orm';
import type { RectificationDecision, RectificationReport } from '../domain/rectification';
import { circularNumber, circularText } from '../domain/rectification';
import { findingLabel } from '../domain/vocabulary';
import { beijingDate } from '../domain/working-days';
import type { Db } from '../db/client';
import { addNotifications } from '../db/repositories/notifications.repo';
import {
  getOrder,
  issueCircularOnce,
  markCriticized,
  saveDecision,
  saveLatestReport,
  saveReport,
} from '../db/repositories/rectifications.repo';
import type { ProcessStep } from '../db/repositories/registry.repo';
import { departments, violations } from '../db/schema';
import { withStep } from './support';

export interface RectificationDeps {
  db: Db;
}

export interface IssuedCircular {
  id: number;
  number: string;
  issuedOn: string;
}

export function createRectificationActivities({ db }: RectificationDeps) {
  return {
    /** 第五十一条 (before the acceptance path): the report received in time closes the order, in one transaction. */
    async finishRectification(orderId: string, report: RectificationReport, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => saveReport(tx, orderId, report));
    },

    /** 第五十一条 (before the acceptance path): the period passed unrectified — the order is marked criticized. */
    async criticizeDepartment(orderId: string, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => markCriticized(tx, orderId, step.occurredAt));
    },

    /** 第五十一条: the department's report, now awaiting the authority's acceptance. */
    async saveRectificationReport(orderId: string, report: RectificationReport, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => saveLatestReport(tx, orderId, report));
    },

    /** 第五十一条: the authority accepts the rectification (the order closes) or rejects the report with reasons. */
    async decideRectification(orderId: string, decision: RectificationDecision, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => saveDecision(tx, orderId, decision));
    },

    /**
     * 第五十一条 通报批评: the period ended without an accepted rectification. Marks the order,
     * issues the authority's circular (numbered next in the year of issue) and notifies every
     * department and the county government, with the step, in one transaction.
     */
    async issueCircular(orderId: string, due: string, step: ProcessStep): Promise<IssuedCircular> {
      const withNumber = (c: IssuedCircular): ProcessStep => ({ ...step, detail: { ...step.detail, circularNumber: c.number } });
      return withStep(db, withNumber, async (tx): Promise<IssuedCircular> => {
        await markCriticized(tx, orderId, step.occurredAt);
        const order = await getOrder(tx, orderId);
        if (!order) throw new Error(`no rectification order ${orderId}`);
        const [violation] = await tx.select().from(violations).where(eq(violations.id, order.violationId));
        const all = await tx
          .select({ code: departments.code, name: departments.name, kind: departments.kind })
          .from(departments)
          .where(eq(departments.active, true));
        const department = all.find((d) => d.code === order.departmentCode);
        const departmentName = department?.name ?? order.departmentCode;
        const authority = all.find((d) => d.kind === 'authority');
        const issuedOn = beijingDate(step.occurredAt);
        const circular = await issueCircularOnce(
          tx,
          {
            year: Number(issuedOn.slice(0, 4)),
            issuedOn,
            orderId,
            violationId: order.violationId,
            departmentCode: order.departmentCode,
            issuedBy: authority?.code ?? 'authority',
          },
          circularNumber,
          (number) =>
            circularText({
              number,
              issuedOn,
              departmentName,
              orderId,
              requirement: order.requirement,
              due,
              violationArticle: violation?.article ?? '第四十九条',
              violationLabel: findingLabel(violation?.kind),
            }),
        );
        // Every department, the authority and the county government among them (departments.kind).
        await addNotifications(
          tx,
          all.map((d) => ({
            workflowId: step.workflowId,
            key: 'circular',
            departmentCode: d.code,
            role: null,
            kind: 'circular',
            message: `通报批评（${circular.number}）：${departmentName}未在 ${due} 前完成整改（整改通知 ${orderId}），依第五十一条予以通报批评`,
          })),
        );
        return { id: circular.id, number: circular.number, issuedOn: circular.issuedOn };
      });
    },
  };
}
