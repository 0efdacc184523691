// SPEC §5: the log is read by people: every action and result in words, never a bare code.
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditResultLabel, auditRoleLabel } from '../../domain/audit-log';

describe('auditResultLabel', () => {
  it.each([
    ['200', '成功（200）'],
    ['201', '已创建（201）'],
    ['403', '无权办理（403）'],
    ['418', '被拒绝（418）'],
    ['503', '系统故障（503）'],
    ['attempt', '已受理，结果见随后一条'],
    ['archived', '已归档'],
  ])('%s → %s', (result, label) => expect(auditResultLabel(result)).toBe(label));
});

describe('auditActionLabel', () => {
  const routes = new Map([['POST /v1/corrections', '提出数据校核异议（第二十三条）']]);
  it.each([
    ['POST /v1/corrections', '提出数据校核异议（第二十三条）'],
    ['AUDIT_PURGE', '依保存期清除审计日志'],
    ['ARCHIVE process-history', '归档已结束流程的历史'],
    ['READ_SHARED_DATA', '读取共享数据'],
    ['DELETE /v1/unknown', 'DELETE /v1/unknown'],
  ])('%s → %s', (action, label) => expect(auditActionLabel(action, (a) => routes.get(a))).toBe(label));
});

describe('auditRoleLabel', () => {
  it('names the three administrators of 三权分立 and the system', () => {
    expect(['security_admin', 'audit_admin', 'system_admin', null].map(auditRoleLabel)).toEqual([
      '安全管理员',
      '审计管理员',
      '系统管理员',
      '系统',
    ]);
  });
  it('an entry from before 三权分立 keeps its role, named as it was', () => {
    expect(auditRoleLabel('admin')).toBe('管理员（三权分立前的角色）');
  });
});
