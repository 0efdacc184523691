import { describe, expect, it } from 'vitest';
import {
  checkAcceptance,
  checkOrder,
  checkOrderable,
  checkReferral,
  checkReport,
  circularNumber,
  circularText,
  isSubstantive,
  type RectificationState,
} from '../../domain/rectification';
import type { Actor } from '../../domain/roles';

const state: RectificationState = {
  orderId: 'ZG1',
  violationId: 1,
  departmentCode: 'market',
  issuedOn: '2025-09-26',
  periodWorkingDays: 10,
  stage: 'rectifying',
  deadline: {
    due: '2025-10-16',
    endsAt: '2025-10-17T00:00:00+08:00',
    warningAt: '2025-10-15T00:00:00+08:00',
    provisional: false,
    calendarVersion: 'v',
  },
};
/** The acceptance path keeps every report and decision. */
const accepting: RectificationState = { ...state, reports: [], decisions: [] };
const staff: Actor = { userId: 'u1', role: 'department_staff', departmentCode: 'market' };
const reviewer: Actor = { userId: 'r', role: 'authority_reviewer', departmentCode: 'county-data' };
const before = Date.parse('2025-10-16T23:59:59+08:00');
const atEnd = Date.parse('2025-10-17T00:00:00+08:00');
const report = { report: '已补录处理记录', reportedBy: 'u1', reportedAt: '2025-10-10T02:00:00.000Z' };

describe('checkReport (第五十一条)', () => {
  it('accepts the ordered department before 24:00 of the due day, refuses it from then on', () => {
    expect(checkReport(state, staff, '已补录处理记录', before)).toBeNull();
    expect(checkReport(state, staff, '已补录处理记录', atEnd)?.code).toBe('RECTIFICATION_AFTER_DEADLINE');
    expect(checkReport(state, staff, '已补录处理记录', atEnd)?.message).toContain('2025-10-16');
  });

  it('refuses other departments, the authority, a blank or punctuation-only report and a closed order', () => {
    expect(checkReport(state, { ...staff, departmentCode: 'civil' }, '已补录处理记录', before)?.code).toBe('FORBIDDEN_DEPARTMENT');
    expect(checkReport(state, reviewer, '已补录处理记录', before)?.code).toBe('FORBIDDEN_DEPARTMENT');
    for (const text of [' \n', '。', '……！', '已改。', '—— ok']) {
      expect(checkReport(state, staff, text, before)?.code, text).toBe('RECTIFICATION_REPORT_NOT_SUBSTANTIVE');
    }
    expect(checkReport(state, staff, '。', before)?.message).toBe('整改情况须写明具体的整改措施和结果，不能只填写空白或标点');
    expect(checkReport({ ...state, stage: 'criticized' }, staff, '已补录处理记录', before)?.code).toBe('PROCESS_CLOSED');
  });

  it('the old path takes one report; the acceptance path waits for the authority, then takes another after a rejection', () => {
    expect(checkReport({ ...state, report }, staff, '再次报送整改情况', before)?.code).toBe('PROCESS_CLOSED');
    expect(
      checkReport({ ...accepting, stage: 'awaiting_acceptance', report, reports: [report] }, staff, '再次报送整改情况', before)?.code,
    ).toBe('RECTIFICATION_AWAITING_ACCEPTANCE');
    expect(checkReport({ ...accepting, report, reports: [report] }, staff, '再次报送整改情况', before)).toBeNull();
  });
});

describe('checkAcceptance (第五十一条)', () => {
  const awaiting: RectificationState = { ...accepting, stage: 'awaiting_acceptance', report, reports: [report] };
  it('only the authority decides, only a report awaiting it; a rejection says why', () => {
    expect(checkAcceptance(awaiting, reviewer, { accept: true })).toBeNull();
    expect(checkAcceptance(awaiting, reviewer, { accept: false, reason: '未附处理记录' })).toBeNull();
    expect(checkAcceptance(awaiting, staff, { accept: true })?.code).toBe('NOT_RECTIFICATION_AUTHORITY');
    expect(checkAcceptance(awaiting, { ...reviewer, role: 'department_head' }, { accept: true })?.code).toBe('NOT_RECTIFICATION_AUTHORITY');
    expect(checkAcceptance(accepting, reviewer, { accept: true })?.code).toBe('NO_RECTIFICATION_REPORT');
    expect(checkAcceptance({ ...awaiting, stage: 'rectified' }, reviewer, { accept: true })?.code).toBe('PROCESS_CLOSED');
    for (const reason of [undefined, '', '。']) {
      expect(checkAcceptance(awaiting, reviewer, { accept: false, reason })?.code).toBe('REASON_REQUIRED');
    }
  });
});

