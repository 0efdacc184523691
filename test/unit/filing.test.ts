// 第十八条, 第二十三条: the rules of filing a correction and registering a catalog change, and
// who sees a correction or a data conflict. Literal expectations: code, message, fields.
import { describe, expect, it } from 'vitest';
import { checkRegistration, registeringDepartment } from '../../domain/catalog-update';
import { canSeeConflict } from '../../domain/conflict';
import { canSeeCorrection, checkFiling, type Filing, type FilingContext } from '../../domain/correction';
import type { Actor } from '../../domain/roles';

const staff: Actor = { userId: 'u-staff', role: 'department_staff', departmentCode: 'market' };
const civil: Actor = { userId: 'u-civil', role: 'department_staff', departmentCode: 'civil' };
const reviewer: Actor = { userId: 'u-reviewer', role: 'authority_reviewer', departmentCode: 'authority' };
const auditor: Actor = { userId: 'u-auditor', role: 'auditor', departmentCode: null };
const applicant: Actor = { userId: 'u-applicant', role: 'applicant', departmentCode: null };

const filing: Filing = {
  filer: applicant,
  // the company's own account, as the identity platform verified it
  filerIdentity: '91350100M000100Y43',
  subject: { kind: 'organisation', idNumber: '91350100M000100Y43' },
  departmentCode: 'market',
  resourceCode: 'MKT-001',
  dataItems: ['住所'],
  receivedOn: '2025-09-01',
};
const context: FilingContext = {
  today: '2025-09-01',
  department: { code: 'market', active: true, kind: 'department' },
  resource: { code: 'MKT-001', status: 'active', departmentCode: 'market', dataItems: ['名称', '住所'] },
};

describe('checkFiling (第二十三条)', () => {
  it('accepts a filing received today, naming an active entry of an active department and its items', () => {
    expect(checkFiling(filing, context)).toBeNull();
    expect(checkFiling({ ...filing, filer: staff, receivedOn: '2025-08-29' }, context)).toBeNull();
  });

  it('holds an applicant to its own matters: another subject needs an authorisation; officials file on anyone (SPEC §7)', () => {
    const aboutSomeoneElse = { ...filing, subject: { kind: 'person' as const, idNumber: '11010519491231002X' } };
    expect(checkFiling(aboutSomeoneElse, context)).toEqual({
      code: 'APPLICANT_NOT_SUBJECT',
      message: '申请人只能就本人（本单位）的数据提出异议；代他人提出的，须注明授权委托书等材料',
      fields: [{ path: 'agent.authorisation', message: '代他人提出须提供授权委托材料' }],
    });
    expect(checkFiling({ ...aboutSomeoneElse, filerIdentity: null }, context)?.code).toBe('APPLICANT_NOT_SUBJECT');
    expect(checkFiling({ ...aboutSomeoneElse, agent: { authorisation: '  ' } }, context)?.code).toBe('APPLICANT_NOT_SUBJECT');
    expect(checkFiling({ ...aboutSomeoneElse, agent: { authorisation: '授权委托书（2025）第 12 号' } }, context)).toBeNull();
    // the check character X is the same person whichever case it is typed in
    expect(checkFiling({ ...aboutSomeoneElse, filerIdentity: '11010519491231002x' }, context)).toBeNull();
    expect(checkFiling({ ...aboutSomeoneElse, filer: staff, filerIdentity: undefined }, context)).toBeNull();
  });

  it('refuses a subject number that fails its check character, on subject.idNumber', () => {
    expect(checkFiling({ ...filing, subject: { kind: 'organisation', idNumber: '91350100M000100Y42' } }, context)).toEqual({
      code: 'USCC_CHECK_DIGIT',
      message: '统一社会信用代码校验位错误，应为 3',
      fields: [{ path: 'subject.idNumber', message: '统一社会信用代码校验位错误，应为 3' }],
    });
    expect(checkFiling({ ...filing, subject: { kind: 'person', idNumber: '110105194912310021' } }, context)?.code).toBe('ID_CHECK_DIGIT');
  });

  it('refuses a received date after today, and an applicant naming any day but today', () => {
    expect(checkFiling({ ...filing, filer: staff, receivedOn: '2025-09-02' }, context)).toEqual({
      code: 'RECEIVED_IN_FUTURE',
      message: '收到日期不得晚于今天（2025-09-01）',
      fields: [{ path: 'receivedOn', message: '不得晚于今天' }],
    });
    expect(checkFiling({ ...filing, receivedOn: '2025-08-29' }, context)).toEqual({
      code: 'RECEIVED_ON_NOT_ALLOWED',
      message: '申请人提交的异议以今天为收到日期，不可指定',
      fields: [{ path: 'receivedOn', message: '申请人不可指定' }],
    });
  });

  it('refuses an unknown or inactive department, an entry of another department, an item the entry lacks', () => {
    expect(checkFiling(filing, { ...context, department: null })).toEqual({
      code: 'UNKNOWN_DEPARTMENT',
      message: '数据提供部门不存在：market',
      fields: [{ path: 'departmentCode', message: '部门不存在' }],
    });
    expect(checkFiling(filing, { ...context, department: { code: 'market', active: true, kind: 'authority' } })?.code).toBe(
      'UNKNOWN_DEPARTMENT',
    );
    expect(checkFiling(filing, { ...context, resource: { ...context.resource!, departmentCode: 'civil' } })).toEqual({
      code: 'UNKNOWN_RESOURCE',
      message: '该部门的目录中没有资源 MKT-001',
      fields: [{ path: 'resourceCode', message: '资源不存在或不属于该部门' }],
    });
    expect(checkFiling(filing, { ...context, resource: { ...context.resource!, status: 'withdrawn' } })?.code).toBe('UNKNOWN_RESOURCE');
    // The department's own staff are told which items exist; an applicant is not (issue 16).
    expect(checkFiling({ ...filing, filer: staff, dataItems: ['住所', '电话', '法人'] }, context)).toEqual({
      code: 'UNKNOWN_DATA_ITEM',
      message: '资源 MKT-001 没有数据项：电话、法人',
      fields: [{ path: 'dataItems', message: '可选：名称、住所' }],
    });
    expect(checkFiling({ ...filing, dataItems: ['住所', '电话'] }, context)).toEqual({
      code: 'UNKNOWN_DATA_ITEM',
      message: '资源 MKT-001 没有数据项：电话',
      fields: [{ path: 'dataItems', message: '数据项不在该资源中' }],
    });
  });
});

