import { describe, expect, it } from 'vitest';
import {
  type Actor,
  canReadDepartment,
  canWorkDepartment,
  departmentScope,
  isDepartmentUser,
  ownDepartment,
  type Role,
} from '../../domain/roles';

const actor = (role: Role, departmentCode: string | null = null): Actor => ({ userId: `u-${role}`, role, departmentCode });
const staff = actor('department_staff', 'market');
const head = actor('department_head', 'market');
const reviewer = actor('authority_reviewer', 'authority');
const auditor = actor('auditor');
const county = actor('county_government');
const applicant = actor('applicant');
const admin = actor('system_admin');

describe('isDepartmentUser', () => {
  it('is true for a department’s staff and head only', () => {
    expect([staff, head, reviewer, auditor, county, applicant, admin].map(isDepartmentUser)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('canReadDepartment / canWorkDepartment', () => {
  it('a department user reads and works its own department only', () => {
    expect(canReadDepartment(staff, 'market')).toBe(true);
    expect(canWorkDepartment(staff, 'market')).toBe(true);
    expect(canWorkDepartment(head, 'market')).toBe(true);
    expect(canReadDepartment(staff, 'civil')).toBe(false);
    expect(canWorkDepartment(head, 'civil')).toBe(false);
  });

  it('the authority and auditors read every department and work none', () => {
    expect(canReadDepartment(reviewer, 'civil')).toBe(true);
    expect(canReadDepartment(auditor, 'market')).toBe(true);
    expect(canWorkDepartment(reviewer, 'authority')).toBe(false);
    expect(canWorkDepartment(auditor, 'market')).toBe(false);
  });

  it('applicants, the county government and admins read no department’s records through this rule', () => {
    for (const a of [applicant, county, admin]) {
      expect(canReadDepartment(a, 'market')).toBe(false);
      expect(canWorkDepartment(a, 'market')).toBe(false);
    }
  });
});

describe('ownDepartment / departmentScope', () => {
  it('ownDepartment: a department user is held to its department; everyone else is not held', () => {
    expect(ownDepartment(staff)).toEqual(['market']);
    expect(ownDepartment(head)).toEqual(['market']);
    expect(ownDepartment(reviewer)).toBeUndefined();
    expect(ownDepartment(auditor)).toBeUndefined();
    expect(ownDepartment(county)).toBeUndefined();
  });

  it('departmentScope: county-wide readers list all, a department its own, anyone else nothing', () => {
    expect(departmentScope(reviewer)).toBeUndefined();
    expect(departmentScope(auditor)).toBeUndefined();
    expect(departmentScope(staff)).toEqual(['market']);
    expect(departmentScope(county)).toEqual([]);
    expect(departmentScope(applicant)).toEqual([]);
  });
});
