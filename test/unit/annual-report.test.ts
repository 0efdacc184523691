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
  checkYearFileable,
  checkYearOpenable,
  type DepartmentReportContent,
  figureDifferences,
  lateNotices,
  missedReportSupervisor,
  pendingDepartments,
  reminderInstants,
  reportingYearOn,
  systemTotals,
} from '../../domain/annual-report';
import { responsibilityOf } from '../../domain/responsibility';
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
  sharingRequestsDecided: 7,
  sharingRequestsMade: 2,
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
    // the authority is not tracked in this (older) year: its reviewer files nothing
    expect(checkDepartmentReport(state(), reviewer, content)?.code).toBe('FORBIDDEN_DEPARTMENT');
    expect(checkDepartmentReport(state(), county, content)?.code).toBe('FORBIDDEN_DEPARTMENT');
    expect(checkDepartmentReport(state({ stage: 'completed' }), marketStaff, content)?.code).toBe('PROCESS_CLOSED');
  });
});

describe('the authority files its own department report (第四十六条第一款)', () => {
  const withAuthority = state({ departments: ['civil', 'county-data', 'market'] });
  it('its reviewer files the authority’s report; a reviewer of another department does not', () => {
    expect(checkDepartmentReport(withAuthority, reviewer, content)).toBeNull();
    const otherReviewer: Actor = { ...reviewer, departmentCode: 'market' };
    expect(checkDepartmentReport(withAuthority, otherReviewer, content)?.code).toBe('FORBIDDEN_DEPARTMENT');
    expect(pendingDepartments(withAuthority)).toEqual(['civil', 'county-data', 'market']);
  });
  it('its missed report is a 政务部门 duty supervised by the county government; other departments by the model’s supervisor', () => {
    expect(missedReportSupervisor('county-data', 'county-data')).toBe('county_government');
    expect(missedReportSupervisor('market', 'county-data')).toBeUndefined();
    expect(missedReportSupervisor('market', null)).toBeUndefined();
  });
});

describe('figures: bounds, consistency, side by side', () => {
  it('a figure above 100 000, a negative or fractional one is refused (400); on time above handled is 422', () => {
    expect(checkDepartmentReport(state(), marketStaff, { ...content, catalogEntries: 100_001 })).toEqual({
      code: 'REPORT_FIGURE_RANGE',
      message: '年度报告的数字应为 0–100000 之间的整数：目录条目数',
    });
    expect(checkDepartmentReport(state(), marketStaff, { ...content, catalogEntries: 100_000 })).toBeNull();
    expect(checkDepartmentReport(state(), marketStaff, { ...content, sharingRequestsMade: -1 })?.code).toBe('REPORT_FIGURE_RANGE');
    expect(checkDepartmentReport(state(), marketStaff, { ...content, correctionsOnTime: 1.5 })?.code).toBe('REPORT_FIGURE_RANGE');
    expect(checkDepartmentReport(state(), marketStaff, { ...content, correctionsHandled: 5, correctionsOnTime: 6 })?.code).toBe(
      'REPORT_FIGURES_INCONSISTENT',
    );
  });

  const system = {
    catalogEntries: 6,
    catalogUpdatesOnTime: 3,
    catalogUpdatesLate: 0,
    sharingRequestsServed: 8,
    sharingRequestsDecided: 7,
    sharingRequestsMade: 2,
    correctionsHandled: 5,
    correctionsOnTime: 5,
  };
  it('lists only the figures that differ, reported beside system; nothing before a report', () => {
    expect(figureDifferences({ ...content, catalogEntries: 9999 }, system)).toEqual([
      { figure: 'catalogEntries', label: '目录条目数', reported: 9999, system: 6, difference: 9993 },
    ]);
    expect(figureDifferences({ ...content, catalogEntries: 6 }, system)).toEqual([]);
    expect(figureDifferences(null, system)).toEqual([]);
    // a report filed before a figure existed: that figure was not reported, so it differs in nothing
    const { sharingRequestsMade: _, ...older } = { ...content, catalogEntries: 6 };
    expect(figureDifferences(older, system)).toEqual([]);
  });
  it('the county totals add up the system’s figures, never the reported ones', () => {
    expect(systemTotals([system, { ...system, catalogEntries: 1, correctionsHandled: 0, correctionsOnTime: 0 }])).toEqual({
      catalogEntries: 7,
      catalogUpdatesOnTime: 6,
      catalogUpdatesLate: 0,
      sharingRequestsServed: 16,
      sharingRequestsDecided: 14,
      sharingRequestsMade: 4,
      correctionsHandled: 5,
      correctionsOnTime: 5,
    });
  });
});