describe('checkOrderable: the 第五十一条 chain takes a 政务部门’s confirmed 第四十九条 violation only (SPEC §6)', () => {
  const finding = { kind: 'correction_overdue', partyKind: 'department', findingClass: 'violation', status: 'confirmed' } as const;
  it('a confirmed correction_overdue is ordered', () => {
    expect(checkOrderable(finding)).toBeNull();
    expect(checkOrderable({ ...finding, kind: 'catalog_submission_overdue' })).toBeNull();
  });
  it('the authority, the county government and timeliness findings are not: their supervisors hear them', () => {
    const notApplicable = [
      { ...finding, kind: 'catalog_review_overdue_1', partyKind: 'authority', findingClass: 'timeliness' },
      { ...finding, kind: 'county_report_late', partyKind: 'authority', findingClass: 'timeliness' },
      { ...finding, kind: 'city_submission_late', partyKind: 'county_government', findingClass: 'timeliness' },
      { ...finding, kind: 'annual_report_missed:market', findingClass: 'timeliness' },
      { ...finding, kind: 'sharing_decision_overdue', findingClass: 'timeliness' },
      { ...finding, kind: 'no_such_kind' },
    ] as const;
    for (const f of notApplicable) expect(checkOrderable(f)?.code, f.kind).toBe('RECTIFICATION_NOT_APPLICABLE');
    expect(checkOrderable(notApplicable[0])?.message).toContain('主管部门、县政府的时限未履行报其监督主体');
  });
  it('a finding not yet confirmed is not', () => {
    for (const status of ['provisional', 'notified', 'contested', 'annulled', 'withdrawn'] as const) {
      expect(checkOrderable({ ...finding, status })?.code, status).toBe('FINDING_NOT_CONFIRMED');
    }
  });
});

describe('isSubstantive', () => {
  it('counts letters and digits only', () => {
    expect(isSubstantive('已补录记录')).toBe(true);
    expect(isSubstantive('  补 录，记 录。 ')).toBe(true);
    expect(isSubstantive('。。。。。。')).toBe(false);
    expect(isSubstantive('已改')).toBe(false);
  });
});

describe('the circular and the referral', () => {
  it('numbers circulars 云数通〔year〕n号 and words them with the department, the order and the period', () => {
    expect(circularNumber(2025, 3)).toBe('云数通〔2025〕3号');
    const text = circularText({
      number: '云数通〔2025〕1号',
      issuedOn: '2025-10-17',
      departmentName: '县市场监督管理局',
      orderId: 'ZG1',
      requirement: '补齐处理记录',
      due: '2025-10-16',
      violationArticle: '第四十九条(八)',
      violationLabel: '超过规定时间校核政务数据',
    });
    expect(text.split('\n')[0]).toBe('关于对县市场监督管理局未按期完成整改的通报（云数通〔2025〕1号）');
    expect(text).toContain('各政务部门、县人民政府');
    expect(text).toContain('第四十九条(八)');
    expect(text).toContain('整改期限至 2025年10月16日');
    expect(text.split('\n').at(-1)).toBe('县政务数据资源主管部门　2025年10月17日');
    expect(text).toContain('ZG1');
  });

  it('refers once, after 通报批评 or for a serious case, naming the organ, the persons and the reason', () => {
    const r = { organ: '县纪委监委', persons: '张某（科长）', reason: '拒不整改，情节严重', serious: false };
    expect(checkReferral({ status: 'criticized' }, false, r)).toBeNull();
    expect(checkReferral({ status: 'open' }, false, { ...r, serious: true })).toBeNull();
    expect(checkReferral({ status: 'open' }, false, r)?.code).toBe('REFERRAL_NOT_ALLOWED');
    expect(checkReferral({ status: 'rectified' }, false, r)?.code).toBe('REFERRAL_NOT_ALLOWED');
    expect(checkReferral({ status: 'criticized' }, true, r)?.code).toBe('REFERRAL_EXISTS');
    for (const missing of [{ reason: '。' }, { organ: ' ' }, { persons: '——' }]) {
      expect(checkReferral({ status: 'criticized' }, false, { ...r, ...missing })?.code).toBe('REFERRAL_DETAILS_REQUIRED');
    }
  });
});

describe('checkOrder', () => {
  it('a period of 1–30 whole working days and a stated requirement', () => {
    expect(checkOrder({ requirement: '补齐记录', periodWorkingDays: 1 })).toBeNull();
    expect(checkOrder({ requirement: '补齐记录', periodWorkingDays: 30 })).toBeNull();
    expect(checkOrder({ requirement: '补齐记录', periodWorkingDays: 31 })?.code).toBe('RECTIFICATION_PERIOD_RANGE');
    expect(checkOrder({ requirement: '补齐记录', periodWorkingDays: 0 })?.code).toBe('RECTIFICATION_PERIOD_RANGE');
    expect(checkOrder({ requirement: '补齐记录', periodWorkingDays: 2.5 })?.code).toBe('RECTIFICATION_PERIOD_RANGE');
    expect(checkOrder({ requirement: '  ', periodWorkingDays: 5 })?.code).toBe('RECTIFICATION_REQUIREMENT_REQUIRED');
  });
});
