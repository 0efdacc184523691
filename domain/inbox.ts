// What awaits each role now (the inbox): supervisors find their approvals here.
import type { Actor } from './roles';

export interface InboxRule {
  /** undefined: every department */
  departments?: string[];
  stages: string[];
  /** what the caller is expected to do, as a stable code */
  action: string;
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
      ];
    case 'department_head':
      // 第二十三条: only the head decides extensions of its own department.
      return [
        { departments: own, stages: ['extension_pending'], action: 'decide_extension' },
        { departments: own, stages: ['overdue'], action: 'supervise_overdue' },
        { departments: own, stages: ['awaiting_application', 'returned'], action: 'submit_catalog_application' },
        { departments: own, stages: ['rectifying'], action: 'report_rectification' },
      ];
    case 'authority_reviewer':
      // 第四十五条: the authority supervises every overdue process county-wide.
      return [
        { stages: ['overdue'], action: 'supervise_overdue' },
        // 第十八条: every application received and not yet reviewed, county-wide.
        { stages: ['under_review'], action: 'review_catalog_application' },
        // 第四十六条: the county report, once the departments' period is over.
        { stages: ['authority_compiling'], action: 'submit_county_report' },
      ];
    case 'county_government':
      return [{ stages: ['county_submitting'], action: 'submit_annual_report_to_city' }];
    default:
      return [];
  }
}
