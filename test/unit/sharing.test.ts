// 第二十六条, 第二十九条 to 第三十二条 as pure rules: the first answer by sharing type, who decides
// what and when, who sees what.
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../domain/catalog';
import {
  allAgree,
  awaitingPosition,
  checkConflictCase,
  checkConflictDecision,
  checkPosition,
  type ConflictState,
} from '../../domain/conflict';
import type { Deadline } from '../../domain/deadline';
import type { Actor } from '../../domain/roles';
import {
  canSeeGrant,
  canSeeDispute,
  canSeeSharing,
  checkDecisionWorkingDays,
  checkDispute,
  checkDisputeDecision,
  checkProviderDecision,
  checkReferral,
  checkRevocation,
  checkSharingRequest,
  type DisputeState,
  grantedItems,
  initialAnswer,
  type SharingRequestState,
} from '../../domain/sharing';

const actor = (role: Actor['role'], departmentCode: string | null = null): Actor => ({
  userId: `u-${role}-${departmentCode}`,
  role,
  departmentCode,
});
const civil = actor('department_staff', 'civil');
const market = actor('department_staff', 'market');
const reviewer = actor('authority_reviewer', 'county-data');
const county = actor('county_government', 'county-gov');
const auditor = actor('auditor');

const deadline: Deadline = {
  due: '2025-10-10',
  endsAt: '2025-10-11T00:00:00+08:00',
  warningAt: '2025-10-09T00:00:00+08:00',
  provisional: false,
  calendarVersion: 'v',
};
const entry: CatalogEntry = {
  code: 'MKT-002',
  departmentCode: 'market',
  status: 'active',
  version: 1,
  name: '行政处罚信息',
  dataItems: ['统一社会信用代码', '处罚类别', '处罚日期'],
  summary: '',
  encodingFormat: '',
  sharingType: 'conditional',
  sharingBasis: '《优化营商环境条例》',
  sharingMethod: '',
  updateFrequency: '',
  securityLevel: '',
  usageRequirements: '',
  updateCycle: '',
  baseDatabase: null,
};
const draft = { requesterDepartment: 'civil', dataItems: ['处罚类别'], purpose: '登记审查', duty: '社会组织登记管理' };
const request = (over: Partial<SharingRequestState> = {}): SharingRequestState => ({
  requestId: 'GX-1',
  requesterDepartment: 'civil',
  providerDepartment: 'market',
  resourceCode: 'MKT-002',
  requestedItems: ['统一社会信用代码', '处罚类别'],
  receivedOn: '2025-09-26',
  decisionWorkingDays: 5,
  stage: 'awaiting_sharing_decision',
  deadline,
  ...over,
});
const dispute = (over: Partial<DisputeState> = {}): DisputeState => ({
  disputeId: 'YY-1',
  requestId: 'GX-1',
  requesterDepartment: 'civil',
  providerDepartment: 'market',
  requestedItems: ['统一社会信用代码', '处罚类别'],
  filedOn: '2025-09-26',
  stage: 'dispute_coordinating',
  deadline,
  ...over,
});
const code = (e: { code: string } | null) => e?.code ?? null;

