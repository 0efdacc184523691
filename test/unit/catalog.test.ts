import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  type CatalogEntry,
  type CatalogMetadata,
  checkAgainstCatalog,
  checkChanges,
  checkMetadata,
  deriveResponsibilityList,
  diffCatalogs,
} from '../../domain/catalog';
import { checkReview, checkSubmission, type CatalogUpdateState, deadlineInForce, turnOf } from '../../domain/catalog-update';
import type { Deadline } from '../../domain/deadline';
import type { Actor } from '../../domain/roles';

const meta: CatalogMetadata = {
  name: '市场主体登记信息',
  dataItems: ['统一社会信用代码', '名称'],
  summary: '登记信息',
  encodingFormat: 'JSON',
  sharingType: 'unconditional',
  sharingBasis: null,
  sharingMethod: '接口',
  updateFrequency: '实时',
  securityLevel: '内部',
  usageRequirements: '履职使用',
  updateCycle: '每日',
  baseDatabase: null,
};
const entry = (code: string, over: Partial<CatalogEntry> = {}): CatalogEntry => ({
  ...meta,
  code,
  departmentCode: 'market',
  status: 'active',
  version: 1,
  ...over,
});

describe('checkMetadata (第三十条)', () => {
  it('conditional and not_shared need a basis; unconditional does not', () => {
    expect(checkMetadata(meta)).toBeNull();
    expect(checkMetadata({ ...meta, sharingType: 'conditional' })?.code).toBe('SHARING_BASIS_REQUIRED');
    expect(checkMetadata({ ...meta, sharingType: 'not_shared', sharingBasis: '  ' })?.code).toBe('SHARING_BASIS_REQUIRED');
    expect(checkMetadata({ ...meta, sharingType: 'not_shared', sharingBasis: '《保守国家秘密法》' })).toBeNull();
  });

  it('names the sharing type and the base database in Chinese, never by code (issue 15)', () => {
    expect(checkMetadata({ ...meta, sharingType: 'conditional' })?.message).toBe(
      '有条件共享或不予共享的资源必须注明法律、行政法规或国家、市级政策依据（第三十条）：共享类型为有条件共享',
    );
    expect(checkMetadata({ ...meta, baseDatabase: 'legal_person', sharingType: 'not_shared', sharingBasis: '某政策' })?.message).toBe(
      '基础数据库的基础信息项应当无条件共享（第三十条）：所属基础数据库为法人单位基础信息库',
    );
  });

  it('base-database items are always unconditional, even with a basis', () => {
    expect(checkMetadata({ ...meta, baseDatabase: 'legal_person' })).toBeNull();
    expect(checkMetadata({ ...meta, baseDatabase: 'legal_person', sharingType: 'conditional', sharingBasis: '某政策' })?.code).toBe(
      'BASE_DATA_MUST_BE_UNCONDITIONAL',
    );
  });

  it('data items are not repeated', () => {
    expect(checkMetadata({ ...meta, dataItems: ['名称', '名称'] })?.code).toBe('DATA_ITEMS_DUPLICATE');
  });
});

