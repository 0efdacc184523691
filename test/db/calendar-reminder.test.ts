// SPEC §2: from 1 November (Beijing) the admins are reminded daily while next year's holiday
// schedule is missing. chinese-days 1.5.7 has 2026 but no 2027: in November 2026, 2027 is missing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { Database } from '../../db/client';
import { loadYear } from '../../db/repositories/calendar.repo';
import { notifications } from '../../db/schema';
import { missingYearReminder } from '../../domain/calendar-reminder';
import { testDatabase } from '../helpers/db';
import { actorOf } from '../helpers/actors';

let database: Database;
let remind: ReturnType<typeof createActivities>['remindMissingCalendarYear'];

const outbox = () => database.db.select().from(notifications);

describe('missingYearReminder (the rule)', () => {
  const none = () => false;
  it('31 October: nothing yet; 1 November and 31 December: next year', () => {
    expect(missingYearReminder('2026-10-31', none)).toBeNull();
    expect(missingYearReminder('2026-11-01', none)).toMatchObject({ year: 2027, kind: 'calendar_year_missing' });
    expect(missingYearReminder('2026-12-31', none)?.year).toBe(2027);
    // January to October: the reminders of the year before have stopped.
    expect(missingYearReminder('2027-01-01', none)).toBeNull();
  });

  it('nothing once next year is loaded', () => {
    expect(missingYearReminder('2026-11-15', (y) => y === 2027)).toBeNull();
  });
});

describe('remindMissingCalendarYear (the activity)', () => {
  beforeEach(async () => {
    database = await testDatabase();
    // No Temporal call is made by this activity: the client is never used.
    remind = createActivities({ db: database.db, client: undefined as never, warningWorkingDays: 2 }).remindMissingCalendarYear;
  });
  afterEach(async () => database?.close());

  it('Saturday 31 October 2026, 08:30 Beijing: writes nothing', async () => {
    expect(await remind({ asOf: '2026-10-31T08:30:00+08:00' })).toBeNull();
    expect(await outbox()).toHaveLength(0);
  });

  it('1 November 2026 with 2027 missing: one notice to the admins, once however often it runs that day', async () => {
    // 2026-10-31T16:30Z is already 1 November 00:30 in Beijing.
    expect(await remind({ asOf: '2026-10-31T16:30:00Z' })).toEqual({ year: 2027, date: '2026-11-01' });
    expect(await remind({ asOf: '2026-11-01T20:00:00+08:00' })).toEqual({ year: 2027, date: '2026-11-01' });
    const rows = await outbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      workflowId: 'calendar-year-reminder',
      key: 'calendar-year-2027-2026-11-01',
      departmentCode: null,
      role: 'system_admin',
      kind: 'calendar_year_missing',
    });
    expect(rows[0]!.message).toContain('2027年节假日安排尚未载入');
    // The next day is another notice.
    await remind({ asOf: '2026-11-02T08:30:00+08:00' });
    expect((await outbox()).map((r) => r.key).sort()).toEqual(['calendar-year-2027-2026-11-01', 'calendar-year-2027-2026-11-02']);
  });

  it('2027 loaded: nothing', async () => {
    const admin = await actorOf(database.db, 'admin');
    await loadYear(database.db, { year: 2027, holidays: ['2027-01-01'], workdays: [], source: '测试', loadedBy: admin.userId });
    expect(await remind({ asOf: '2026-11-20T08:30:00+08:00' })).toBeNull();
    expect(await outbox()).toHaveLength(0);
  });
});
