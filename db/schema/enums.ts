import { pgEnum } from 'drizzle-orm/pg-core';
import { DEPARTMENT_KINDS, ROLES } from '../../domain/roles';

export const roleEnum = pgEnum('role', ROLES);
export const departmentKindEnum = pgEnum('department_kind', DEPARTMENT_KINDS);
export const deadlineLevelEnum = pgEnum('deadline_level', ['normal', 'warning', 'overdue']);
export const processStatusEnum = pgEnum('process_status', ['open', 'closed']);
export const calendarDayKindEnum = pgEnum('calendar_day_kind', ['holiday', 'workday']);