describe('checkChanges and checkAgainstCatalog', () => {
  it('an application has at least one change, each code once, withdrawals give reasons; the breach names its index', () => {
    expect(checkChanges([])?.code).toBe('CHANGES_REQUIRED');
    const twice = checkChanges([
      { action: 'add', code: 'A', entry: meta },
      { action: 'withdraw', code: 'A', baseVersion: 1, reason: '停止' },
    ]);
    expect(twice).toMatchObject({ code: 'CATALOG_CODE_DUPLICATE', index: 1 });
    expect(checkChanges([{ action: 'withdraw', code: 'A', baseVersion: 1, reason: '' }])).toMatchObject({
      code: 'REASON_REQUIRED',
      index: 0,
    });
    const bad = checkChanges([
      { action: 'add', code: 'A', entry: meta },
      { action: 'change', code: 'B', baseVersion: 1, entry: { ...meta, sharingType: 'conditional' } },
    ]);
    expect(bad).toMatchObject({ code: 'SHARING_BASIS_REQUIRED', index: 1 });
    expect(bad?.message).toMatch(/^B：/);
  });

  it('codes are unique county-wide; edits name an active entry of the department at its current version', () => {
    const current = new Map([
      ['MKT-001', entry('MKT-001', { version: 2 })],
      ['CIV-001', entry('CIV-001', { departmentCode: 'civil' })],
      ['MKT-009', entry('MKT-009', { status: 'withdrawn' })],
    ]);
    expect(checkAgainstCatalog('market', [{ action: 'add', code: 'CIV-001', entry: meta }], current)?.code).toBe('CATALOG_CODE_DUPLICATE');
    expect(checkAgainstCatalog('market', [{ action: 'change', code: 'CIV-001', baseVersion: 1, entry: meta }], current)?.code).toBe(
      'CATALOG_ENTRY_UNKNOWN',
    );
    expect(checkAgainstCatalog('market', [{ action: 'withdraw', code: 'MKT-009', baseVersion: 1, reason: 'x' }], current)?.code).toBe(
      'CATALOG_ENTRY_UNKNOWN',
    );
    expect(checkAgainstCatalog('market', [{ action: 'change', code: 'NOPE', baseVersion: 1, entry: meta }], current)?.code).toBe(
      'CATALOG_ENTRY_UNKNOWN',
    );
    const stale = checkAgainstCatalog(
      'market',
      [
        { action: 'add', code: 'MKT-002', entry: meta },
        { action: 'change', code: 'MKT-001', baseVersion: 1, entry: meta },
      ],
      current,
    );
    expect(stale).toMatchObject({ code: 'CATALOG_ENTRY_CONFLICT', index: 1 });
    expect(stale?.message).toContain('第 1 版，目录中已是第 2 版');
    expect(checkAgainstCatalog('market', [{ action: 'change', code: 'MKT-001', baseVersion: 2, entry: meta }], current)).toBeNull();
  });

  it('applyChanges: added at version 1, changed and withdrawn at the next version', () => {
    const current = new Map([['MKT-001', entry('MKT-001', { version: 2 })]]);
    const out = applyChanges(
      'market',
      [
        { action: 'add', code: 'MKT-005', entry: meta },
        { action: 'withdraw', code: 'MKT-001', baseVersion: 2, reason: '职能划出' },
      ],
      current,
    );
    expect(out).toEqual([entry('MKT-005'), entry('MKT-001', { version: 3, status: 'withdrawn' })]);
  });
});

describe('diffCatalogs', () => {
  it('lists added, removed and changed entries, with each changed field before and after', () => {
    const v1 = [entry('A'), entry('B'), entry('C')];
    const v3 = [entry('A'), entry('C', { version: 2, name: '新名称', dataItems: ['名称'] }), entry('D')];
    const d = diffCatalogs(1, v1, 3, v3);
    expect(d.added.map((e) => e.code)).toEqual(['D']);
    expect(d.removed.map((e) => e.code)).toEqual(['B']);
    expect(d.changed).toEqual([
      {
        code: 'C',
        fromVersion: 1,
        toVersion: 2,
        fields: [
          { field: 'name', before: '市场主体登记信息', after: '新名称' },
          { field: 'dataItems', before: ['统一社会信用代码', '名称'], after: ['名称'] },
        ],
      },
    ]);
    expect(diffCatalogs(3, v3, 3, v3)).toMatchObject({ added: [], removed: [], changed: [] });
  });
});

describe('deriveResponsibilityList (第十七条)', () => {
  it('one duty per active entry of the department, by code', () => {
    const list = deriveResponsibilityList(
      [entry('M2'), entry('M1', { updateCycle: '每月' }), entry('C1', { departmentCode: 'civil' }), entry('M3', { status: 'withdrawn' })],
      'market',
    );
    expect(list).toEqual([
      {
        code: 'M1',
        name: meta.name,
        dataItems: meta.dataItems,
        updateFrequency: '实时',
        updateCycle: '每月',
        securityLevel: '内部',
        sharingType: 'unconditional',
      },
      {
        code: 'M2',
        name: meta.name,
        dataItems: meta.dataItems,
        updateFrequency: '实时',
        updateCycle: '每日',
        securityLevel: '内部',
        sharingType: 'unconditional',
      },
    ]);
  });
});

