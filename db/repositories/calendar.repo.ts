import { createHash } from 'node:crypto';
import { asc, between, sql } from 'drizzle-orm';
import { buildCalendar, type CalendarOverride, type IsoDate, type WorkingCalendar } from '../../domain/working-days';
import { describeCalendar, OFFICIAL_CALENDAR_PACKAGE, officialCalendarSource } from '../../domain/official-calendar';
import { STATUTORY_HOLIDAYS_BASIS } from '../../domain/statutory-holidays';
import type { DbOrTx } from '../client';
import { calendarOverrides, calendarYears } from '../schema';

const official = officialCalendarSource();
/**
 * The calendar last built, keyed by the tables' fingerprint (issue 18): every deadline counted
 * reads the fingerprint, one small query, and rebuilds only when a day or a year changed.
 * Content-addressed, so one cache serves every database this process talks to.
 */
let cached: { fingerprint: string; calendar: WorkingCalendar } | undefined;

export const listOverrides = (db: DbOrTx) => db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
export const listLoadedYears = (db: DbOrTx) => db.select().from(calendarYears).orderBy(asc(calendarYears.year));

/**
 * What the calendar's version depends on, digested by the database in one round trip: the
 * overrides' days and kinds and the loaded years (the package's part cannot change while the
 * process runs). Written by any path, an override or a year changes it at once.
 */
async function calendarFingerprint(db: DbOrTx): Promise<string> {
  const [row] = await db
    .select({
      days: sql<string>`coalesce(string_agg(${calendarOverrides.date}::text || ${calendarOverrides.kind}::text, ',' order by ${calendarOverrides.date}), '')`,
      years: sql<string>`(select coalesce(string_agg(${calendarYears.year}::text, ',' order by ${calendarYears.year}), '') from ${calendarYears})`,
    })
    .from(calendarOverrides);
  return `${row?.days}|${row?.years}`;
}

/**
 * The calendar in force: the package's official schedules, the statutory holidays of years not
 * yet published, and the administrators' overrides and loaded years. Its version is a digest of them, so a deadline records exactly which
 * calendar it was counted with, and a changed calendar is a new version. Served from the cache
 * while the tables' fingerprint is unchanged.
 */
export async function loadCalendar(db: DbOrTx): Promise<WorkingCalendar> {
  const fingerprint = await calendarFingerprint(db);
  if (cached?.fingerprint === fingerprint) return cached.calendar;
  const [overrides, years] = await Promise.all([listOverrides(db), listLoadedYears(db)]);
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        OFFICIAL_CALENDAR_PACKAGE,
        STATUTORY_HOLIDAYS_BASIS,
        overrides.map((o) => [o.date, o.kind]),
        years.map((y) => y.year),
      ]),
    )
    .digest('hex')
    .slice(0, 12);
  const version = `${OFFICIAL_CALENDAR_PACKAGE}+${digest}`;
  const extra: CalendarOverride[] = overrides.map((o) => ({ date: o.date, kind: o.kind }));
  const calendar = buildCalendar({ ...official, loadedYears: [...official.loadedYears, ...years.map((y) => y.year)] }, extra, version);
  // Read after the fingerprint: a change in between is caught by the next call's fingerprint.
  cached = { fingerprint, calendar };
  return calendar;
}

/**
 * The calendar in force in words. The days a loaded year's notice brought are part of that
 * year's schedule; only the other overrides are counted as adjustments.
 */
export async function currentCalendar(db: DbOrTx): Promise<{ version: string; description: string }> {
  const [calendar, overrides, years] = await Promise.all([loadCalendar(db), listOverrides(db), listLoadedYears(db)]);
  const loaded = new Set(years.map((y) => y.year));
  const adjustments = overrides.filter((o) => !loaded.has(Number(o.date.slice(0, 4)))).length;
  return { version: calendar.version, description: describeCalendar([...loaded], adjustments) };
}

export async function upsertOverride(
  db: DbOrTx,
  o: { date: IsoDate; kind: 'holiday' | 'workday'; reason: string; createdBy: string },
): Promise<void> {
  await db
    .insert(calendarOverrides)
    .values(o)
    .onConflictDoUpdate({
      target: calendarOverrides.date,
      set: { kind: o.kind, reason: o.reason, createdBy: o.createdBy, createdAt: sql`now()` },
    });
}

export async function deleteOverride(db: DbOrTx, date: IsoDate): Promise<boolean> {
  const rows = await db.delete(calendarOverrides).where(sql`${calendarOverrides.date} = ${date}`).returning();
  return rows.length > 0;
}

/**
 * Loads a year's State Council schedule (published around November): its holidays and
 * make-up working days become overrides, and the year stops being provisional.
 */
export async function loadYear(
  db: DbOrTx,
  y: { year: number; holidays: IsoDate[]; workdays: IsoDate[]; source: string; loadedBy: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(calendarOverrides).where(between(calendarOverrides.date, `${y.year}-01-01`, `${y.year}-12-31`));
    const days = [
      ...y.holidays.map((date) => ({ date, kind: 'holiday' as const })),
      ...y.workdays.map((date) => ({ date, kind: 'workday' as const })),
    ];
    if (days.length > 0) {
      // Days of the adjacent December or January may already carry an override: the notice's wins.
      await tx
        .insert(calendarOverrides)
        .values(days.map((d) => ({ ...d, reason: y.source, createdBy: y.loadedBy })))
        .onConflictDoUpdate({ target: calendarOverrides.date, set: { kind: sql`excluded.kind`, reason: y.source, createdBy: y.loadedBy } });
    }
    await tx
      .insert(calendarYears)
      .values({ year: y.year, source: y.source, loadedBy: y.loadedBy })
      .onConflictDoUpdate({ target: calendarYears.year, set: { source: y.source, loadedBy: y.loadedBy, loadedAt: sql`now()` } });
  });
}
