import { describe, expect, it } from 'vitest';
import { checkOrder, checkReport, type RectificationState } from '../../domain/rectification';
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
const staff: Actor = { userId: 'u1', role: 'department_staff', departmentCode: 'market' };
const before = Date.parse('2025-10-16T23:59:59+08:00');
const atEnd = Date.parse('2025-10-17T00:00:00+08:00');

describe('checkReport (第五十一条)', () => {
  it('accepts the ordered department before 24:00 of the due day, refuses it from then on', () => {
    expect(checkReport(state, staff, '已整改', before)).toBeNull();
    expect(checkReport(state, staff, '已整改', atEnd)?.code).toBe('RECTIFICATION_AFTER_DEADLINE');
    expect(checkReport(state, staff, '已整改', atEnd)?.message).toContain('2025-10-16');
  });

  it('refuses other departments, the authority, an empty report and a closed order', () => {
    expect(checkReport(state, { ...staff, departmentCode: 'civil' }, '已整改', before)?.code).toBe('FORBIDDEN_DEPARTMENT');
    expect(checkReport(state, { userId: 'r', role: 'authority_reviewer', departmentCode: 'county-data' }, '已整改', before)?.code).toBe(
      'FORBIDDEN_DEPARTMENT',
    );
    expect(checkReport(state, staff, ' \n', before)?.code).toBe('REASON_REQUIRED');
    expect(checkReport({ ...state, stage: 'criticized' }, staff, '已整改', before)?.code).toBe('PROCESS_CLOSED');
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
