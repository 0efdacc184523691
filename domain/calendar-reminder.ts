// SPEC §2: the State Council publishes next year's holiday schedule around November; until it
// is loaded, deadlines running into that year are provisional. From 1 November the admins are
// reminded once a day while next year is missing. Pure: the activity asks this module.
import type { IsoDate } from './working-days';

/** The first day of the reminders, as month and day in Beijing time. */
export const REMINDER_FROM = { month: 11, day: 1 } as const;

export interface MissingYearReminder {
  /** the year whose schedule is missing */
  year: number;
  kind: 'calendar_year_missing';
  message: string;
}

/** `today` (Beijing) on or after 1 November and next year not loaded: the day's reminder; otherwise none. */
export function missingYearReminder(today: IsoDate, isLoaded: (year: number) => boolean): MissingYearReminder | null {
  const month = Number(today.slice(5, 7));
  const day = Number(today.slice(8, 10));
  if (month < REMINDER_FROM.month || (month === REMINDER_FROM.month && day < REMINDER_FROM.day)) return null;
  const year = Number(today.slice(0, 4)) + 1;
  if (isLoaded(year)) return null;
  return {
    year,
    kind: 'calendar_year_missing',
    message: `${year}年节假日安排尚未载入：国务院办公厅公布后请在“工作日历”中载入；在此之前跨入${year}年的期限仅按周末和法定节日暂定计算`,
  };
}
