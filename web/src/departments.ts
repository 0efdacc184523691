// Department names as GET /v1/departments gives them, loaded once per sign-in: pages show
// 县市场监督管理局 where the API's views carry the stable code.
import { reactive } from 'vue';
import { get } from './api';

const names = reactive(new Map<string, string>());
const kinds = reactive(new Map<string, string>());
let loading: Promise<void> | null = null;

/** Loads the names (once); a page awaits it before it shows departments. */
export function loadDepartments(): Promise<void> {
  loading ??= get<{ items: { code: string; name: string; kind: string }[] }>('/v1/departments')
    .then((res) => {
      for (const d of res.items) {
        names.set(d.code, d.name);
        kinds.set(d.code, d.kind);
      }
    })
    .catch(() => {
      loading = null;
    });
  return loading;
}

/** The department's name; 未知部门 (never the code) until the names arrive or for an unknown code. */
export const deptName = (code: string | null | undefined): string => (code ? (names.get(code) ?? '未知部门') : '—');

/** The departments of one kind (department, authority, county_government), for pickers. */
export const departmentKinds = (kind: string) =>
  [...names].filter(([code]) => kinds.get(code) === kind).map(([code, name]) => ({ code, name }));
