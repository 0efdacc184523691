// SPEC §2, the receipt policy: a receipt on a weekend or holiday is deemed made on the next
// working day (顺延) and counting starts the day after that; `calendar_day` counts from the
// calendar day of receipt. Every expected date is counted by hand from the State Council's 2025
// notice: National Day 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked.
import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../domain/deadline';
import { officialCalendarSource } from '../../domain/official-calendar';
import { buildCalendar, DEFAULT_RECEIPT_POLICY, deemedReceipt } from '../../domain/working-days';
import { readEnv } from '../../env';

const cal = buildCalendar(officialCalendarSource(), [], 'test');

describe('receipt on Saturday 2025-10-04, inside the National Day holiday, 10 working days', () => {
  it('顺延 (next_working_day): deemed received Thu 10-09, day 1 is Fri 10-10, day 10 is Wed 10-22', () => {
    // 10-10 (1), Sat 10-11 worked (2), 10-13 (3), 10-14 (4), 10-15 (5), 10-16 (6), 10-17 (7),
    // 10-20 (8), 10-21 (9), 10-22 (10).
    expect(deemedReceipt(cal, '2025-10-04', 'next_working_day')).toBe('2025-10-09');
    expect(computeDeadline(cal, '2025-10-04', 10, 2, 'next_working_day')).toEqual({
      due: '2025-10-22',
      endsAt: '2025-10-23T00:00:00+08:00',
      // two working days left counting the current one: 10-21 and 10-22
      warningAt: '2025-10-21T00:00:00+08:00',
      provisional: false,
      calendarVersion: 'test',
      receiptPolicy: 'next_working_day',
      countedFrom: '2025-10-09',
    });
  });

  it('calendar_day: day 1 is Thu 10-09, the first working day after the holiday; day 10 is Tue 10-21', () => {
    // 10-09 (1), 10-10 (2), 10-11 (3), 10-13 (4), 10-14 (5), 10-15 (6), 10-16 (7), 10-17 (8),
    // 10-20 (9), 10-21 (10).
    expect(deemedReceipt(cal, '2025-10-04', 'calendar_day')).toBe('2025-10-04');
    expect(computeDeadline(cal, '2025-10-04', 10, 2, 'calendar_day')).toMatchObject({
      due: '2025-10-21',
      endsAt: '2025-10-22T00:00:00+08:00',
      receiptPolicy: 'calendar_day',
      countedFrom: '2025-10-04',
    });
  });
});

describe('an ordinary weekend: received Saturday 2025-03-08, 10 working days', () => {
  it('顺延: deemed Mon 03-10, due Mon 03-24; calendar_day: due Fri 03-21', () => {
    expect(computeDeadline(cal, '2025-03-08', 10, 2, 'next_working_day').due).toBe('2025-03-24');
    expect(computeDeadline(cal, '2025-03-08', 10, 2, 'calendar_day').due).toBe('2025-03-21');
  });
});

describe('a receipt on a working day is counted the same under both policies', () => {
  it('Friday 2025-09-26: due Thu 10-16 across National Day', () => {
    for (const policy of ['next_working_day', 'calendar_day'] as const) {
      expect(computeDeadline(cal, '2025-09-26', 10, 2, policy)).toMatchObject({ due: '2025-10-16', countedFrom: '2025-09-26' });
    }
  });

  it('Sunday 2025-09-28, a 调休 working day: not moved, day 1 is Mon 09-29, due Fri 10-17', () => {
    // 09-29 (1), 09-30 (2), 10-09 (3), 10-10 (4), 10-11 (5), 10-13 (6), 10-14 (7), 10-15 (8), 10-16 (9), 10-17 (10).
    for (const policy of ['next_working_day', 'calendar_day'] as const) {
      expect(computeDeadline(cal, '2025-09-28', 10, 2, policy)).toMatchObject({ due: '2025-10-17', countedFrom: '2025-09-28' });
    }
  });
});

describe('RECEIPT_POLICY', () => {
  it('defaults to 顺延 (next_working_day)', () => {
    expect(DEFAULT_RECEIPT_POLICY).toBe('next_working_day');
    expect(readEnv({}).receiptPolicy).toBe('next_working_day');
  });

  it('calendar_day when set; any other value stops start-up with a Chinese message naming it', () => {
    expect(readEnv({ RECEIPT_POLICY: 'calendar_day' }).receiptPolicy).toBe('calendar_day');
    expect(() => readEnv({ RECEIPT_POLICY: 'weekday' })).toThrow(/配置错误 \(CONFIG_INVALID\): RECEIPT_POLICY=weekday/);
  });
});
