// SPEC §2: what a recount does to a finding recorded on the deadline it superseded.
import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../domain/deadline';
import { reviseFinding } from '../../domain/finding-revision';

const deadline = (due: string, next: string, provisional: boolean): Deadline => ({
  due,
  endsAt: `${next}T00:00:00+08:00`,
  warningAt: `${due}T00:00:00+08:00`,
  provisional,
  calendarVersion: 'v',
});
const old = deadline('2027-01-12', '2027-01-13', true);
// Wednesday 2027-01-13, 09:00 Beijing.
const now = Date.parse('2027-01-13T09:00:00+08:00');

describe('reviseFinding', () => {
  it('the recounted deadline (end of 2027-01-15) has not passed: withdrawn, the reason naming both deadlines', () => {
    expect(reviseFinding('provisional', old, deadline('2027-01-15', '2027-01-16', false), now)).toEqual({
      status: 'withdrawn',
      reason: '日历调整后重新计算期限：原期限 2027-01-12（暂定），新期限 2027-01-15；新期限尚未届满，撤回该项认定',
    });
    expect(reviseFinding('notified', old, deadline('2027-01-15', '2027-01-16', false), now)?.status).toBe('withdrawn');
  });

  it('still passed on a deadline no longer provisional: a provisional finding is notified, a notified one stays', () => {
    const loaded = deadline('2027-01-12', '2027-01-13', false);
    expect(reviseFinding('provisional', old, loaded, now)).toEqual({
      status: 'notified',
      reason: '日历调整后重新计算期限：原期限 2027-01-12（暂定），新期限 2027-01-12；按已载入的官方安排仍已超期，认定成立并告知',
    });
    expect(reviseFinding('notified', old, loaded, now)).toBeNull();
  });

  it('still passed and still provisional: stays provisional', () => {
    expect(reviseFinding('provisional', old, deadline('2027-01-11', '2027-01-12', true), now)).toBeNull();
  });

  it('a confirmed, contested, annulled or withdrawn finding is left as its review left it', () => {
    for (const status of ['confirmed', 'contested', 'annulled', 'withdrawn'] as const) {
      expect(reviseFinding(status, old, deadline('2027-01-15', '2027-01-16', false), now)).toBeNull();
    }
  });
});
