// SPEC §2. The State Council holiday schedules, from the maintained chinese-days package.
// Not for workflows (it loads JSON): activities read it and hand workflows a calendar.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import pkg from 'chinese-days/package.json' with { type: 'json' };
import { statutoryHolidays } from './statutory-holidays';
import type { CalendarSource, IsoDate } from './working-days';

/** Name and version of the data package, recorded as part of a calendar's version. */
export const OFFICIAL_CALENDAR_PACKAGE = `${pkg.name}@${pkg.version}`;

// Each value reads 'English,中文,n', e.g. 'National Day,国庆节,3'.
const holidays: Readonly<Record<IsoDate, string>> = data.holidays;
const workdays: Readonly<Record<IsoDate, string>> = data.workdays;

// The package lists only years whose schedule was published; a year with no holiday at all
// has not been published yet (2027 in 1.5.7).
const source: CalendarSource = Object.freeze({
  holidays: Object.freeze(Object.keys(holidays)),
  workdays: Object.freeze(Object.keys(workdays)),
  loadedYears: Object.freeze([...new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b)),
  statutoryHolidays: (year: number) => statutoryHolidays(year).map((h) => h.date),
});

export function officialCalendarSource(): CalendarSource {
  return source;
}

/** The Chinese name of the statutory holiday on `date` ('春节', '国庆节', ...), if it is one. */
export function holidayName(date: IsoDate): string | undefined {
  // hasOwn: a lookup such as 'toString' must not reach Object.prototype
  return Object.hasOwn(holidays, date) ? holidays[date]?.split(',')[1] : undefined;
}

/** The latest year the package carries a State Council schedule for. */
export const LATEST_OFFICIAL_YEAR = Math.max(...source.loadedYears);

/**
 * A calendar version as an official reads it (SPEC §2): the schedules it follows and how many
 * days the administrators corrected, e.g. 国务院办公厅 2026 年安排，另有 2 处调整.
 */
export function describeCalendar(loadedYears: readonly number[], adjustments: number): string {
  const years = [...new Set([LATEST_OFFICIAL_YEAR, ...loadedYears])].sort((a, b) => a - b).join('、');
  return `国务院办公厅 ${years} 年安排${adjustments > 0 ? `，另有 ${adjustments} 处调整` : ''}`;
}
