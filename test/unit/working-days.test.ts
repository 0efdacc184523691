import { describe, it, expect } from 'vitest';
import {
  addWorkingDays,
  beijingDate,
  buildCalendar,
  deadlineLevel,
  endOfDay,
  isValidIsoDate,
  warningStartsOn,
  workingDaysBetween,
  type CalendarOverride,
  type CalendarSource,
} from '../../domain/working-days';
import { beijingIso, computeDeadline } from '../../domain/deadline';
import { holidayName, OFFICIAL_CALENDAR_PACKAGE, officialCalendarSource } from '../../domain/official-calendar';

// Every expected date below was counted by hand against the State Council's holiday notices
// for 2024, 2025 and 2026 (关于…部分节假日安排的通知), not derived from the code under test.
const official = (overrides: readonly CalendarOverride[] = []) => buildCalendar(officialCalendarSource(), overrides, 'test');
const cal = official();

const EMPTY: CalendarSource = { holidays: [], workdays: [], loadedYears: [] };

describe('official calendar (chinese-days)', () => {
  it('names the package and version it was built from', () => {
    expect(OFFICIAL_CALENDAR_PACKAGE).toBe('chinese-days@1.5.7');
  });

  it('has 2024-2026 loaded but not 2027', () => {
    const years = [...officialCalendarSource().loadedYears];
    expect(years).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(years).not.toContain(2027);
    expect(cal.isLoaded(2026)).toBe(true);
    expect(cal.isLoaded(2027)).toBe(false);
  });

  it('gives the Chinese holiday name of a rest day, and nothing for other days', () => {
    expect(holidayName('2025-01-29')).toBe('春节');
    expect(holidayName('2025-10-01')).toBe('国庆节');
    expect(holidayName('2025-10-06')).toBe('中秋'); // 2025: 中秋 falls inside the National Day break
    expect(holidayName('2025-09-28')).toBeUndefined(); // make-up working day
    expect(holidayName('2025-10-09')).toBeUndefined();
    expect(holidayName('toString')).toBeUndefined();
  });
});

