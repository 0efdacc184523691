// What awaits each role now (the inbox): supervisors find their approvals here.
import type { PartyKind } from './responsibility';
import type { Actor } from './roles';
import type { ProcessType, Stage, TaskKind } from './vocabulary';

export interface InboxRule {
  /** only processes of this type: a stage some types share (under_review) is a task of each its own */
  type?: ProcessType;
  /** undefined: every department */
  departments?: string[];
  stages: Stage[];
  /** what the caller is expected to do */
  action: TaskKind;
  /** 第二十六条: match the cases naming the caller's department among those concerned, not the registry's department */
  asConflictParty?: boolean;
  /** SPEC §6: only processes of departments of these kinds (a finding's decider depends on its party) */
  partyKinds?: PartyKind[];
}

export function inboxRules(actor: Actor): InboxRule[] {
  const own = actor.departmentCode ? [actor.departmentCode] : [];
  switch (actor.role) {
    case 'department_staff':
      return [
        { departments: own, stages: ['verifying', 'overdue'], action: 'verify' },
        // 第十八条: a registered change (or a returned application) waits for the department's application.
        { departments: own, stages: ['awaiting_application', 'returned'], action: 'submit_catalog_application' },
        // 第五十一条: an open rectification order waits for the department's report.
        { departments: own, stages: ['rectifying'], action: 'report_rectification' },
        ...sharingRules(own),
        ...statementRules(own),
      ];
    case 'department_head':
      // 第二十三条: only the head decides extensions of its own department.
      return [
        { departments: own, stages: ['extension_pending'], action: 'decide_extension' },
        { departments: own, stages: ['overdue'], action: 'supervise_overdue' },
        { departments: own, stages: ['awaiting_application', 'returned'], action: 'submit_catalog_application' },
        { departments: own, stages: ['rectifying'], action: 'report_rectification' },
        ...sharingRules(own),
        ...statementRules(own),
      ];
    case 'authority_reviewer':
      // 第四十五条: the authority supervises every overdue process county-wide.
      return [
        { stages: ['overdue'], action: 'supervise_overdue' },
        // 第十八条: every application received and not yet reviewed, county-wide; 第十六条 the
        // compilations and 第四十七条 the projects (评审评估) under its review, each its own task.
        { type: 'catalog_update', stages: ['under_review'], action: 'review_catalog_application' },
        { type: 'catalog_compilation', stages: ['under_review'], action: 'review_catalog_compilation' },
        { type: 'it_project', stages: ['under_review'], action: 'review_it_project' },
        // 第四十六条: the county report, once the departments' period is over.
        { stages: ['authority_compiling'], action: 'submit_county_report' },
        // 第三十二条: disputes it coordinates; 第二十六条: conflicts not agreed in time.
        { stages: ['dispute_coordinating'], action: 'coordinate_sharing_dispute' },
        { stages: ['conflict_coordinating'], action: 'decide_conflict' },
        // 第五十一条: reported rectifications wait for its acceptance.
        { stages: ['awaiting_acceptance'], action: 'accept_rectification' },
        // 第四十七条: IT projects awaiting 验收.
        { stages: ['project_building'], action: 'accept_it_project' },
        // SPEC §3.6: findings against 政务部门 once stated or their period passed; its own are the county government's.
        { stages: ['awaiting_finding_decision'], partyKinds: ['department'], action: 'decide_finding' },
        ...statementRules(own),
        // 第五十二条, 第五十三条: the authority's penalty cases, each step its own.
        { stages: ['penalty_filed'], action: 'record_penalty_notice' },
        { stages: ['penalty_awaiting_order'], action: 'order_penalty_rectification' },
        { stages: ['penalty_rectifying'], action: 'record_penalty_rectification' },
        { stages: ['penalty_warned'], action: 'decide_penalty' },
      ];
    case 'county_government':
      return [
        { stages: ['county_submitting'], action: 'submit_annual_report_to_city' },
        // 第三十二条: disputes referred to it for decision.
        { stages: ['dispute_referred'], action: 'decide_sharing_dispute' },
        // SPEC §6: it supervises the authority, and decides the findings against it.
        { stages: ['awaiting_finding_decision'], partyKinds: ['authority'], action: 'decide_finding' },
        ...statementRules(own),
      ];
    // 第四十七条: 立项 and budget of every department's IT projects.
    case 'development_reform':
      return [{ stages: ['project_approving'], action: 'approve_it_project' }];
    case 'finance':
      return [{ stages: ['project_funding'], action: 'fund_it_project' }];
    default:
      return [];
  }
}

/** 第三十一条: conditional requests wait for their provider; 第二十六条: conflicts for each department concerned. */
const sharingRules = (own: string[]): InboxRule[] => [
  { departments: own, stages: ['awaiting_sharing_decision'], action: 'decide_sharing_request' },
  { departments: own, stages: ['conflict_negotiating'], action: 'record_conflict_position', asConflictParty: true },
];

/** SPEC §3.6: a finding against the caller's own department waits for its statement (陈述申辩). */
const statementRules = (own: string[]): InboxRule[] => [
  { departments: own, stages: ['statement_period'], action: 'file_finding_statement' },
];