describe('registeringDepartment / checkRegistration (第十八条)', () => {
  const market = { active: true, kind: 'department' };

  it('a department registers for itself; the authority for the department it names', () => {
    expect(registeringDepartment(staff, undefined)).toBe('market');
    expect(registeringDepartment(reviewer, undefined)).toBeUndefined();
    expect(registeringDepartment(reviewer, 'civil')).toBe('civil');
    expect(
      checkRegistration(
        { registrant: staff, departmentCode: 'market', changeDate: '2025-09-01' },
        { today: '2025-09-01', department: market },
      ),
    ).toBeNull();
    expect(
      checkRegistration(
        { registrant: reviewer, departmentCode: 'market', changeDate: '2025-08-01' },
        { today: '2025-09-01', department: market },
      ),
    ).toBeNull();
  });

  it('refuses the authority naming no department, a department registering for another, an unknown department, a future date', () => {
    const today = '2025-09-01';
    expect(checkRegistration({ registrant: reviewer, departmentCode: undefined, changeDate: today }, { today, department: null })).toEqual({
      code: 'DEPARTMENT_REQUIRED',
      message: '主管部门代为登记时须指明部门',
      fields: [{ path: 'departmentCode', message: '缺少部门' }],
    });
    expect(checkRegistration({ registrant: civil, departmentCode: 'market', changeDate: today }, { today, department: market })).toEqual({
      code: 'FORBIDDEN_DEPARTMENT',
      message: '部门只能登记本部门的变更，或由主管部门代为登记',
    });
    expect(checkRegistration({ registrant: reviewer, departmentCode: 'nowhere', changeDate: today }, { today, department: null })).toEqual({
      code: 'UNKNOWN_DEPARTMENT',
      message: '部门不存在：nowhere',
      fields: [{ path: 'departmentCode', message: '部门不存在' }],
    });
    expect(
      checkRegistration({ registrant: staff, departmentCode: 'market', changeDate: '2025-09-02' }, { today, department: market }),
    ).toEqual({
      code: 'CHANGE_DATE_IN_FUTURE',
      message: '变更日期不得晚于今天（2025-09-01）',
      fields: [{ path: 'changeDate', message: '不得晚于今天' }],
    });
  });
});

describe('who sees a correction, a conflict', () => {
  const correction = { departmentCode: 'market', filedByUserId: applicant.userId };

  it('a correction: its department, county-wide readers and the applicant who filed it', () => {
    expect(canSeeCorrection(staff, correction)).toBe(true);
    expect(canSeeCorrection(reviewer, correction)).toBe(true);
    expect(canSeeCorrection(auditor, correction)).toBe(true);
    expect(canSeeCorrection(applicant, correction)).toBe(true);
    expect(canSeeCorrection(civil, correction)).toBe(false);
    expect(canSeeCorrection({ ...applicant, userId: 'u-other' }, correction)).toBe(false);
  });

  it('a conflict: the departments party to it, and the authority and auditors', () => {
    const conflict = { departments: ['market', 'civil'] };
    expect(canSeeConflict(staff, conflict)).toBe(true);
    expect(canSeeConflict(civil, conflict)).toBe(true);
    expect(canSeeConflict({ ...staff, departmentCode: 'tax' }, conflict)).toBe(false);
    expect(canSeeConflict(reviewer, conflict)).toBe(true);
    expect(canSeeConflict(auditor, conflict)).toBe(true);
  });
});
