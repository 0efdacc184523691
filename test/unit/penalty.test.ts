// 第五十二条 and 第五十三条: the fine ranges (以上…以下 include both ends), the parties each article
// reaches, and the order of the steps: no fine before 告知, the 陈述申辩 period's end and a warning.
import { describe, expect, it } from 'vitest';
import { checkCase, checkFine, checkFineAmount, checkNotice, checkOrder, type PenaltyCaseState } from '../../domain/penalty';
import type { Actor } from '../../domain/roles';

const reviewer: Actor = { userId: 'r1', role: 'authority_reviewer', departmentCode: 'county-data' };
const staff: Actor = { userId: 's1', role: 'department_staff', departmentCode: 'market' };
const code = (e: { code: string } | null) => e?.code ?? null;

describe('fine ranges', () => {
  it('第五十三条 non-business conduct: 500元以上1000元以下 — 499 and 1 001 refused, 500 and 1 000 accepted', () => {
    expect(code(checkFineAmount('violator', 'non_business', 499))).toBe('FINE_OUT_OF_RANGE');
    expect(checkFineAmount('violator', 'non_business', 500)).toBeNull();
    expect(checkFineAmount('violator', 'non_business', 1_000)).toBeNull();
    expect(code(checkFineAmount('violator', 'non_business', 1_001))).toBe('FINE_OUT_OF_RANGE');
    // A business amount is outside the non-business range.
    expect(code(checkFineAmount('violator', 'non_business', 10_000))).toBe('FINE_OUT_OF_RANGE');
  });

  it('第五十三条 business conduct: 1万元以上3万元以下 — 9 999 and 30 001 refused, 10 000 and 30 000 accepted; 1 000 is not enough', () => {
    expect(code(checkFineAmount('violator', 'business', 9_999))).toBe('FINE_OUT_OF_RANGE');
    expect(checkFineAmount('violator', 'business', 10_000)).toBeNull();
    expect(checkFineAmount('violator', 'business', 30_000)).toBeNull();
    expect(code(checkFineAmount('violator', 'business', 30_001))).toBe('FINE_OUT_OF_RANGE');
    expect(code(checkFineAmount('violator', 'business', 1_000))).toBe('FINE_OUT_OF_RANGE');
  });

  it('第五十二条 service units: 1万元以上3万元以下, whatever the conduct', () => {
    expect(code(checkFineAmount('service_unit', null, 9_999))).toBe('FINE_OUT_OF_RANGE');
    expect(checkFineAmount('service_unit', null, 10_000)).toBeNull();
    expect(checkFineAmount('service_unit', null, 30_000)).toBeNull();
    expect(code(checkFineAmount('service_unit', null, 30_001))).toBe('FINE_OUT_OF_RANGE');
    expect(code(checkFineAmount('service_unit', null, 500))).toBe('FINE_OUT_OF_RANGE');
  });

  it('names the range and the article in the refusal; fractions of a yuan are refused', () => {
    expect(checkFineAmount('violator', 'non_business', 1_001)?.message).toContain('500元以上1000元以下（第五十三条，非经营性行为）');
    expect(checkFineAmount('violator', 'business', 9_999)?.message).toContain('1万元以上3万元以下（第五十三条，经营性行为）');
    expect(checkFineAmount('service_unit', null, 30_001)?.message).toContain('1万元以上3万元以下（第五十二条）');
    expect(code(checkFineAmount('violator', 'non_business', 500.5))).toBe('FINE_OUT_OF_RANGE');
  });
});

describe('who a case may cite', () => {
  const facts = '检查发现';
  it('a service unit breaches 第三十八条 or 第五十条 and has no conduct; a citizen or organisation 第五十条 only, with its conduct', () => {
    expect(checkCase({ partyType: 'service_unit', breaches: ['art38_security_system', 'art50_1'], facts })).toBeNull();
    expect(code(checkCase({ partyType: 'service_unit', conduct: 'business', breaches: ['art50_1'], facts }))).toBe(
      'PENALTY_CONDUCT_NOT_APPLICABLE',
    );
    expect(checkCase({ partyType: 'violator', conduct: 'business', breaches: ['art50_4'], facts })).toBeNull();
    expect(code(checkCase({ partyType: 'violator', conduct: 'business', breaches: ['art38_security_system'], facts }))).toBe(
      'PENALTY_BREACH_ITEMS',
    );
    expect(code(checkCase({ partyType: 'violator', breaches: ['art50_4'], facts }))).toBe('PENALTY_CONDUCT_REQUIRED');
    expect(code(checkCase({ partyType: 'violator', conduct: 'business', breaches: [], facts }))).toBe('PENALTY_BREACH_ITEMS');
    expect(code(checkCase({ partyType: 'violator', conduct: 'business', breaches: ['art49_1'], facts }))).toBe('PENALTY_BREACH_ITEMS');
    expect(code(checkCase({ partyType: 'violator', conduct: 'business', breaches: ['art50_4'], facts: ' ' }))).toBe(
      'PENALTY_FACTS_REQUIRED',
    );
  });
});

