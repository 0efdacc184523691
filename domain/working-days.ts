// SPEC §2. China working-day arithmetic for every regulated deadline (第十八条, 第二十三条 ...).
// Pure and deterministic: workflows import it, so no clock, no randomness, no I/O. Dates are
// handled as integer day numbers (days since 1970-01-01) rather than Date objects, so the
// host time zone can never leak in.

/** 'YYYY-MM-DD', a calendar day in Asia/Shanghai. */
export type IsoDate = string;

export interface CalendarSource {
  /** statutory rest days (official schedule) */
  holidays: Iterable<IsoDate>;
  /** 调休 make-up working days (weekend days that are worked) */
  workdays: Iterable<IsoDate>;
  /** years whose official schedule is loaded */
  loadedYears: Iterable<number>;
  /** the days off known in advance for a year whose schedule is not loaded (SPEC §2) */
  statutoryHolidays?: (year: number) => Iterable<IsoDate>;
}

/** An administrator's correction or addition to the official schedule; wins over the source. */
export interface CalendarOverride {
  date: IsoDate;
  kind: 'holiday' | 'workday';
}

export interface WorkingCalendar {
  /** recorded with every deadline, so an audit can tell which calendar computed it */
  readonly version: string;
  isWorkingDay(d: IsoDate): boolean;
  isLoaded(year: number): boolean;
}

export type DeadlineLevel = 'normal' | 'warning' | 'overdue';

const DAY_MS = 86_400_000;
/** China has had no DST since 1991: Beijing time is always UTC+8. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** Upper bound for a period length; the regulation's periods are 5, 10 or 20 working days. */
const MAX_DAYS = 366;

// ---- calendar days ---------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Strict 'YYYY-MM-DD' naming a real day of the proleptic Gregorian calendar. */
export function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

