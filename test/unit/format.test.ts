// The console's date formatter, with literal dates: the browser tests use it as their oracle,
// so it is checked here against the calendar (2025-10-16 and 2026-01-01 are Thursdays).
import { describe, expect, it } from 'vitest';
import { cnDate, cnDateTime, cnDeadline, cnEventTime, timeLeft } from '../../web/src/format';

describe('console dates', () => {
  it('a day with its weekday, no leading zeros', () => {
    expect(cnDate('2025-10-16')).toBe('2025年10月16日（星期四）');
    expect(cnDate('2024-02-29')).toBe('2024年2月29日（星期四）');
    expect(cnDate('2025-10-05T00:00:00+08:00')).toBe('2025年10月5日（星期日）');
    expect(cnDate(null)).toBe('—');
  });

  it('a deadline ends at 24:00 of its day', () => {
    expect(cnDeadline('2025-10-16')).toBe('2025年10月16日（星期四） 24:00');
    expect(cnDeadline(undefined)).toBe('—');
    // SPEC §2: counted over a year whose schedule is not loaded
    expect(cnDeadline('2027-01-05', true)).toBe('2027年1月5日（星期二） 24:00（暂定）');
  });

  it('an instant in Beijing time whatever its zone, across midnight and the year end', () => {
    expect(cnDateTime('2025-10-16T06:05:00Z')).toBe('2025年10月16日（星期四） 14:05');
    expect(cnDateTime('2025-10-16T14:05:00+08:00')).toBe('2025年10月16日（星期四） 14:05');
    expect(cnDateTime('2025-12-31T16:30:00Z')).toBe('2026年1月1日（星期四） 00:30');
    expect(cnDateTime('not a date')).toBe('not a date');
  });

  it("Temporal's eventTime as ISO or as seconds", () => {
    expect(cnEventTime({ seconds: '1760594700', nanos: 0 })).toBe('2025年10月16日（星期四） 14:05');
    expect(cnEventTime('2025-10-16T06:05:00Z')).toBe('2025年10月16日（星期四） 14:05');
    expect(cnEventTime(undefined)).toBe('—');
  });

  it('time left, and time over once negative', () => {
    expect(timeLeft(90_000)).toBe('剩余 1 天 1 小时');
    expect(timeLeft(-90_000)).toBe('已超期 1 天 1 小时');
    expect(timeLeft(3_660)).toBe('剩余 1 小时 1 分');
  });
});
