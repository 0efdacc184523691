// SPEC §2: a regulated deadline as every process records it — the day, the instant it ends,
// when it turns yellow, and which calendar it was computed with.
import { addWorkingDays, endOfDay, warningStartsOn, type IsoDate, type WorkingCalendar } from './working-days';

export interface Deadline {
  /** the last day of the period */
  due: IsoDate;
  /** 24:00 Beijing time of `due`, as an ISO instant with +08:00 */
  endsAt: string;
  /** 00:00 Beijing time of the first day with at most `warnDays` working days left */
  warningAt: string;
  /** some day of the period lies in a year whose official schedule is not loaded */
  provisional: boolean;
  calendarVersion: string;
}

/** SPEC §2: periods are half-open, so at `endsAt` itself (24:00 of the due day) the deadline has passed. */
export const isPast = (d: Pick<Deadline, 'endsAt'>, nowMs: number): boolean => nowMs >= Date.parse(d.endsAt);

export const startOfDay = (d: IsoDate): string => `${d}T00:00:00+08:00`;

export function computeDeadline(cal: WorkingCalendar, from: IsoDate, workingDays: number, warnDays: number): Deadline {
  const { due, provisional } = addWorkingDays(cal, from, workingDays);
  return {
    due,
    endsAt: endOfDay(due),
    warningAt: startOfDay(warningStartsOn(cal, due, warnDays)),
    provisional,
    calendarVersion: cal.version,
  };
}

/** An instant written in Beijing time, as officials read it: 2025-10-17T00:00:00+08:00. */
export const beijingIso = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
