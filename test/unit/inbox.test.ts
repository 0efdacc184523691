import { describe, expect, it } from 'vitest';
import { inboxRules } from '../../domain/inbox';
import type { Actor, Role } from '../../domain/roles';
import { taskLabel } from '../../domain/vocabulary';

const actor = (role: Role, departmentCode: string | null = 'market'): Actor => ({ userId: 'u1', role, departmentCode });

describe('inboxRules', () => {
  it('gives department staff their own department’s verifications, applications, rectifications and sharing tasks', () => {
    expect(inboxRules(actor('department_staff'))).toEqual([
      { departments: ['market'], stages: ['verifying', 'overdue'], action: 'verify' },
      { departments: ['market'], stages: ['awaiting_application', 'returned'], action: 'submit_catalog_application' },
      { departments: ['market'], stages: ['rectifying'], action: 'report_rectification' },
      { departments: ['market'], stages: ['awaiting_sharing_decision'], action: 'decide_sharing_request' },
      { departments: ['market'], stages: ['conflict_negotiating'], action: 'record_conflict_position', asConflictParty: true },
      { departments: ['market'], stages: ['statement_period'], action: 'file_finding_statement' },
    ]);
  });

  it('gives the department head the extensions to decide (第二十三条) and the overdue to supervise, not verification', () => {
    expect(inboxRules(actor('department_head', 'civil'))).toEqual([
      { departments: ['civil'], stages: ['extension_pending'], action: 'decide_extension' },
      { departments: ['civil'], stages: ['overdue'], action: 'supervise_overdue' },
      { departments: ['civil'], stages: ['awaiting_application', 'returned'], action: 'submit_catalog_application' },
      { departments: ['civil'], stages: ['rectifying'], action: 'report_rectification' },
      { departments: ['civil'], stages: ['awaiting_sharing_decision'], action: 'decide_sharing_request' },
      { departments: ['civil'], stages: ['conflict_negotiating'], action: 'record_conflict_position', asConflictParty: true },
      { departments: ['civil'], stages: ['statement_period'], action: 'file_finding_statement' },
    ]);
  });

  it('gives the authority county-wide tasks: no department filter', () => {
    expect(inboxRules(actor('authority_reviewer', 'authority'))).toEqual([
      { stages: ['overdue'], action: 'supervise_overdue' },
      // Three types share under_review: each is its own task (第十八条, 第十六条, 第四十七条 评审评估).
      { type: 'catalog_update', stages: ['under_review'], action: 'review_catalog_application' },
      { type: 'catalog_compilation', stages: ['under_review'], action: 'review_catalog_compilation' },
      { type: 'it_project', stages: ['under_review'], action: 'review_it_project' },
      { stages: ['authority_compiling'], action: 'submit_county_report' },
      { stages: ['dispute_coordinating'], action: 'coordinate_sharing_dispute' },
      { stages: ['conflict_coordinating'], action: 'decide_conflict' },
      { stages: ['awaiting_acceptance'], action: 'accept_rectification' },
      // 第四十七条: an IT project built waits for its 验收.
      { stages: ['project_building'], action: 'accept_it_project' },
      // SPEC §3.6: it decides findings against 政务部门 only; its own findings' statements are its own to file.
      { stages: ['awaiting_finding_decision'], partyKinds: ['department'], action: 'decide_finding' },
      { departments: ['authority'], stages: ['statement_period'], action: 'file_finding_statement' },
      { stages: ['penalty_filed'], action: 'record_penalty_notice' },
      { stages: ['penalty_awaiting_order'], action: 'order_penalty_rectification' },
      { stages: ['penalty_rectifying'], action: 'record_penalty_rectification' },
      { stages: ['penalty_warned'], action: 'decide_penalty' },
    ]);
  });

  it('names the review of each type sharing under_review with its own words, not 审核目录更新申请 for all', () => {
    const reviews = inboxRules(actor('authority_reviewer', 'county-data')).filter((r) => r.stages.includes('under_review'));
    expect(reviews.map((r) => [r.type, taskLabel(r.action)])).toEqual([
      ['catalog_update', '审核目录更新申请'],
      ['catalog_compilation', '审核目录清单编制'],
      ['it_project', '评审评估政务信息化项目'],
    ]);
  });

  it("gives 发展改革部门 the 立项 and 财政部门 the budget of every department's IT projects (第四十七条)", () => {
    expect(inboxRules(actor('development_reform', 'dev-reform'))).toEqual([
      { stages: ['project_approving'], action: 'approve_it_project' },
    ]);
    expect(inboxRules(actor('finance', 'finance'))).toEqual([{ stages: ['project_funding'], action: 'fund_it_project' }]);
  });

  it('gives the county government the report to the city and the disputes referred to it (第三十二条)', () => {
    expect(inboxRules(actor('county_government', 'county'))).toEqual([
      { stages: ['county_submitting'], action: 'submit_annual_report_to_city' },
      { stages: ['dispute_referred'], action: 'decide_sharing_dispute' },
      // SPEC §6: the county government supervises the authority.
      { stages: ['awaiting_finding_decision'], partyKinds: ['authority'], action: 'decide_finding' },
      { departments: ['county'], stages: ['statement_period'], action: 'file_finding_statement' },
    ]);
  });

  it('gives a department user without a department nothing of any department', () => {
    for (const rule of inboxRules(actor('department_staff', null))) expect(rule.departments).toEqual([]);
  });

  it('gives auditors, applicants and admins no rules', () => {
    expect(inboxRules(actor('auditor', null))).toEqual([]);
    expect(inboxRules(actor('applicant', null))).toEqual([]);
    expect(inboxRules(actor('system_admin', null))).toEqual([]);
  });
});
