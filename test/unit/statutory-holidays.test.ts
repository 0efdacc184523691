// SPEC §2, issue 12: a year whose schedule is not loaded (2027: chinese-days 1.5.7 has none)
// keeps the statutory days off of 《全国年节及纪念日放假办法》 (2024 revision). Dates below are
// from the almanac, counted by hand: 2027 正月初一 is Sat 02-06 (除夕 Fri 02-05), 清明 Mon 04-05,
// 端午 Wed 06-09, 中秋 Wed 09-15.
import { describe, expect, it } from 'vitest';
import { holidayName, officialCalendarSource } from '../../domain/official-calendar';
import { statutoryHolidays } from '../../domain/statutory-holidays';
import { addWorkingDays, buildCalendar } from '../../domain/working-days';

const cal = buildCalendar(officialCalendarSource(), [], 'test');

describe('statutoryHolidays', () => {
  it('2027: 元旦, 春节 除夕 to 初三, 清明, 劳动节 1–2 May, 端午, 中秋, 国庆 1–3 October', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明节' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午节' },
      { date: '2027-09-15', name: '中秋节' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ]);
  });

  it('agrees with the published schedules: every statutory day of 2025 and 2026 is off in the State Council notice', () => {
    for (const year of [2025, 2026]) {
      for (const { date, name } of statutoryHolidays(year)) expect(holidayName(date), `${date} ${name}`).toBeDefined();
    }
  });
});

describe('counting over unloaded 2027', () => {
  it('one working day from 2026-12-31 is not 元旦 but Mon 2027-01-04, provisional', () => {
    expect(addWorkingDays(cal, '2026-12-31', 1)).toEqual({ due: '2027-01-04', provisional: true });
  });

  it('春节 from the lunar calendar: Thu 2027-02-04 + 1 skips 除夕 (Fri) to 初三 (Mon): Tue 02-09', () => {
    expect(addWorkingDays(cal, '2027-02-04', 1)).toEqual({ due: '2027-02-09', provisional: true });
  });

  it('清明 Mon 04-05 is off; 劳动节 and 国庆 falling on weekends give no 补休 until the notice says so', () => {
    expect(addWorkingDays(cal, '2027-04-02', 1)).toEqual({ due: '2027-04-06', provisional: true });
    expect(addWorkingDays(cal, '2027-04-30', 1)).toEqual({ due: '2027-05-03', provisional: true });
    expect(addWorkingDays(cal, '2027-09-30', 1)).toEqual({ due: '2027-10-04', provisional: true });
  });

  it('端午 and 中秋 on weekdays are off: Tue 06-08 + 1 is Thu 06-10; Tue 09-14 + 1 is Thu 09-16', () => {
    expect(addWorkingDays(cal, '2027-06-08', 1)).toEqual({ due: '2027-06-10', provisional: true });
    expect(addWorkingDays(cal, '2027-09-14', 1)).toEqual({ due: '2027-09-16', provisional: true });
  });

  it('once 2027 is loaded, its notice alone decides: a statutory day the notice does not list is worked', () => {
    const source = officialCalendarSource();
    const loaded = buildCalendar({ ...source, loadedYears: [...source.loadedYears, 2027] }, [], 'test+2027');
    expect(addWorkingDays(loaded, '2026-12-31', 1)).toEqual({ due: '2027-01-01', provisional: false });
  });
});