describe('catalog update rules (第十八条)', () => {
  const dl = (due: string): Deadline => ({ due, endsAt: `${due}T24:00`, warningAt: due, provisional: false, calendarVersion: 'v' });
  const staff: Actor = { userId: 'u1', role: 'department_staff', departmentCode: 'market' };
  const head: Actor = { userId: 'u2', role: 'department_head', departmentCode: 'market' };
  const other: Actor = { userId: 'u3', role: 'department_staff', departmentCode: 'civil' };
  const reviewer: Actor = { userId: 'u4', role: 'authority_reviewer', departmentCode: 'county-data' };
  const add = [{ action: 'add' as const, code: 'X', entry: meta }];
  const state = (over: Partial<CatalogUpdateState> = {}): CatalogUpdateState => ({
    changeId: 'c',
    departmentCode: 'market',
    changeDate: '2025-09-26',
    stage: 'awaiting_application',
    submissionDeadline: dl('2025-10-16'),
    submissions: [],
    ...over,
  });
  const submitted = state({
    stage: 'under_review',
    submissions: [
      { n: 1, changes: add, submittedBy: 'u1', submittedAt: '', receivedOn: '2025-10-10', late: false, reviewDeadline: dl('2025-10-16b') },
    ],
  });

  it('only the owning department submits, on its turn, with valid changes', () => {
    expect(checkSubmission(state(), staff, add)).toBeNull();
    expect(checkSubmission(state({ stage: 'returned' }), head, add)).toBeNull();
    expect(checkSubmission(state(), other, add)?.code).toBe('FORBIDDEN_DEPARTMENT');
    expect(checkSubmission(state(), reviewer, add)?.code).toBe('FORBIDDEN_DEPARTMENT');
    expect(checkSubmission(submitted, staff, add)?.code).toBe('APPLICATION_UNDER_REVIEW');
    expect(checkSubmission(state({ stage: 'approved' }), staff, add)?.code).toBe('PROCESS_CLOSED');
    expect(checkSubmission(state(), staff, [])?.code).toBe('CHANGES_REQUIRED');
  });

  it('only authority_reviewer reviews an application under review; a return needs reasons', () => {
    expect(checkReview(submitted, reviewer, { approve: true })).toBeNull();
    expect(checkReview(submitted, head, { approve: true })?.code).toBe('NOT_AUTHORITY_REVIEWER');
    expect(checkReview(state(), reviewer, { approve: true })?.code).toBe('NO_APPLICATION_UNDER_REVIEW');
    expect(checkReview(submitted, reviewer, { approve: false, reason: ' ' })?.code).toBe('REASON_REQUIRED');
  });

  it('the deadline in force: the review deadline while under review, the department deadline otherwise', () => {
    expect(deadlineInForce(submitted).due).toBe('2025-10-16b');
    expect(deadlineInForce({ ...submitted, stage: 'returned' }).due).toBe('2025-10-16');
  });

  it('who answers for the deadline in force (SPEC §3.1, §6): the department first, the authority while it reviews, the department again under the resubmission period', () => {
    expect(turnOf(state())).toMatchObject({ key: 'submission', finding: 'catalog_submission_overdue', party: 'department' });
    expect(turnOf(submitted)).toMatchObject({
      key: 'review-1',
      deadline: { due: '2025-10-16b' },
      finding: 'catalog_review_overdue_1',
      party: 'authority',
    });
    const returned = state({
      stage: 'returned',
      submissions: [{ ...submitted.submissions[0]!, resubmissionDeadline: dl('2025-10-27') }],
    });
    // A timely first application met 第十八条第一款: after the return the department answers to the
    // authority's resubmission period, a timeliness finding, not 第四十九条(八) on the expired 10 days.
    expect(turnOf(returned)).toMatchObject({
      key: 'resubmission-1',
      deadline: { due: '2025-10-27' },
      finding: 'catalog_resubmission_overdue_1',
      party: 'department',
    });
    expect(deadlineInForce(returned).due).toBe('2025-10-27');
    // A return recorded before the resubmission period (no resubmissionDeadline) keeps the 10 days from D.
    expect(turnOf({ ...submitted, stage: 'returned' })).toMatchObject({ key: 'submission', finding: 'catalog_submission_overdue' });
  });
});

describe('issue 14 item 7: codes without case, names without hidden characters', () => {
  it('an added code equal but for case to one in the catalog, or to another in the application, is refused', () => {
    const current = new Map([['MKT-001', entry('MKT-001')]]);
    expect(checkAgainstCatalog('market', [{ action: 'add', code: 'mkt-001', entry: meta }], current)).toMatchObject({
      code: 'CATALOG_CODE_DUPLICATE',
      message: expect.stringContaining('MKT-001'),
      index: 0,
    });
    const twice = checkChanges([
      { action: 'add', code: 'MKT-009', entry: meta },
      { action: 'add', code: 'mkt-009', entry: meta },
    ]);
    expect(twice).toMatchObject({ code: 'CATALOG_CODE_DUPLICATE', index: 1 });
  });

  it.each([
    ['a right-to-left override in the name', { name: '市场\u202E主体' }, '资源名称'],
    ['a zero-width space in the name', { name: '市场\u200B主体' }, '资源名称'],
    ['a line break in a data item', { dataItems: ['名称', '住\n所'] }, '数据项'],
    ['a tab in a data item', { dataItems: ['名称\t'] }, '数据项'],
  ])('%s is refused as NAME_INVALID', (_, over, what) => {
    expect(checkMetadata({ ...meta, ...over })).toMatchObject({ code: 'NAME_INVALID', message: expect.stringContaining(what) });
  });
});
