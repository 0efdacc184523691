import {
  authorityMissedNotice,
  type DepartmentReportContent,
  missedReportNotice,
  missedReportSupervisor,
  type PartyNotice,
} from '../domain/annual-report';
import type { Db } from '../db/client';
import {
  compileCountyReport,
  openYear,
  pendingForYear,
  recordCitySubmission,
  saveDepartmentReport,
} from '../db/repositories/annual-reports.repo';
import { addNotifications, type NewNotification } from '../db/repositories/notifications.repo';
import { type ProcessStep, recordViolation } from '../db/repositories/registry.repo';
import { withStep } from './support';

export interface AnnualReportDeps {
  db: Db;
}

/** 第四十六条. Each activity writes its rows and its timeline step in one transaction. */
export function createAnnualReportActivities({ db }: AnnualReportDeps) {
  return {
    openAnnualReport: (p: { workflowId: string; year: number; dueDate: string }) => openYear(db, p),

    async saveDepartmentReport(
      r: {
        year: number;
        departmentCode: string;
        content: DepartmentReportContent;
        submittedBy: string;
        submittedAt: string;
        late: boolean;
      },
      step: ProcessStep,
    ): Promise<void> {
      await withStep(db, step, (tx) => saveDepartmentReport(tx, r));
    },

    /** Reminds the departments that have not reported yet; returns them. */
    async remindDepartments(p: { workflowId: string; year: number; key: string; due: string }): Promise<string[]> {
      const pending = await pendingForYear(db, p.year);
      await addNotifications(
        db,
        pending.map((departmentCode) => ({
          workflowId: p.workflowId,
          key: p.key,
          departmentCode,
          role: null,
          kind: 'annual_report_reminder',
          message: `请于 ${p.due} 前报送本部门 ${p.year} 年度政务数据资源管理情况（第四十六条）`,
        })),
      );
      return pending;
    },

    /**
     * At 24:00 on 31 December: each department without a report is recorded and told, the
     * authority's own report too (第四十六条第一款). A missing authority report is supervised by
     * the county government, which is told as well (domain/annual-report.ts missedReportSupervisor).
     * `authorityCode` is absent in runs opened before the authority filed its own report.
     */
    async recordMissedReports(
      p: { workflowId: string; year: number; due: string; occurredAt: string; authorityCode?: string },
      step: ProcessStep,
    ): Promise<string[]> {
      const missedStep = (missing: string[]) => ({ ...step, detail: { ...step.detail, missing } });
      return withStep(db, missedStep, async (tx) => {
        const pending = await pendingForYear(tx, p.year);
        for (const departmentCode of pending) {
          await recordViolation(tx, {
            workflowId: p.workflowId,
            departmentCode,
            kind: `annual_report_missed:${departmentCode}`,
            dueDate: p.due,
            occurredAt: p.occurredAt,
            supervisor: missedReportSupervisor(departmentCode, p.authorityCode ?? null),
          });
        }
        const notices: NewNotification[] = pending.map((departmentCode) => ({
          workflowId: p.workflowId,
          key: 'missed',
          departmentCode,
          role: null,
          kind: 'annual_report_missed',
          message: missedReportNotice(p.year, p.due, missedReportSupervisor(departmentCode, p.authorityCode ?? null)),
        }));
        if (p.authorityCode && pending.includes(p.authorityCode))
          notices.push({
            workflowId: p.workflowId,
            key: 'missed-authority',
            departmentCode: null,
            role: 'county_government',
            kind: 'annual_report_missed',
            message: authorityMissedNotice(p.year, p.due),
          });
        await addNotifications(tx, notices);
        return pending;
      });
    },

    /** A step that may also be a violation (a late county report or city submission) and its notices. */
    async recordPartyStep(p: {
      step: ProcessStep;
      violation?: { departmentCode: string; kind: string; dueDate: string };
      notice?: PartyNotice;
      /** every party told (runs before these were added pass one `notice`) */
      notices?: PartyNotice[];
    }): Promise<void> {
      await withStep(db, p.step, async (tx) => {
        if (p.violation)
          await recordViolation(tx, {
            ...p.violation,
            workflowId: p.step.workflowId,
            occurredAt: p.step.occurredAt,
          });
        const notices = [...(p.notice ? [p.notice] : []), ...(p.notices ?? [])];
        // One key per addressee: the step's key, and the role beside it for the second notice on.
        if (notices.length > 0)
          await addNotifications(
            tx,
            notices.map((n, i) => ({
              ...n,
              workflowId: p.step.workflowId,
              key: i === 0 ? p.step.eventKey : `${p.step.eventKey}:${n.role ?? n.departmentCode}`,
            })),
          );
      });
    },

    async compileCountyReport(
      r: { workflowId: string; year: number; summary: string; submittedBy: string; submittedAt: string; late: boolean },
      step: ProcessStep,
    ): Promise<Record<string, unknown>> {
      return withStep(db, step, async (tx) => (await compileCountyReport(tx, r)).compiled);
    },

    async recordCitySubmission(r: { year: number; by: string; at: string; late: boolean; note: string }, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => recordCitySubmission(tx, r));
    },
  };
}
