import { pgEnum } from 'drizzle-orm/pg-core';
import { ROLES } from '../../domain/roles';

export const roleEnum = pgEnum('role', ROLES);
// project_approval: 发展改革部门 and 财政部门 in their 第四十七条 part (see db/seed.ts).
export const departmentKindEnum = pgEnum('department_kind', ['department', 'authority', 'county_government', 'project_approval']);
export const deadlineLevelEnum = pgEnum('deadline_level', ['normal', 'warning', 'overdue']);
export const processStatusEnum = pgEnum('process_status', ['open', 'closed']);
export const calendarDayKindEnum = pgEnum('calendar_day_kind', ['holiday', 'workday']);