describe('the order of the steps', () => {
  // 2025-10-10 is the 5th working day after a notice on 2025-09-26 (National Day 10-01..08 off, 09-28 worked).
  const statementDeadline = {
    due: '2025-10-10',
    endsAt: '2025-10-11T00:00:00+08:00',
    warningAt: '2025-10-09T00:00:00+08:00',
    provisional: false,
    calendarVersion: 'v',
  };
  const base: PenaltyCaseState = {
    caseId: 'c',
    partyType: 'violator',
    conduct: 'non_business',
    openedOn: '2025-09-26',
    stage: 'penalty_filed',
    statements: [],
  };
  const notice = { notifiedOn: '2025-09-26', content: '告知', by: 'r1', at: '2025-09-26T02:00:00Z' };
  const during = Date.parse('2025-10-10T23:59:59+08:00');
  const after = Date.parse('2025-10-11T00:00:00+08:00');
  const fine = { amountYuan: 800, consequences: '泄露' };

  it('a fine before 告知 is 422 PENALTY_NOT_NOTIFIED, during the 陈述申辩 period PENALTY_STATEMENT_PERIOD_OPEN, before a warning PENALTY_NOT_WARNED', () => {
    expect(code(checkFine(base, reviewer, fine, during))).toBe('PENALTY_NOT_NOTIFIED');
    const heard = { ...base, notice, statementDeadline, stage: 'penalty_statement' as const };
    expect(code(checkFine(heard, reviewer, fine, during))).toBe('PENALTY_STATEMENT_PERIOD_OPEN');
    expect(code(checkFine({ ...heard, stage: 'penalty_awaiting_order' }, reviewer, fine, after))).toBe('PENALTY_NOT_WARNED');
    expect(checkFine({ ...heard, stage: 'penalty_warned' }, reviewer, fine, after)).toBeNull();
    expect(code(checkFine({ ...heard, stage: 'penalty_warned' }, staff, fine, after))).toBe('FORBIDDEN_ROLE_STEP');
    expect(code(checkFine({ ...heard, stage: 'penalty_fined' }, reviewer, fine, after))).toBe('PROCESS_CLOSED');
  });

  it('the order waits for the end of the 陈述申辩 period (24:00 of 2025-10-10) and takes a period of 1–30 working days', () => {
    const waiting = { ...base, notice, statementDeadline, stage: 'penalty_statement' as const };
    const o = { requirement: '删除', periodWorkingDays: 5 };
    expect(checkOrder(waiting, reviewer, o, during)?.message).toBe(
      '陈述申辩期限尚未届满，不能作出该决定：陈述申辩期限至 2025年10月10日 届满',
    );
    expect(checkOrder({ ...waiting, stage: 'penalty_awaiting_order' }, reviewer, o, after)).toBeNull();
    expect(code(checkOrder({ ...waiting, stage: 'penalty_awaiting_order' }, reviewer, { ...o, periodWorkingDays: 31 }, after))).toBe(
      'RECTIFICATION_PERIOD_RANGE',
    );
  });

  it('a notice is dated between the opening and today', () => {
    const now = Date.parse('2025-09-26T15:00:00+08:00');
    expect(checkNotice(base, reviewer, { notifiedOn: '2025-09-26', content: '告知' }, now)).toBeNull();
    expect(code(checkNotice(base, reviewer, { notifiedOn: '2025-09-27', content: '告知' }, now))).toBe('NOTICE_DATE_INVALID');
    expect(checkNotice(base, reviewer, { notifiedOn: '2025-09-25', content: '告知' }, now)).toEqual({
      code: 'NOTICE_DATE_INVALID',
      // the refusal reads as officials write dates: the console shows it as it is
      message: '告知日期不得早于立案日期，也不得晚于今天：立案日期为 2025年9月26日',
    });
  });
});
