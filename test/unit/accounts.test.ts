import { describe, expect, it } from 'vitest';
import { afterFailure, deputyActs, deputyState, isLocked, passwordProblem, sessionIdle } from '../../domain/accounts';

describe('password rule (GB/T 22239-2019 8.1.4.1 a)', () => {
  it('8 characters and 3 of the 4 classes, not containing the user name', () => {
    expect(passwordProblem('Ab1#xyz', 'u')).toBe('长度不少于 8 个字符');
    expect(passwordProblem('abcdefg1', 'u')).toBe('应至少包含大写字母、小写字母、数字、其他字符中的 3 类');
    expect(passwordProblem('Abcdefg1', 'u')).toBeNull();
    expect(passwordProblem('abcdefg#1', 'u')).toBeNull();
    expect(passwordProblem('Market-Staff1', 'market-staff')).toBe('不得包含用户名');
  });
});

describe('lockout (8.1.4.1 b)', () => {
  const policy = { maxFailures: 3, lockMinutes: 10 };
  const at = new Date('2025-10-09T02:00:00Z');
  it('the 3rd consecutive failure locks for 10 minutes, and the count starts again', () => {
    const one = afterFailure({ failedSignIns: 0, lockedUntil: null }, policy, at);
    const two = afterFailure(one, policy, at);
    expect(two).toEqual({ failedSignIns: 2, lockedUntil: null });
    const three = afterFailure(two, policy, at);
    expect(three).toEqual({ failedSignIns: 0, lockedUntil: new Date('2025-10-09T02:10:00Z') });
    expect(isLocked(three, new Date('2025-10-09T02:09:59Z'))).toBe(true);
    expect(isLocked(three, new Date('2025-10-09T02:10:00Z'))).toBe(false);
  });
  it('a session ends after the idle minutes', () => {
    expect(sessionIdle(at, 30, new Date('2025-10-09T02:29:59Z'))).toBe(false);
    expect(sessionIdle(at, 30, new Date('2025-10-09T02:30:00Z'))).toBe(true);
  });
});

describe('deputy (代理, SPEC §7)', () => {
  it('acts on the days of the appointment, both ends included', () => {
    const term = { startsOn: '2025-10-10', endsOn: '2025-10-12' };
    expect(['2025-10-09', '2025-10-10', '2025-10-12', '2025-10-13'].map((d) => deputyActs(term, d))).toEqual([false, true, true, false]);
  });

  it('is upcoming the day before its start and ended the day after its end', () => {
    const term = { startsOn: '2025-10-10', endsOn: '2025-10-12' };
    expect(['2025-10-09', '2025-10-10', '2025-10-12', '2025-10-13'].map((d) => deputyState(term, d))).toEqual([
      'upcoming',
      'acting',
      'acting',
      'ended',
    ]);
  });
});
