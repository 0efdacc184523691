import type { DepartmentReportContent } from '../domain/annual-report';
import type { Db } from '../db/client';
import {
  compileCountyReport,
  openYear,
  pendingForYear,
  recordCitySubmission,
  saveDepartmentReport,
} from '../db/repositories/annual-reports.repo';
import { addNotifications } from '../db/repositories/notifications.repo';
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

    /** At 24:00 on 31 December: each department without a report is recorded and told. */
    async recordMissedReports(
      p: { workflowId: string; year: number; due: string; occurredAt: string },
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
          });
        }
        await addNotifications(
          tx,
          pending.map((departmentCode) => ({
            workflowId: p.workflowId,
            key: 'missed',
            departmentCode,
            role: null,
            kind: 'annual_report_missed',
            message: `未在 ${p.due} 前报送 ${p.year} 年度报告，已记录（第四十六条）；请尽快补报`,
          })),
        );
        return pending;
      });
    },

    /** A step that may also be a violation (a late county report or city submission) and a notice. */
    async recordPartyStep(p: {
      step: ProcessStep;
      violation?: { departmentCode: string; kind: string; dueDate: string };
      notice?: { departmentCode: string | null; role: 'authority_reviewer' | 'county_government' | null; kind: string; message: string };
    }): Promise<void> {
      await withStep(db, p.step, async (tx) => {
        if (p.violation)
          await recordViolation(tx, {
            ...p.violation,
            workflowId: p.step.workflowId,
            occurredAt: p.step.occurredAt,
          });
        if (p.notice) await addNotifications(tx, [{ ...p.notice, workflowId: p.step.workflowId, key: p.step.eventKey }]);
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
