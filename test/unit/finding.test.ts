// SPEC §3.6, §6: the statement (陈述申辩) and decision rules of domain/finding.ts, with the
// deadline written out by hand: told 2025-09-25, due 2025-10-09, ending 2025-10-10T00:00+08:00.
import { describe, expect, it } from 'vitest';
import {
  afterStatement,
  afterStatementPeriod,
  checkDecision,
  checkRegistration,
  checkRegistrationTarget,
  checkStatement,
  deciderOf,
  type FindingState,
  STATEMENT_PERIOD_DAYS,
} from '../../domain/finding';
import { responsibilityOf } from '../../domain/responsibility';
import type { Actor } from '../../domain/roles';
import { FINDING_INFO, REGISTRABLE_FINDING_KINDS } from '../../domain/vocabulary';

const marketStaff: Actor = { userId: 'u1', role: 'department_staff', departmentCode: 'market' };
const civilHead: Actor = { userId: 'u2', role: 'department_head', departmentCode: 'civil' };
const reviewer: Actor = { userId: 'u3', role: 'authority_reviewer', departmentCode: 'county-data' };
const county: Actor = { userId: 'u4', role: 'county_government', departmentCode: 'county-gov' };

const finding = (over: Partial<FindingState> = {}): FindingState => ({
  violationId: 1,
  kind: 'conduct_49_3',
  article: '第四十九条(三)',
  partyKind: 'department',
  departmentCode: 'market',
  origin: 'registered',
  stage: 'statement_period',
  status: 'notified',
  notifiedOn: '2025-09-25',
  deadline: {
    due: '2025-10-09',
    endsAt: '2025-10-10T00:00:00+08:00',
    warningAt: '2025-09-30T00:00:00+08:00',
    provisional: false,
    calendarVersion: 'test',
  },
  ...over,
});
const at = (iso: string) => Date.parse(iso);

describe('the statement period', () => {
  it('is 5 working days (SPEC §3.6)', () => expect(STATEMENT_PERIOD_DAYS).toBe(5));

  it('takes one statement from the party until 24:00 of the due day', () => {
    expect(checkStatement(finding(), marketStaff, '申辩', at('2025-10-09T23:59:00+08:00'))).toBeNull();
    expect(checkStatement(finding(), marketStaff, '申辩', at('2025-10-10T00:00:00+08:00'))?.code).toBe('STATEMENT_AFTER_DEADLINE');
    expect(checkStatement(finding(), civilHead, '申辩', at('2025-09-26T10:00:00+08:00'))?.code).toBe('NOT_FINDING_PARTY');
    expect(checkStatement(finding(), reviewer, '申辩', at('2025-09-26T10:00:00+08:00'))?.code).toBe('NOT_FINDING_PARTY');
    const stated = finding({ statement: { statement: '申辩', filedBy: 'u1', filedAt: '2025-09-26T02:00:00Z' } });
    expect(checkStatement(stated, marketStaff, '再次', at('2025-09-27T10:00:00+08:00'))?.code).toBe('STATEMENT_ALREADY_FILED');
    expect(checkStatement(finding({ stage: 'finding_provisional', deadline: undefined }), marketStaff, '申辩', 0)?.code).toBe(
      'STATEMENT_NOT_OPEN',
    );
    expect(checkStatement(finding(), marketStaff, '  ', at('2025-09-26T10:00:00+08:00'))?.code).toBe('STATEMENT_REQUIRED');
  });

  it('lets the authority state its own case through its reviewers, and the county government through its office', () => {
    const againstAuthority = finding({ partyKind: 'authority', departmentCode: 'county-data' });
    expect(checkStatement(againstAuthority, reviewer, '申辩', at('2025-09-26T10:00:00+08:00'))).toBeNull();
    expect(checkStatement(againstAuthority, county, '申辩', at('2025-09-26T10:00:00+08:00'))?.code).toBe('NOT_FINDING_PARTY');
    const againstCounty = finding({ partyKind: 'county_government', departmentCode: 'county-gov' });
    expect(checkStatement(againstCounty, county, '申辩', at('2025-09-26T10:00:00+08:00'))).toBeNull();
  });
});

