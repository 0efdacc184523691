// One source per bound. The domain checks (workflow validators) and the API's TypeBox limits both
// read these, so a value out of range gets one answer, 400 with the bound's own code, wherever it
// is caught first.

export interface WorkingDaysBound {
  readonly min: number;
  readonly max: number;
  /** the domain error code of a value outside [min, max] */
  readonly code:
    | 'EXTENSION_DAYS_RANGE'
    | 'RECTIFICATION_PERIOD_RANGE'
    | 'SHARING_DEADLINE_RANGE'
    | 'RESUBMISSION_PERIOD_RANGE'
    | 'IT_PROJECT_PERIOD_RANGE';
}

/** 第二十三条: the head may extend verification by at most ten working days (one request or several). */
export const EXTENSION_DAYS = { min: 1, max: 10, code: 'EXTENSION_DAYS_RANGE' } as const satisfies WorkingDaysBound;

/** 第五十一条 sets no period for 限期整改: the authority chooses one within this range (our setting). */
export const RECTIFICATION_PERIOD_DAYS = { min: 1, max: 30, code: 'RECTIFICATION_PERIOD_RANGE' } as const satisfies WorkingDaysBound;

/** 第三十一条 sets no period for a provider's decision: the authority's setting, within this range. */
export const SHARING_DECISION_DAYS = { min: 1, max: 20, code: 'SHARING_DEADLINE_RANGE' } as const satisfies WorkingDaysBound;

/** 第十八条 sets no period for resubmitting a returned catalog application: the authority's setting, within this range. */
export const RESUBMISSION_PERIOD_DAYS = { min: 1, max: 20, code: 'RESUBMISSION_PERIOD_RANGE' } as const satisfies WorkingDaysBound;

/** 第四十七条 sets no period for an IT project's review, approval or funding: the authority's settings, within this range. */
export const IT_PROJECT_PERIOD_DAYS = { min: 1, max: 60, code: 'IT_PROJECT_PERIOD_RANGE' } as const satisfies WorkingDaysBound;

/**
 * Dates the system counts with. The official schedules in the calendar data begin in 2004; a
 * year of four digits starting 20 keeps every working-day count and PostgreSQL date in range
 * (9999-12-31 plus ten working days has no day to land on).
 */
export const DATE_RANGE = { min: '2000-01-01', max: '2099-12-31', code: 'DATE_OUT_OF_RANGE' } as const;

/**
 * 第四十六条: one figure of a department's annual report (entries, requests, cases in one year).
 * A county department counts in the hundreds or thousands; the ceiling stops typing slips such
 * as 9 999 999 without refusing a large department (our setting).
 */
export const REPORT_FIGURE = { min: 0, max: 100_000 } as const;

/** Row ids and versions: PostgreSQL integer, and bigint as far as a JavaScript number is exact. */
export const MAX_INTEGER_ID = 2_147_483_647;
export const MAX_BIGINT_ID = Number.MAX_SAFE_INTEGER;

/**
 * 第二十三条第三款 lets an applicant follow a case by receipt number and a six-digit code: a million
 * codes, so guessing is stopped per receipt, whatever address asks (issue 16; our setting).
 */
export const QUERY_CODE_LOCKOUT = { failures: 5, minutes: 15 } as const;

export const withinBound = (bound: WorkingDaysBound, days: number): boolean =>
  Number.isInteger(days) && days >= bound.min && days <= bound.max;

/** "1–10 个工作日", for messages. */
export const boundText = (bound: WorkingDaysBound): string => `${bound.min}–${bound.max} 个工作日`;
