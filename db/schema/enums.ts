import { pgEnum } from 'drizzle-orm/pg-core';
import { ROLES } from '../../domain/roles';

export const roleEnum = pgEnum('role', ROLES);
export const departmentKindEnum = pgEnum('department_kind', ['department', 'authority', 'county_government']);
export const deadlineLevelEnum = pgEnum('deadline_level', ['normal', 'warning', 'overdue']);
export const processStatusEnum = pgEnum('process_status', ['open', 'closed']);
export const calendarDayKindEnum = pgEnum('calendar_day_kind', ['holiday', 'workday']);
