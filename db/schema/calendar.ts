import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { calendarDayKindEnum } from './enums';
import { users } from './identity';

// SPEC §2: administrators correct single days, or load a year's State Council schedule
// before the calendar package carries it.
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: calendarDayKindEnum('kind').notNull(),
  reason: text('reason').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  loadedBy: uuid('loaded_by').references(() => users.id),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});