describe('isWorkingDay against the published schedules', () => {
  const expectDays = (dates: string[], working: boolean) => {
    for (const d of dates) expect(cal.isWorkingDay(d), d).toBe(working);
  };
  const range = (from: string, to: string) => {
    const out: string[] = [];
    for (let d = from; d <= to; d = addDaysForTest(d, 1)) out.push(d);
    return out;
  };

  it('2024: 春节 Feb 10-17 off, Feb 4 (Sun) and Feb 18 (Sun) worked; Feb 9 (除夕, Fri) worked', () => {
    expectDays(range('2024-02-10', '2024-02-17'), false);
    expectDays(['2024-02-04', '2024-02-18', '2024-02-09', '2024-02-08'], true);
  });

  it('2024: 国庆 Oct 1-7 off, Sep 29 (Sun) and Oct 12 (Sat) worked', () => {
    expectDays(range('2024-10-01', '2024-10-07'), false);
    expectDays(['2024-09-29', '2024-09-30', '2024-10-08', '2024-10-12'], true);
    expectDays(['2024-09-28', '2024-10-13'], false);
  });

  it('2024: 清明, 劳动节 and 中秋 make-up days', () => {
    expectDays(['2024-04-04', '2024-04-05', '2024-04-06', '2024-05-01', '2024-05-05', '2024-09-16', '2024-09-17'], false);
    expectDays(['2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14'], true);
  });

  it('2025: 春节 Jan 28-Feb 4 off, Jan 26 (Sun) and Feb 8 (Sat) worked', () => {
    expectDays(range('2025-01-28', '2025-02-04'), false);
    expectDays(['2025-01-26', '2025-01-27', '2025-02-05', '2025-02-08'], true);
    expectDays(['2025-01-25', '2025-02-09'], false);
  });

  it('2025: 国庆/中秋 Oct 1-8 off, Sep 28 (Sun) and Oct 11 (Sat) worked', () => {
    expectDays(range('2025-10-01', '2025-10-08'), false);
    expectDays(['2025-09-28', '2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11'], true);
    expectDays(['2025-09-27', '2025-10-12'], false);
  });

  it('2026: 元旦 Jan 1-3 off, Jan 4 (Sun) worked; 春节 Feb 15-23 off, Feb 14 (Sat) and Feb 28 (Sat) worked', () => {
    expectDays(['2026-01-01', '2026-01-02', '2026-01-03'], false);
    expectDays(range('2026-02-15', '2026-02-23'), false);
    expectDays(['2026-01-04', '2026-02-14', '2026-02-24', '2026-02-28'], true);
  });

  it('2026: 中秋 Sep 25-27 and 国庆 Oct 1-7 off, Sep 20 (Sun) and Oct 10 (Sat) worked', () => {
    expectDays([...range('2026-09-25', '2026-09-27'), ...range('2026-10-01', '2026-10-07')], false);
    expectDays(['2026-09-20', '2026-09-28', '2026-10-08', '2026-10-10'], true);
  });

  it('an ordinary week is Monday to Friday', () => {
    expectDays(range('2025-03-10', '2025-03-14'), true);
    expectDays(['2025-03-08', '2025-03-09'], false);
  });

  it('rejects a malformed date', () => {
    expect(() => cal.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2025/03/10')).toThrow(RangeError);
  });
});

describe('addWorkingDays across the long holidays', () => {
  it('10 days from Fri 2025-09-26 count Sun 9-28 and Sat 10-11, skip Oct 1-8: due Thu 2025-10-16', () => {
    // 9-28 (1) 9-29 (2) 9-30 (3) | 10-01..08 off | 10-09 (4) 10-10 (5) 10-11 (6) 10-13..16 (7-10)
    expect(addWorkingDays(cal, '2025-09-26', 10)).toEqual({ due: '2025-10-16', provisional: false });
  });

  it('10 days from Fri 2025-01-24 across 春节 2025: due Thu 2025-02-13', () => {
    // 1-26 (1) 1-27 (2) | 1-28..2-04 off | 2-05..07 (3-5) 2-08 (6) 2-10..13 (7-10)
    expect(addWorkingDays(cal, '2025-01-24', 10)).toEqual({ due: '2025-02-13', provisional: false });
  });

  it('5 days from Thu 2024-02-08 across 春节 2024: due Wed 2024-02-21', () => {
    // 2-09 (1) | 2-10..17 off | 2-18 Sun (2) 2-19..21 (3-5)
    expect(addWorkingDays(cal, '2024-02-08', 5).due).toBe('2024-02-21');
  });

  it('10 days from Fri 2024-09-27 across 国庆 2024: due Wed 2024-10-16', () => {
    // 9-29 Sun (1) 9-30 (2) | 10-01..07 off | 10-08..11 (3-6) 10-12 Sat (7) 10-14..16 (8-10)
    expect(addWorkingDays(cal, '2024-09-27', 10).due).toBe('2024-10-16');
  });

  it('10 days from Thu 2026-02-12 across 春节 2026: due Wed 2026-03-04', () => {
    // 2-13 (1) 2-14 Sat (2) | 2-15..23 off | 2-24..27 (3-6) 2-28 Sat (7) 3-02..04 (8-10)
    expect(addWorkingDays(cal, '2026-02-12', 10).due).toBe('2026-03-04');
  });

  it('10 days from Thu 2026-09-24 across 中秋 and 国庆 2026: due Thu 2026-10-15', () => {
    // 9-25..27 off | 9-28..30 (1-3) | 10-01..07 off | 10-08 (4) 10-09 (5) 10-10 Sat (6) 10-12..15 (7-10)
    expect(addWorkingDays(cal, '2026-09-24', 10).due).toBe('2026-10-15');
  });

  it('1 day from the last working day before a holiday is the first day after it', () => {
    expect(addWorkingDays(cal, '2025-09-30', 1).due).toBe('2025-10-09');
  });

  it('the regulation periods of 5 and 20 days (10 + a full 10-day extension)', () => {
    expect(addWorkingDays(cal, '2025-03-07', 5).due).toBe('2025-03-14');
    // extension counted from the original deadline 2025-10-16: 10-17 (1) 10-20..24 (2-6) 10-27..30 (7-10)
    expect(addWorkingDays(cal, '2025-10-16', 10).due).toBe('2025-10-30');
    expect(addWorkingDays(cal, '2025-09-26', 20).due).toBe('2025-10-30');
  });
});

describe('addWorkingDays by day of receipt', () => {
  it('receipt on an ordinary Saturday or Sunday counts from Monday, like receipt on Friday', () => {
    expect(addWorkingDays(cal, '2025-03-07', 10).due).toBe('2025-03-21');
    expect(addWorkingDays(cal, '2025-03-08', 10).due).toBe('2025-03-21');
    expect(addWorkingDays(cal, '2025-03-09', 10).due).toBe('2025-03-21');
  });

  it('receipt on a holiday counts from the first working day after it', () => {
    // Fri 2025-10-03 (国庆): 10-09 (1) 10-10 (2) 10-11 Sat (3) 10-13 (4) 10-14 (5)
    expect(addWorkingDays(cal, '2025-10-03', 5).due).toBe('2025-10-14');
    expect(addWorkingDays(cal, '2025-10-08', 5).due).toBe('2025-10-14');
  });

  it('receipt on a make-up working day: that day itself is not counted', () => {
    // Sun 2025-09-28 (worked): 9-29 (1) 9-30 (2) 10-09 (3) 10-10 (4) 10-11 Sat (5)
    expect(addWorkingDays(cal, '2025-09-28', 5).due).toBe('2025-10-11');
  });

  it('a due date can be a make-up Saturday', () => {
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    expect(addWorkingDays(cal, '2025-10-10', 1).due).toBe('2025-10-11');
  });
});

describe('addWorkingDays: provisional when a year is not loaded', () => {
  it('a period ending on 2026-12-31 is not provisional', () => {
    // Thu 2026-12-24: 12-25 (1) 12-28..31 (2-5)
    expect(addWorkingDays(cal, '2026-12-24', 5)).toEqual({ due: '2026-12-31', provisional: false });
  });

  it('crossing into 2027 is provisional; 2027 has its statutory holidays but no 调休 yet (元旦 Fri 2027-01-01 off)', () => {
    // 12-25 (1) 12-28..31 (2-5) 2027-01-01 元旦 off, 01-04 (6) 01-05..08 (7-10)
    expect(addWorkingDays(cal, '2026-12-24', 6)).toEqual({ due: '2027-01-04', provisional: true });
    expect(addWorkingDays(cal, '2026-12-24', 10)).toEqual({ due: '2027-01-08', provisional: true });
  });

  it('a period wholly inside an unloaded year is provisional', () => {
    expect(addWorkingDays(cal, '2027-03-01', 5)).toEqual({ due: '2027-03-08', provisional: true });
  });

  it('an override moves a provisional date but does not by itself load the year', () => {
    // 2027-01-04 made a holiday too: 01-05..08 (6-9), 01-11 (10)
    const withMonday = official([{ date: '2027-01-04', kind: 'holiday' }]);
    expect(addWorkingDays(withMonday, '2026-12-24', 10)).toEqual({ due: '2027-01-11', provisional: true });
  });

  it('once 2027 is loaded (loadedYears includes it) the same period is final', () => {
    const source = officialCalendarSource();
    const loaded2027 = buildCalendar(
      { ...source, loadedYears: [...source.loadedYears, 2027] },
      [{ date: '2027-01-01', kind: 'holiday' }],
      'test+2027',
    );
    expect(addWorkingDays(loaded2027, '2026-12-24', 10)).toEqual({ due: '2027-01-08', provisional: false });
  });

  it('an empty calendar is Monday-Friday and always provisional', () => {
    const bare = buildCalendar(EMPTY, [], 'empty');
    expect(addWorkingDays(bare, '2025-09-30', 1)).toEqual({ due: '2025-10-01', provisional: true });
  });
});

describe('buildCalendar: overrides win', () => {
  it('a weekday made a holiday moves the due date by one working day', () => {
    expect(addWorkingDays(cal, '2025-03-07', 10).due).toBe('2025-03-21');
    const closed = official([{ date: '2025-03-12', kind: 'holiday' }]);
    expect(closed.isWorkingDay('2025-03-12')).toBe(false);
    expect(addWorkingDays(closed, '2025-03-07', 10).due).toBe('2025-03-24');
  });

  it('a Saturday made a workday brings the due date forward', () => {
    const open = official([{ date: '2025-03-15', kind: 'workday' }]);
    expect(addWorkingDays(open, '2025-03-07', 10).due).toBe('2025-03-20');
  });

  it('an override beats the official schedule in both directions', () => {
    const changed = official([
      { date: '2025-10-08', kind: 'workday' },
      { date: '2025-10-11', kind: 'holiday' },
    ]);
    expect(changed.isWorkingDay('2025-10-08')).toBe(true);
    expect(changed.isWorkingDay('2025-10-11')).toBe(false);
    // 9-28 (1) 9-29 (2) 9-30 (3) 10-08 (4) 10-09 (5) 10-10 (6) 10-13..16 (7-10)
    expect(addWorkingDays(changed, '2025-09-26', 10).due).toBe('2025-10-16');
  });

  it('a make-up day in the source beats a holiday listed for the same date', () => {
    const both = buildCalendar({ holidays: ['2025-03-08'], workdays: ['2025-03-08'], loadedYears: [2025] }, [], 'v');
    expect(both.isWorkingDay('2025-03-08')).toBe(true);
  });

  it('the last override for a date wins', () => {
    const twice = official([
      { date: '2025-03-12', kind: 'holiday' },
      { date: '2025-03-12', kind: 'workday' },
    ]);
    expect(twice.isWorkingDay('2025-03-12')).toBe(true);
  });

  it('keeps its version and rejects malformed dates up front', () => {
    expect(official().version).toBe('test');
    expect(() => official([{ date: '2025-3-12', kind: 'holiday' }])).toThrow(RangeError);
    expect(() => buildCalendar({ ...EMPTY, holidays: ['2025-02-30'] }, [], 'v')).toThrow(RangeError);
  });
});

describe('addWorkingDays: argument checks', () => {
  it.each([0, -1, 1.5, 367, Number.NaN, Number.POSITIVE_INFINITY])('throws RangeError for n = %s', (n) => {
    expect(() => addWorkingDays(cal, '2025-03-07', n)).toThrow(RangeError);
  });

  it('accepts n = 1 and n = 366', () => {
    expect(addWorkingDays(cal, '2025-03-07', 1).due).toBe('2025-03-10');
    expect(() => addWorkingDays(cal, '2025-03-07', 366)).not.toThrow();
  });

  it('throws RangeError for a malformed start date', () => {
    expect(() => addWorkingDays(cal, '2025-02-29', 5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (from, to]', () => {
    expect(workingDaysBetween(cal, '2025-09-26', '2025-10-16')).toBe(10);
    expect(workingDaysBetween(cal, '2025-09-30', '2025-10-08')).toBe(0);
    expect(workingDaysBetween(cal, '2025-09-30', '2025-10-09')).toBe(1);
    expect(workingDaysBetween(cal, '2025-03-07', '2025-03-10')).toBe(1);
  });

  it('is 0 when to is not after from', () => {
    expect(workingDaysBetween(cal, '2025-03-10', '2025-03-10')).toBe(0);
    expect(workingDaysBetween(cal, '2025-03-14', '2025-03-10')).toBe(0);
  });

  it('undoes addWorkingDays for every start day of 2024-2026 and n in 1..20', () => {
    for (let from = '2024-01-01'; from <= '2026-12-31'; from = addDaysForTest(from, 7)) {
      for (let n = 1; n <= 20; n += 1) {
        const { due } = addWorkingDays(cal, from, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(cal, from, due)).toBe(n);
      }
    }
  });
});

describe('warningStartsOn', () => {
  it('due Fri 2025-10-17 with 2 warning days: Thu 2025-10-16', () => {
    expect(warningStartsOn(cal, '2025-10-17', 2)).toBe('2025-10-16');
  });

  it('1 warning day is the due day itself', () => {
    expect(warningStartsOn(cal, '2025-10-17', 1)).toBe('2025-10-17');
  });

  it('skips a weekend: due Mon 2025-03-17 with 2 -> Fri 2025-03-14', () => {
    expect(warningStartsOn(cal, '2025-03-17', 2)).toBe('2025-03-14');
  });

  it('reaches back across the National Day break', () => {
    expect(warningStartsOn(cal, '2025-10-09', 2)).toBe('2025-09-30');
    expect(warningStartsOn(cal, '2025-10-10', 3)).toBe('2025-09-30');
    expect(warningStartsOn(cal, '2025-10-10', 2)).toBe('2025-10-09');
  });

  it('counts a make-up Saturday', () => {
    expect(warningStartsOn(cal, '2025-10-13', 2)).toBe('2025-10-11');
  });

  it('throws RangeError for a bad warnDays', () => {
    expect(() => warningStartsOn(cal, '2025-10-17', 0)).toThrow(RangeError);
    expect(() => warningStartsOn(cal, '2025-10-17', 2.5)).toThrow(RangeError);
  });
});

describe('endOfDay', () => {
  it('ends a period at 24:00 Beijing time, written as the next day 00:00+08:00', () => {
    expect(endOfDay('2025-10-09')).toBe('2025-10-10T00:00:00+08:00');
    expect(endOfDay('2025-12-31')).toBe('2026-01-01T00:00:00+08:00');
    expect(endOfDay('2024-02-28')).toBe('2024-02-29T00:00:00+08:00');
    expect(endOfDay('2025-02-28')).toBe('2025-03-01T00:00:00+08:00');
  });

  it('is 16:00 UTC of the due day', () => {
    expect(Date.parse(endOfDay('2025-10-09'))).toBe(Date.UTC(2025, 9, 9, 16));
    expect(beijingDate(Date.parse(endOfDay('2025-10-09')) - 1)).toBe('2025-10-09');
  });

  it('rejects a malformed date', () => {
    expect(() => endOfDay('2025-10-32')).toThrow(RangeError);
    expect(() => endOfDay('')).toThrow(RangeError);
  });
});

describe('beijingDate', () => {
  it('turns to the next day at 16:00 UTC', () => {
    expect(beijingDate('2025-09-30T15:59:59.999Z')).toBe('2025-09-30');
    expect(beijingDate('2025-09-30T16:00:00Z')).toBe('2025-10-01');
    expect(beijingDate('2025-09-30T16:30:00Z')).toBe('2025-10-01');
  });

  it('reads any explicit offset', () => {
    expect(beijingDate('2025-10-01T00:00:00+08:00')).toBe('2025-10-01');
    expect(beijingDate('2025-09-30T23:59:59+08:00')).toBe('2025-09-30');
    expect(beijingDate('2025-09-30T12:00:00-05:00')).toBe('2025-10-01');
  });

  it('reads epoch milliseconds, including before 1970 in UTC', () => {
    expect(beijingDate(Date.UTC(2025, 8, 30, 16, 0))).toBe('2025-10-01');
    expect(beijingDate(Date.UTC(2025, 8, 30, 15, 59, 59, 999))).toBe('2025-09-30');
    expect(beijingDate(0)).toBe('1970-01-01');
    expect(beijingDate(-8 * 3_600_000 - 1)).toBe('1969-12-31');
  });

  it('refuses strings without a time zone, impossible dates and non-finite numbers', () => {
    expect(() => beijingDate('2025-09-30T16:30:00')).toThrow(RangeError);
    expect(() => beijingDate('2025-09-30')).toThrow(RangeError);
    expect(() => beijingDate('2025-02-30T00:00:00Z')).toThrow(RangeError);
    expect(() => beijingDate('yesterday')).toThrow(RangeError);
    expect(() => beijingDate(Number.NaN)).toThrow(RangeError);
  });
});

describe('deadlineLevel', () => {
  const warningAt = Date.parse('2025-10-16T00:00:00+08:00');
  const endsAt = Date.parse(endOfDay('2025-10-17'));

  it('is normal before the warning instant', () => {
    expect(deadlineLevel(warningAt - 1, warningAt, endsAt)).toBe('normal');
  });

  it('is warning from the warning instant up to the last millisecond of the due day', () => {
    expect(deadlineLevel(warningAt, warningAt, endsAt)).toBe('warning');
    expect(deadlineLevel(endsAt - 1, warningAt, endsAt)).toBe('warning');
  });

  it('is overdue from 24:00 of the due day on', () => {
    expect(deadlineLevel(endsAt, warningAt, endsAt)).toBe('overdue');
    expect(deadlineLevel(endsAt + 86_400_000, warningAt, endsAt)).toBe('overdue');
  });
});

describe('isValidIsoDate', () => {
  it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31', '2025-04-30', '0001-01-01'])('accepts %s', (s) => {
    expect(isValidIsoDate(s)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '2100-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-01-32',
    '2025-1-01',
    '25-01-01',
    '20250101',
    '2025/01/01',
    ' 2025-01-01',
    '2025-01-01 ',
    '2025-01-01T00:00:00Z',
    '２０２５-01-01',
    '',
  ])('rejects %j', (s) => {
    expect(isValidIsoDate(s)).toBe(false);
  });
});

describe('day arithmetic across the calendar', () => {
  it('agrees with Date.UTC for every day from 1999 to 2030 (weekday and next day)', () => {
    const bare = buildCalendar(EMPTY, [], 'empty');
    for (let ms = Date.UTC(1999, 0, 1); ms <= Date.UTC(2030, 11, 31); ms += 86_400_000) {
      const date = new Date(ms);
      const iso = date.toISOString().slice(0, 10);
      const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
      expect(bare.isWorkingDay(iso)).toBe(!weekend);
      expect(endOfDay(iso).slice(0, 10)).toBe(new Date(ms + 86_400_000).toISOString().slice(0, 10));
    }
  });
});

/** Independent of the module: plain Date.UTC arithmetic, fine for years >= 100. */
function addDaysForTest(d: string, days: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day + days)).toISOString().slice(0, 10);
}

describe('computeDeadline', () => {
  it('records the due day, its end, the start of the warning and the calendar version', () => {
    const cal = buildCalendar(officialCalendarSource(), [], 'test-v1');
    expect(computeDeadline(cal, '2025-09-26', 10, 2)).toEqual({
      due: '2025-10-16',
      endsAt: '2025-10-17T00:00:00+08:00',
      warningAt: '2025-10-15T00:00:00+08:00',
      provisional: false,
      calendarVersion: 'test-v1',
    });
    // Due Friday 2025-10-10; three warning days (Oct 10, Oct 9, Sep 30) reach back over National Day.
    expect(computeDeadline(cal, '2025-09-26', 5, 3).warningAt).toBe('2025-09-30T00:00:00+08:00');
  });
});

describe('beijingIso', () => {
  it('writes an instant in Beijing time', () => {
    expect(beijingIso(Date.parse('2025-10-16T16:00:00Z'))).toBe('2025-10-17T00:00:00+08:00');
    expect(beijingIso(Date.parse('2025-12-31T23:30:00.123Z'))).toBe('2026-01-01T07:30:00+08:00');
  });
});
