// What the security administrator's pages share: the departments and users as /v1/admin lists
// them (fresher than the lookups loaded at sign-in: a department created a moment ago is there,
// an inactive one too), and the names a page shows in place of their codes and ids.
import { computed, ref } from 'vue';
import type { DepartmentKind } from '../../domain/roles';
import { get } from './api';
import type { Role } from './session';

export interface AdminDepartment {
  code: string;
  name: string;
  kind: DepartmentKind;
  active: boolean;
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string | null;
  active: boolean;
  lastSignInAt: string | null;
}

export function useAdminDirectory() {
  const departments = ref<AdminDepartment[]>([]);
  const users = ref<AdminUser[]>([]);

  async function reload() {
    const [d, u] = await Promise.all([
      get<{ items: AdminDepartment[] }>('/v1/admin/departments'),
      get<{ items: AdminUser[] }>('/v1/admin/users'),
    ]);
    departments.value = d.items;
    users.value = u.items;
  }

  const departmentName = (code: string | null | undefined) =>
    code ? (departments.value.find((d) => d.code === code)?.name ?? '未知部门') : '—';
  const userName = (id: string) => users.value.find((u) => u.id === id)?.displayName ?? '未知用户';
  /** SPEC §7: the one active 主要负责人 of each department, by department code. */
  const heads = computed(
    () => new Map(users.value.filter((u) => u.active && u.role === 'department_head').map((u) => [u.departmentCode, u.displayName])),
  );

  return { departments, users, reload, departmentName, userName, heads };
}
