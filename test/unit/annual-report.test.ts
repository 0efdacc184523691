// 第四十六条: departments by 31 December, the authority by 15 January (“1月中旬前”), the county
// government by 31 January; calendar dates, reminders 10 and 3 days before, each ending at 24:00
// Beijing time.
import { describe, expect, it } from 'vitest';
import {
  type AnnualReportState,
  annualReportDates,
  calendarDateDeadline,
  checkCitySubmission,
  checkCountyReport,
  checkDepartmentReport,
  type DepartmentReportContent,
  pendingDepartments,
  reminderInstants,
} from '../../domain/annual-report';
import type { Actor } from '../../domain/roles';

const marketStaff: Actor = { userId: 'u1', role: 'department_staff', departmentCode: 'market' };
const civilHead: Actor = { userId: 'u2', role: 'department_head', departmentCode: 'civil' };
const taxStaff: Actor = { userId: 'u3', role: 'department_staff', departmentCode: 'tax' };
const reviewer: Actor = { userId: 'u4', role: 'authority_reviewer', departmentCode: 'county-data' };
const county: Actor = { userId: 'u5', role: 'county_government', departmentCode: null };

const content: DepartmentReportContent = {
  catalogEntries: 12,
  catalogUpdatesOnTime: 3,
  catalogUpdatesLate: 0,
  sharingRequestsServed: 8,
  correctionsHandled: 5,
  correctionsOnTime: 5,
  securityWork: '开展数据安全自查一次',
  summary: '按期完成目录更新',
};

const state = (over: Partial<AnnualReportState> = {}): AnnualReportState => ({
  year: 2025,
  stage: 'departments_reporting',
  deadline: calendarDateDeadline('2025-12-31'),
  authorityCode: 'county-data',
  departments: ['market', 'civil'],
  submitted: {},
  ...over,
});

describe('dates', () => {
  it('2025: 2025-12-31, 2026-01-15, 2026-01-31', () => {
    expect(annualReportDates(2025)).toEqual({ departmentsDue: '2025-12-31', authorityDue: '2026-01-15', countyDue: '2026-01-31' });
  });

  it('a calendar-date deadline ends at 24:00 Beijing time and turns yellow with the last reminder', () => {
    expect(calendarDateDeadline('2025-12-31')).toEqual({
      due: '2025-12-31',
      endsAt: '2026-01-01T00:00:00+08:00',
      warningAt: '2025-12-28T00:00:00+08:00',
      provisional: false,
      calendarVersion: 'calendar-dates',
    });
  });

  it('reminders 10 and 3 days before, across the year end too', () => {
    expect(reminderInstants('2025-12-31')).toEqual(['2025-12-21T00:00:00+08:00', '2025-12-28T00:00:00+08:00']);
    expect(reminderInstants('2026-01-15')).toEqual(['2026-01-05T00:00:00+08:00', '2026-01-12T00:00:00+08:00']);
    expect(reminderInstants('2026-01-01')).toEqual(['2025-12-22T00:00:00+08:00', '2025-12-29T00:00:00+08:00']);
  });
});

describe('checkDepartmentReport', () => {
  it('staff or head of a listed department reports once, with a summary', () => {
    expect(checkDepartmentReport(state(), marketStaff, content)).toBeNull();
    expect(checkDepartmentReport(state(), civilHead, content)).toBeNull();
    const done = state({ submitted: { market: { by: 'u1', at: '2025-12-20T10:00:00+08:00', late: false } } });
    expect(checkDepartmentReport(done, marketStaff, content)).toEqual({
      code: 'REPORT_ALREADY_SUBMITTED',
      message: '年度报告已提交：2025 年度报告已于 2025-12-20T10:00:00+08:00 提交',
    });
    expect(pendingDepartments(done)).toEqual(['civil']);
    expect(checkDepartmentReport(state(), marketStaff, { ...content, summary: ' ' })?.code).toBe('REASON_REQUIRED');
  });

  it('refuses a department not listed, a county-wide role and a closed process', () => {
    expect(checkDepartmentReport(state(), taxStaff, content)?.code).toBe('FORBIDDEN_DEPARTMENT');
    expect(checkDepartmentReport(state(), reviewer, content)?.code).toBe('FORBIDDEN_DEPARTMENT');
    expect(checkDepartmentReport(state({ stage: 'completed' }), marketStaff, content)?.code).toBe('PROCESS_CLOSED');
  });
});

describe('checkCountyReport and checkCitySubmission', () => {
  it('the authority compiles only once the departments’ period is over, once', () => {
    expect(checkCountyReport(state(), reviewer)).toEqual({ code: 'REPORT_NOT_YET', message: '尚未到该报送环节：各部门报送期尚未结束' });
    expect(checkCountyReport(state({ stage: 'authority_compiling' }), reviewer)).toBeNull();
    expect(checkCountyReport(state({ stage: 'authority_compiling' }), marketStaff)?.code).toBe('FORBIDDEN_ROLE_STEP');
    const compiled = state({ stage: 'county_submitting', countyReport: { by: 'u4', at: '2026-01-10T09:00:00+08:00', late: false } });
    expect(checkCountyReport(compiled, reviewer)?.code).toBe('REPORT_ALREADY_SUBMITTED');
  });

  it('only the county government submits to the city, after the county report', () => {
    expect(checkCitySubmission(state({ stage: 'authority_compiling' }), county)?.code).toBe('REPORT_NOT_YET');
    expect(checkCitySubmission(state({ stage: 'county_submitting' }), county)).toBeNull();
    expect(checkCitySubmission(state({ stage: 'county_submitting' }), reviewer)?.code).toBe('FORBIDDEN_ROLE_STEP');
    const sent = state({ stage: 'completed', citySubmission: { by: 'u5', at: '2026-01-30T09:00:00+08:00', late: false } });
    expect(checkCitySubmission(sent, county)?.code).toBe('REPORT_ALREADY_SUBMITTED');
  });
});