describe('which year may be opened or filed', () => {
  it('December opens that year, January the previous one, other months none', () => {
    expect(reportingYearOn('2026-12-01')).toBe(2026);
    expect(reportingYearOn('2026-12-31')).toBe(2026);
    expect(reportingYearOn('2027-01-01')).toBe(2026);
    expect(reportingYearOn('2027-01-31')).toBe(2026);
    expect(reportingYearOn('2027-02-01')).toBeNull();
    expect(reportingYearOn('2026-11-30')).toBeNull();
  });
  it('no year after the current Beijing year; a past year only until its 31 January', () => {
    expect(checkYearOpenable(2031, '2026-12-02')).toEqual({
      code: 'REPORT_YEAR_IN_FUTURE',
      message: '不能开始或报送今年以后年度的年度报告：2031 年尚未到来（今天是 2026-12-02）',
    });
    expect(checkYearOpenable(2027, '2026-12-31')?.code).toBe('REPORT_YEAR_IN_FUTURE');
    expect(checkYearOpenable(2026, '2026-03-01')).toBeNull();
    expect(checkYearOpenable(2025, '2026-01-31')).toBeNull();
    expect(checkYearOpenable(2025, '2026-02-01')).toEqual({
      code: 'REPORT_YEAR_OVER',
      message: '该年度报告的报送期限均已届满，不能再开始：2025 年度的最后期限为 2026-01-31',
    });
    expect(checkYearFileable(2027, '2026-12-02')?.code).toBe('REPORT_YEAR_IN_FUTURE');
    expect(checkYearFileable(2020, '2026-12-02')).toBeNull();
  });
});

describe('late notices name the supervisor (SPEC §6)', () => {
  it('none of the 第四十六条 findings enters the 第五十一条 chain: the authority’s own, the county report, the city submission', () => {
    for (const kind of ['annual_report_missed:county-data', 'annual_report_missed:market', 'county_report_late', 'city_submission_late'])
      expect(responsibilityOf(kind)).toMatchObject({ findingClass: 'timeliness', rectifiable: false });
    expect(responsibilityOf('city_submission_late')).toMatchObject({ partyKind: 'county_government', supervisor: 'city' });
  });

  it('a late county report: the authority and the county government are told the county government supervises', () => {
    expect(lateNotices('county_report_late', 2025, '2026-01-15')).toEqual([
      {
        departmentCode: null,
        role: 'authority_reviewer',
        kind: 'county_report_late',
        message: '2025 年度县级报告未在 2026-01-15 前提交县人民政府，已记录（第四十六条第二款），报县人民政府监督',
      },
      {
        departmentCode: null,
        role: 'county_government',
        kind: 'county_report_late',
        message: '县政务数据资源主管部门未在 2026-01-15 前提交 2025 年度县级报告，已记录（第四十六条第二款），由县人民政府监督',
      },
    ]);
  });
  it('a late city submission: the county government and the authority are told the city supervises', () => {
    expect(lateNotices('city_submission_late', 2025, '2026-01-31').map((n) => [n.role, n.message])).toEqual([
      ['county_government', '2025 年度报告未在 2026-01-31 前报送市人民政府，已记录（第四十六条第二款），报市人民政府监督'],
      ['authority_reviewer', '县人民政府未在 2026-01-31 前向市人民政府报送 2025 年度报告，已记录（第四十六条第二款），由市人民政府监督'],
    ]);
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