describe('sharing request (第二十九条, 第三十一条, 第四十九条(四)(五))', () => {
  it('answers by sharing type: unconditional granted, conditional pending, not_shared refused citing the basis', () => {
    expect(initialAnswer('unconditional', null, ['名称'])).toEqual({ status: 'granted', dataItems: ['名称'] });
    expect(initialAnswer('conditional', '某条例', ['名称'])).toEqual({ status: 'pending' });
    expect(initialAnswer('not_shared', '《保守国家秘密法》', ['名称'])).toEqual({
      status: 'refused',
      reason: '该资源不予共享，依据：《保守国家秘密法》',
    });
  });

  it('refuses its own resource, unknown or withdrawn entries, unknown or repeated items, and a missing purpose or duty', () => {
    expect(checkSharingRequest(entry, draft)).toBeNull();
    expect(code(checkSharingRequest(null, draft))).toBe('CATALOG_ENTRY_UNKNOWN');
    expect(code(checkSharingRequest({ ...entry, status: 'withdrawn' }, draft))).toBe('CATALOG_ENTRY_UNKNOWN');
    expect(code(checkSharingRequest(entry, { ...draft, requesterDepartment: 'market' }))).toBe('SHARING_OWN_RESOURCE');
    expect(code(checkSharingRequest(entry, { ...draft, dataItems: ['身高'] }))).toBe('SHARING_ITEMS_UNKNOWN');
    expect(code(checkSharingRequest(entry, { ...draft, dataItems: ['处罚类别', '处罚类别'] }))).toBe('DATA_ITEMS_DUPLICATE');
    expect(code(checkSharingRequest(entry, { ...draft, purpose: '  ' }))).toBe('SHARING_PURPOSE_REQUIRED');
    expect(code(checkSharingRequest(entry, { ...draft, duty: '' }))).toBe('SHARING_PURPOSE_REQUIRED');
  });

  it('the decision period the authority sets is 1–20 working days', () => {
    expect(checkDecisionWorkingDays(5)).toBeNull();
    expect(code(checkDecisionWorkingDays(0))).toBe('SHARING_DEADLINE_RANGE');
    expect(code(checkDecisionWorkingDays(21))).toBe('SHARING_DEADLINE_RANGE');
    expect(code(checkDecisionWorkingDays(2.5))).toBe('SHARING_DEADLINE_RANGE');
  });

  it('only the provider decides, once; a partial approval is a proper subset; a refusal has a reason', () => {
    expect(checkProviderDecision(request(), market, { decision: 'approve' })).toBeNull();
    expect(code(checkProviderDecision(request(), civil, { decision: 'approve' }))).toBe('NOT_PROVIDER');
    expect(code(checkProviderDecision(request(), reviewer, { decision: 'approve' }))).toBe('NOT_PROVIDER');
    expect(code(checkProviderDecision(request({ stage: 'granted' }), market, { decision: 'approve' }))).toBe('PROCESS_CLOSED');
    expect(code(checkProviderDecision(request(), market, { decision: 'refuse' }))).toBe('REASON_REQUIRED');
    expect(checkProviderDecision(request(), market, { decision: 'approve_in_part', dataItems: ['处罚类别'] })).toBeNull();
    for (const dataItems of [[], ['统一社会信用代码', '处罚类别'], ['处罚日期'], undefined]) {
      expect(code(checkProviderDecision(request(), market, { decision: 'approve_in_part', dataItems }))).toBe('SHARING_PARTIAL_ITEMS');
    }
  });

  it('grants all requested items, the named part, or none', () => {
    const requested = ['a', 'b'];
    expect(grantedItems(requested, { decision: 'approve' })).toEqual(['a', 'b']);
    expect(grantedItems(requested, { decision: 'approve_in_part', dataItems: ['b'] })).toEqual(['b']);
    expect(grantedItems(requested, { decision: 'refuse' })).toEqual([]);
    expect(grantedItems(requested, { decision: 'overturned' })).toEqual(['a', 'b']);
    expect(grantedItems(requested, { decision: 'overturned', dataItems: ['a'] })).toEqual(['a']);
    expect(grantedItems(requested, { decision: 'upheld' })).toEqual([]);
  });
});