describe('the decision', () => {
  const awaiting = finding({ stage: 'awaiting_finding_decision' });

  it('is the supervisor’s: the authority on 政务部门, the county government on the authority, no one here on the county government', () => {
    expect(deciderOf('department')).toBe('authority_reviewer');
    expect(deciderOf('authority')).toBe('county_government');
    expect(deciderOf('county_government')).toBeNull();
    expect(checkDecision(awaiting, reviewer, '理由')).toBeNull();
    expect(checkDecision(awaiting, county, '理由')?.code).toBe('NOT_FINDING_DECIDER');
    const againstAuthority = finding({ partyKind: 'authority', departmentCode: 'county-data', stage: 'awaiting_finding_decision' });
    expect(checkDecision(againstAuthority, reviewer, '理由')?.message).toBe(
      '只有被认定方的监督主体可以认定或撤销该违规：主管部门不认定针对本部门的违规，由县人民政府认定',
    );
    expect(checkDecision(againstAuthority, county, '理由')).toBeNull();
    expect(checkDecision(finding({ partyKind: 'county_government', stage: 'awaiting_finding_decision' }), county, '理由')?.code).toBe(
      'NOT_FINDING_DECIDER',
    );
  });

  it('waits for the statement or the period’s end, needs a reason, and is taken once', () => {
    expect(checkDecision(finding(), reviewer, '理由')?.code).toBe('FINDING_DECISION_NOT_YET');
    expect(checkDecision(awaiting, reviewer, ' ')?.code).toBe('REASON_REQUIRED');
    expect(checkDecision(finding({ stage: 'finding_annulled', status: 'annulled' }), reviewer, '理由')?.code).toBe(
      'FINDING_ALREADY_DECIDED',
    );
  });
});

describe('what a statement and the period’s end lead to', () => {
  it('a statement goes to the decider at once, except for the county government (reported to the city)', () => {
    expect(afterStatement({ partyKind: 'department' })).toBe('await_decision');
    expect(afterStatement({ partyKind: 'authority' })).toBe('await_decision');
    expect(afterStatement({ partyKind: 'county_government' })).toBe('keep_period');
  });

  it('confirms uncontested automatic findings and county-government findings by lapse; registered ones wait for the authority', () => {
    const statement = { statement: '申辩', filedBy: 'u1', filedAt: '2025-09-26T02:00:00Z' };
    expect(afterStatementPeriod({ partyKind: 'department', origin: 'automatic' })).toBe('confirm');
    expect(afterStatementPeriod({ partyKind: 'department', origin: 'automatic', statement })).toBe('await_decision');
    expect(afterStatementPeriod({ partyKind: 'department', origin: 'registered' })).toBe('await_decision');
    expect(afterStatementPeriod({ partyKind: 'county_government', origin: 'automatic', statement })).toBe('confirm');
  });
});

describe('registration', () => {
  it('registers the twelve conduct items of 第四十九条(一)–(七) and 第五十条(一)–(五) against a 政务部门', () => {
    expect(REGISTRABLE_FINDING_KINDS.map((k) => FINDING_INFO[k].article)).toEqual([
      '第四十九条(一)',
      '第四十九条(二)',
      '第四十九条(三)',
      '第四十九条(四)',
      '第四十九条(五)',
      '第四十九条(六)',
      '第四十九条(七)',
      '第五十条(一)',
      '第五十条(二)',
      '第五十条(三)',
      '第五十条(四)',
      '第五十条(五)',
    ]);
    // 第五十一条 orders rectification of 第四十九条 conduct only.
    expect(responsibilityOf('conduct_49_7')).toMatchObject({ partyKind: 'department', supervisor: 'authority', rectifiable: true });
    expect(responsibilityOf('conduct_50_4')).toMatchObject({ partyKind: 'department', findingClass: 'violation', rectifiable: false });
  });

  it('refuses the authority, the county government, an inactive or unknown department, and blank facts or evidence', () => {
    expect(checkRegistrationTarget({ kind: 'department', active: true })).toBeNull();
    expect(checkRegistrationTarget({ kind: 'authority', active: true })?.code).toBe('FINDING_TARGET_NOT_DEPARTMENT');
    expect(checkRegistrationTarget({ kind: 'county_government', active: true })?.code).toBe('FINDING_TARGET_NOT_DEPARTMENT');
    expect(checkRegistrationTarget({ kind: 'department', active: false })?.code).toBe('FINDING_TARGET_NOT_DEPARTMENT');
    expect(checkRegistrationTarget(null)?.code).toBe('UNKNOWN_DEPARTMENT');
    expect(checkRegistration({ facts: '事实', evidence: ['记录'], basis: '依据' })).toBeNull();
    expect(checkRegistration({ facts: ' ', evidence: ['记录'], basis: '依据' })?.code).toBe('FINDING_FACTS_REQUIRED');
    expect(checkRegistration({ facts: '事实', evidence: [' '], basis: '依据' })?.code).toBe('FINDING_FACTS_REQUIRED');
  });
});
