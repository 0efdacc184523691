// The names the console shows in place of codes (issue 15): the departments (GET /v1/departments)
// and the calendar in force described in words (GET /v1/calendar/current), loaded once after
// sign-in. A code the lists do not know reads 未知部门, never the code itself.
import { reactive } from 'vue';
import { get } from './api';

export interface Department {
  code: string;
  name: string;
  kind: 'department' | 'authority' | 'county_government';
  active: boolean;
}

export const lookups = reactive({
  departments: [] as Department[],
  calendar: null as { version: string; description: string } | null,
  loaded: false,
});

let loading: Promise<void> | null = null;

/** Loads the lookups once per sign-in; a failure leaves them empty and is retried next time. */
export function ensureLookups(): Promise<void> {
  if (lookups.loaded) return Promise.resolve();
  loading ??= Promise.all([
    get<{ items: Department[] }>('/v1/departments'),
    get<{ version: string; description: string }>('/v1/calendar/current'),
  ])
    .then(([departments, calendar]) => {
      lookups.departments = departments.items;
      lookups.calendar = calendar;
      lookups.loaded = true;
    })
    .catch(() => {})
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** Loads them afresh: after the security administrator changed a department. */
export function reloadLookups(): Promise<void> {
  lookups.loaded = false;
  return ensureLookups();
}

export function departmentName(code: string | null | undefined): string {
  if (!code) return '—';
  return lookups.departments.find((d) => d.code === code)?.name ?? '未知部门';
}

/**
 * A deadline's calendar version in words. Only the version in force can be described from what
 * the API holds; a deadline counted before the calendar last changed says so.
 */
export function calendarName(version: string | null | undefined): string {
  if (!version) return '—';
  if (lookups.calendar && version === lookups.calendar.version) return lookups.calendar.description;
  return '调整前的工作日历（此后日历已更新）';
}

/** The active departments of one kind (department, authority, county_government), for pickers. */
export const departmentsOfKind = (kind: Department['kind']) =>
  lookups.departments.filter((d) => d.active && d.kind === kind).map(({ code, name }) => ({ code, name }));