// Day number <-> civil date (H. Hinnant's algorithms): exact for every year, unlike Date.UTC,
// which maps years 0-99 to 1900-1999.
function toDayNumber(date: IsoDate): number {
  if (!isValidIsoDate(date)) throw new RangeError(`not a valid date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function fromDayNumber(z: number): IsoDate {
  z += 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 0 = Sunday ... 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function requireCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_DAYS) {
    throw new RangeError(`${name} must be an integer from 1 to ${MAX_DAYS}, got ${n}`);
  }
}

// ---- the calendar ----------------------------------------------------------------------

/**
 * Precedence: an override, then the source's make-up workdays, then its holidays, then, in a
 * year whose schedule is not loaded, the statutory holidays, then Monday-Friday. Make-up days beat holidays so a source listing a day in both still works it.
 * Overrides apply in any year, loaded or not; only `loadedYears` decides `provisional`.
 * Among overrides for the same date the last one wins.
 */
export function buildCalendar(source: CalendarSource, overrides: readonly CalendarOverride[], version: string): WorkingCalendar {
  /** Refuses a malformed date (toDayNumber throws) before it enters a set. */
  const checked = (d: IsoDate): IsoDate => {
    toDayNumber(d);
    return d;
  };
  const holidays = new Set(Array.from(source.holidays, checked));
  const workdays = new Set(Array.from(source.workdays, checked));
  const loaded = new Set(source.loadedYears);
  const overridden = new Map<IsoDate, CalendarOverride['kind']>();
  for (const o of overrides) overridden.set(checked(o.date), o.kind);
  const statutory = new Map<number, ReadonlySet<IsoDate>>();
  const statutoryOf = (year: number): ReadonlySet<IsoDate> => {
    const known = statutory.get(year);
    if (known) return known;
    const days = new Set(source.statutoryHolidays?.(year) ?? []);
    statutory.set(year, days);
    return days;
  };

  return {
    version,
    isLoaded: (year) => loaded.has(year),
    isWorkingDay(d) {
      const day = toDayNumber(d);
      const kind = overridden.get(d);
      if (kind) return kind === 'workday';
      if (workdays.has(d)) return true;
      if (holidays.has(d)) return false;
      const year = yearOf(d);
      if (!loaded.has(year) && statutoryOf(year).has(d)) return false;
      const wd = weekday(day);
      return wd !== 0 && wd !== 6;
    },
  };
}

/**
 * The days a State Council notice for `year` may set: the year itself, and the adjacent
 * December and January (the notice for 2019 moved 2018-12-29 and 2018-12-31).
 */
export const inNoticeRange = (year: number, d: IsoDate): boolean =>
  d.startsWith(`${year}-`) || d.startsWith(`${year - 1}-12-`) || d.startsWith(`${year + 1}-01-`);

// ---- periods ---------------------------------------------------------------------------

/**
 * "Within N working days from day D" (之日起N个工作日内): D itself is not counted, so the due
 * day is the N-th working day strictly after D. Receipt on a weekend or holiday therefore
 * counts from the next working day without a special case.
 * `provisional` when any day in (from, due] lies in a year whose official schedule is not
 * loaded: those days were judged by weekends only and the due date must be recomputed later.
 */
export function addWorkingDays(cal: WorkingCalendar, from: IsoDate, n: number): { due: IsoDate; provisional: boolean } {
  requireCount('n', n);
  let day = toDayNumber(from);
  let counted = 0;
  let provisional = false;
  // Terminates: the source and overrides are finite, so working days never run out.
  while (counted < n) {
    day += 1;
    const date = fromDayNumber(day);
    if (!cal.isLoaded(yearOf(date))) provisional = true;
    if (cal.isWorkingDay(date)) counted += 1;
  }
  return { due: fromDayNumber(day), provisional };
}

/**
 * SPEC §2, the receipt policy (受理日顺延): how a period "from receipt" starts when the receipt
 * falls on a weekend or holiday. `next_working_day` (顺延, the default): the receipt is deemed
 * made on the next working day, and counting starts the day after that, as 《民法典》第二百零一条
 * starts a period the day after its first day and the county office reads a receipt on a closed
 * day as made when it opens. `calendar_day`: the calendar day of receipt is day 0, so the first
 * working day after the holiday is already day 1 (the count before this policy existed).
 * A receipt on a working day is counted the same under both.
 */
export const RECEIPT_POLICIES = ['next_working_day', 'calendar_day'] as const;
export type ReceiptPolicy = (typeof RECEIPT_POLICIES)[number];
export const DEFAULT_RECEIPT_POLICY: ReceiptPolicy = 'next_working_day';

/** The day a period counts from under `policy`: the receipt itself, or under 顺延 the first working day on or after it. */
export function deemedReceipt(cal: WorkingCalendar, received: IsoDate, policy: ReceiptPolicy): IsoDate {
  if (policy === 'calendar_day') return received;
  let day = toDayNumber(received);
  // Terminates like addWorkingDays: working days never run out.
  while (!cal.isWorkingDay(fromDayNumber(day))) day += 1;
  return fromDayNumber(day);
}

/** Number of working days in (from, to]; 0 when to <= from. The inverse of addWorkingDays. */
export function workingDaysBetween(cal: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  const end = toDayNumber(to);
  let count = 0;
  for (let day = toDayNumber(from) + 1; day <= end; day += 1) {
    if (cal.isWorkingDay(fromDayNumber(day))) count += 1;
  }
  return count;
}

/**
 * The working day W from which at most `warnDays` working days remain, counting the current
 * day: W..due holds exactly `warnDays` working days. E.g. due Fri 2025-10-17, 2 -> Thu 10-16.
 * W is always a working day: a weekend or holiday just before it stays `normal`, since nobody
 * can act on a warning then.
 */
export function warningStartsOn(cal: WorkingCalendar, due: IsoDate, warnDays: number): IsoDate {
  requireCount('warnDays', warnDays);
  let day = toDayNumber(due);
  let counted = 0;
  for (;;) {
    const date = fromDayNumber(day);
    if (cal.isWorkingDay(date)) {
      counted += 1;
      if (counted === warnDays) return date;
    }
    day -= 1;
  }
}

// ---- instants --------------------------------------------------------------------------

/** The calendar day `n` days after (or before, for negative n) `date`. */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** The instant a period ends: 24:00 Beijing time of `due`, written as the next day at 00:00. */
export function endOfDay(due: IsoDate): string {
  return `${addCalendarDays(due, 1)}T00:00:00+08:00`;
}

// An instant must carry its offset: without one, Date.parse reads local time of the host.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The Beijing calendar date of an ISO instant (with Z or an offset) or of epoch milliseconds. */
export function beijingDate(instant: string | number): IsoDate {
  const ms =
    typeof instant === 'number'
      ? instant
      : // Date.parse silently rolls 2025-02-30 over to March, so check the date part first.
        ISO_INSTANT.test(instant) && isValidIsoDate(instant.slice(0, 10))
        ? Date.parse(instant)
        : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant with a time zone: ${JSON.stringify(instant)}`);
  return fromDayNumber(Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS));
}

/** Periods are half-open: at `endsAtMs` itself (24:00 of the due day) the deadline has passed. */
export function deadlineLevel(nowMs: number, warningAtMs: number, endsAtMs: number): DeadlineLevel {
  if (nowMs >= endsAtMs) return 'overdue';
  if (nowMs >= warningAtMs) return 'warning';
  return 'normal';
}
