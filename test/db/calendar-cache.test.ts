// Issue 18: the recount and computeDeadline activities serve the calendar from a cache keyed by
// the calendar tables' fingerprint. A changed day must be seen by the very next count, an
// unchanged calendar must not be rebuilt. Dates counted by hand on the 2025 schedule.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { Database } from '../../db/client';
import { deleteOverride, loadCalendar, loadYear, upsertOverride } from '../../db/repositories/calendar.repo';
import type { Actor } from '../../domain/roles';
import { actorOf } from '../helpers/actors';
import { testDatabase } from '../helpers/db';

let database: Database;
let admin: Actor;
let computeDeadline: ReturnType<typeof createActivities>['computeDeadline'];

beforeEach(async () => {
  database = await testDatabase();
  admin = await actorOf(database.db, 'admin');
  // Counting makes no Temporal call: the client is never used.
  ({ computeDeadline } = createActivities({ db: database.db, client: undefined as never, warningWorkingDays: 2 }));
});
afterEach(async () => database?.close());

// 10 working days from Fri 2025-09-26: 09-28 (Sun, worked) 1, 09-29 2, 09-30 3, National Day
// 10-01..08 off, 10-09 4, 10-10 5, 10-11 (Sat, worked) 6, 10-13 7, 10-14 8, 10-15 9, 10-16 10.
const TEN_FROM_0926 = { from: '2025-09-26', workingDays: 10 };

describe('the calendar cache', () => {
  it('serves an unchanged calendar without rebuilding it', async () => {
    const first = await loadCalendar(database.db);
    expect(await loadCalendar(database.db)).toBe(first);
    expect((await computeDeadline(TEN_FROM_0926)).calendarVersion).toBe(first.version);
  });

  it('sees an override at once, and its removal', async () => {
    const before = await computeDeadline(TEN_FROM_0926);
    expect(before.due).toBe('2025-10-16');

    // Wednesday 10-15 made a holiday: 10-16 is day 9, Friday 10-17 day 10.
    await upsertOverride(database.db, { date: '2025-10-15', kind: 'holiday', reason: '测试：临时休息', createdBy: admin.userId });
    const after = await computeDeadline(TEN_FROM_0926);
    expect(after).toMatchObject({ due: '2025-10-17', endsAt: '2025-10-18T00:00:00+08:00' });
    expect(after.calendarVersion).not.toBe(before.calendarVersion);

    // Changed to a working day again (same date, other kind): 10-15 counts, due 10-16 again.
    await upsertOverride(database.db, { date: '2025-10-15', kind: 'workday', reason: '测试：恢复上班', createdBy: admin.userId });
    expect((await computeDeadline(TEN_FROM_0926)).due).toBe('2025-10-16');

    await deleteOverride(database.db, '2025-10-15');
    const back = await computeDeadline(TEN_FROM_0926);
    expect(back).toMatchObject({ due: '2025-10-16', calendarVersion: before.calendarVersion });
  });

  it('sees a loaded year at once: 2027 stops being provisional', async () => {
    // 1 working day from Thu 2026-12-31: 元旦 Fri 2027-01-01 off, Mon 2027-01-04, provisional until 2027 is loaded.
    expect(await computeDeadline({ from: '2026-12-31', workingDays: 1 })).toMatchObject({ due: '2027-01-04', provisional: true });
    await loadYear(database.db, { year: 2027, holidays: ['2027-01-01'], workdays: [], source: '测试：2027年安排', loadedBy: admin.userId });
    expect(await computeDeadline({ from: '2026-12-31', workingDays: 1 })).toMatchObject({ due: '2027-01-04', provisional: false });
  });
});