describe('disputes (第三十二条) and grants', () => {
  it('SPEC §3.7: a partial grant is disputable; overturning it may only widen what was granted', () => {
    const partial = { status: 'granted_in_part' as const, requesterDepartment: 'civil', disputed: false };
    expect(checkDispute(partial, civil, '需要全部数据项')).toBeNull();
    const widening = dispute({ grantedBefore: ['统一社会信用代码'] });
    expect(
      checkDisputeDecision(widening, reviewer, { outcome: 'overturned', dataItems: ['统一社会信用代码', '处罚类别'], reason: '应共享' }),
    ).toBeNull();
    expect(checkDisputeDecision(widening, reviewer, { outcome: 'overturned', dataItems: ['处罚类别'], reason: '应共享' })).toMatchObject({
      code: 'DISPUTE_ITEMS_NARROWER',
      message: expect.stringContaining('统一社会信用代码'),
    });
    expect(checkDisputeDecision(widening, reviewer, { outcome: 'upheld', reason: '维持部分同意' })).toBeNull();
  });

  it('only the requester disputes, only a refusal, once, with grounds', () => {
    const refused = { status: 'refused' as const, requesterDepartment: 'civil', disputed: false };
    expect(checkDispute(refused, civil, '法定职责')).toBeNull();
    expect(code(checkDispute(refused, market, '法定职责'))).toBe('NOT_REQUESTER');
    expect(code(checkDispute({ ...refused, status: 'granted' }, civil, '法定职责'))).toBe('DISPUTE_NOT_REFUSED');
    expect(code(checkDispute({ ...refused, disputed: true }, civil, '法定职责'))).toBe('DISPUTE_EXISTS');
    expect(code(checkDispute(refused, civil, ' '))).toBe('REASON_REQUIRED');
  });

  it('the authority refers while it coordinates; after a referral only the county government decides', () => {
    expect(checkReferral(dispute(), reviewer, '分歧')).toBeNull();
    expect(code(checkReferral(dispute(), county, '分歧'))).toBe('FORBIDDEN_ROLE_STEP');
    expect(code(checkReferral(dispute(), reviewer, ''))).toBe('REASON_REQUIRED');
    const referred = dispute({ stage: 'dispute_referred', referral: { by: 'r', at: '2025-10-14T02:00:00Z', reason: '分歧' } });
    expect(code(checkReferral(referred, reviewer, '再报'))).toBe('DISPUTE_STAGE');
    expect(checkDisputeDecision(dispute(), reviewer, { outcome: 'upheld', reason: '维持' })).toBeNull();
    expect(code(checkDisputeDecision(dispute(), county, { outcome: 'upheld', reason: '维持' }))).toBe('FORBIDDEN_ROLE_STEP');
    expect(checkDisputeDecision(referred, county, { outcome: 'overturned', reason: '应共享' })).toBeNull();
    expect(code(checkDisputeDecision(referred, reviewer, { outcome: 'overturned', reason: '应共享' }))).toBe('FORBIDDEN_ROLE_STEP');
    expect(code(checkDisputeDecision(referred, county, { outcome: 'overturned', dataItems: ['处罚日期'], reason: '应共享' }))).toBe(
      'SHARING_PARTIAL_ITEMS',
    );
  });

  it('requests are seen by requester, provider, authority and auditors; disputes also by the county government once referred', () => {
    const r = { requesterDepartment: 'civil', providerDepartment: 'market' };
    expect([civil, market, reviewer, auditor, county, actor('department_staff', 'tax')].map((a) => canSeeSharing(a, r))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(canSeeDispute(county, { ...r, referred: false })).toBe(false);
    expect(canSeeDispute(county, { ...r, referred: true })).toBe(true);
    expect(canSeeDispute(actor('department_head', 'tax'), { ...r, referred: true })).toBe(false);
  });

  it('a grant is revoked by its provider or the authority, once, with a reason', () => {
    const g = { providerDepartment: 'market', revokedAt: null, orderedRole: null };
    expect(checkRevocation(g, market, '用途已结束')).toBeNull();
    expect(checkRevocation(g, reviewer, '违规使用')).toBeNull();
    expect(code(checkRevocation(g, civil, '不要了'))).toBe('NOT_PROVIDER');
    expect(code(checkRevocation({ ...g, revokedAt: new Date() }, market, '再撤'))).toBe('GRANT_ALREADY_REVOKED');
    expect(code(checkRevocation(g, market, ' '))).toBe('REASON_REQUIRED');
  });

  it('SPEC §3.7: a grant ordered in a dispute is revoked only by whoever ordered it; the provider is told who', () => {
    const byCounty = {
      requesterDepartment: 'civil',
      providerDepartment: 'market',
      revokedAt: null,
      orderedRole: 'county_government' as const,
    };
    const refusal = checkRevocation(byCounty, market, '不再提供');
    expect(refusal).toMatchObject({ code: 'GRANT_ORDERED_BY_DISPUTE', message: expect.stringContaining('只能由县人民政府撤销') });
    expect(code(checkRevocation(byCounty, reviewer, '违规使用'))).toBe('GRANT_ORDERED_BY_DISPUTE');
    expect(checkRevocation(byCounty, county, '情况变化')).toBeNull();
    const byAuthority = { ...byCounty, orderedRole: 'authority_reviewer' as const };
    expect(checkRevocation(byAuthority, reviewer, '违规使用')).toBeNull();
    expect(checkRevocation(byAuthority, market, '不再提供')).toMatchObject({ message: expect.stringContaining('只能由主管部门撤销') });
    expect(canSeeGrant(county, byCounty)).toBe(true);
    expect(canSeeGrant(county, { ...byAuthority })).toBe(false);
  });
});

describe('conflicts (第二十六条)', () => {
  const known = { departments: new Set(['market', 'civil', 'tax']), entries: new Map([['MKT-001', { dataItems: ['住所', '名称'] }]]) };
  const c = { departments: ['market', 'civil'], resources: [{ code: 'MKT-001', dataItems: ['住所'] }], description: '住所不一致' };
  const state = (over: Partial<ConflictState> = {}): ConflictState => ({
    conflictId: 'CT-1',
    departments: ['market', 'civil'],
    openedOn: '2025-09-26',
    stage: 'conflict_negotiating',
    deadline,
    positions: {},
    ...over,
  });

  it('a case names two or more known departments, the opener among them (or the authority), and real items', () => {
    expect(checkConflictCase(market, c, known)).toBeNull();
    expect(checkConflictCase(reviewer, c, known)).toBeNull();
    expect(code(checkConflictCase(actor('department_staff', 'tax'), c, known))).toBe('FORBIDDEN_DEPARTMENT');
    expect(code(checkConflictCase(market, { ...c, departments: ['market'] }, known))).toBe('CONFLICT_DEPARTMENTS');
    expect(code(checkConflictCase(market, { ...c, departments: ['market', 'market'] }, known))).toBe('CONFLICT_DEPARTMENTS');
    expect(code(checkConflictCase(market, { ...c, departments: ['market', 'nowhere'] }, known))).toBe('CONFLICT_DEPARTMENTS');
    expect(code(checkConflictCase(market, { ...c, resources: [] }, known))).toBe('CONFLICT_RESOURCES');
    expect(code(checkConflictCase(market, { ...c, resources: [{ code: 'XXX', dataItems: ['住所'] }] }, known))).toBe(
      'CATALOG_ENTRY_UNKNOWN',
    );
    expect(code(checkConflictCase(market, { ...c, resources: [{ code: 'MKT-001', dataItems: ['身高'] }] }, known))).toBe(
      'CONFLICT_RESOURCES',
    );
    expect(code(checkConflictCase(market, { ...c, description: ' ' }, known))).toBe('REASON_REQUIRED');
  });

  it('parties record positions while negotiating; agreement needs every party; the authority decides only afterwards', () => {
    expect(checkPosition(state(), civil, '同意')).toBeNull();
    expect(code(checkPosition(state(), reviewer, '同意'))).toBe('NOT_CONFLICT_PARTY');
    expect(code(checkPosition(state({ stage: 'conflict_coordinating' }), civil, '同意'))).toBe('CONFLICT_STAGE');
    expect(code(checkPosition(state({ stage: 'agreed' }), civil, '同意'))).toBe('PROCESS_CLOSED');
    const p = (departmentCode: string, agrees: boolean) => ({ departmentCode, position: 'x', agrees, by: 'u', at: 't' });
    expect(allAgree(state({ positions: { market: p('market', true) } }))).toBe(false);
    expect(awaitingPosition(state({ positions: { market: p('market', true), civil: p('civil', false) } }))).toEqual(['civil']);
    expect(allAgree(state({ positions: { market: p('market', true), civil: p('civil', true) } }))).toBe(true);
    expect(code(checkConflictDecision(state(), reviewer, '以市场监管为准'))).toBe('CONFLICT_STAGE');
    expect(checkConflictDecision(state({ stage: 'conflict_coordinating' }), reviewer, '以市场监管为准')).toBeNull();
    expect(code(checkConflictDecision(state({ stage: 'conflict_coordinating' }), market, '以市场监管为准'))).toBe('FORBIDDEN_ROLE_STEP');
  });
});
