// SPEC §2: a regulated deadline as every process records it — the day, the instant it ends,
// when it turns yellow, and which calendar it was computed with.
import {
  addWorkingDays,
  deemedReceipt,
  endOfDay,
  type IsoDate,
  type ReceiptPolicy,
  type WorkingCalendar,
  warningStartsOn,
} from './working-days';

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
  /** the receipt policy it was counted under (SPEC §2); absent on deadlines counted before the policy was named */
  receiptPolicy?: ReceiptPolicy;
  /** the day the count started from: the receipt, or under 顺延 the working day it was deemed made on */
  countedFrom?: IsoDate;
}

/** SPEC §2: periods are half-open, so at `endsAt` itself (24:00 of the due day) the deadline has passed. */
export const isPast = (d: Pick<Deadline, 'endsAt'>, nowMs: number): boolean => nowMs >= Date.parse(d.endsAt);

export const startOfDay = (d: IsoDate): string => `${d}T00:00:00+08:00`;

/**
 * "Within N working days from `from`" (SPEC §2). Without a `policy` the calendar day `from` is
 * day 0 whatever it is; with one, `from` is a receipt and the policy decides where a receipt on
 * a closed day starts, and the deadline records the policy and the day it counted from.
 */
export function computeDeadline(
  cal: WorkingCalendar,
  from: IsoDate,
  workingDays: number,
  warnDays: number,
  policy?: ReceiptPolicy,
): Deadline {
  const countedFrom = policy ? deemedReceipt(cal, from, policy) : from;
  const { due, provisional } = addWorkingDays(cal, countedFrom, workingDays);
  return {
    due,
    endsAt: endOfDay(due),
    warningAt: startOfDay(warningStartsOn(cal, due, warnDays)),
    provisional,
    calendarVersion: cal.version,
    ...(policy && { receiptPolicy: policy, countedFrom }),
  };
}

/** An instant written in Beijing time, as officials read it: 2025-10-17T00:00:00+08:00. */
export const beijingIso = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
