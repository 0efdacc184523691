// SPEC §5: the engine history an auditor reads. Each event's decoded payloads stay raw in its
// JSON; the people they name are shown beside it with the role's Chinese label (issue 15).
import { ROLE_LABELS, roleLabel } from '../../domain/vocabulary';

export interface HistoryActor {
  userId: string;
  role: string;
  departmentCode: string | null;
}

const isActor = (o: Record<string, unknown>): boolean =>
  typeof o.userId === 'string' && typeof o.role === 'string' && Object.hasOwn(ROLE_LABELS, o.role);

/** Each distinct actor ({ userId, role, departmentCode }) an event's decoded payloads carry, in order. */
export function actorsOf(event: unknown): HistoryActor[] {
  const found = new Map<string, HistoryActor>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (isActor(o)) {
      const a = { userId: o.userId as string, role: o.role as string, departmentCode: (o.departmentCode as string | null) ?? null };
      found.set(`${a.userId} ${a.role}`, a);
    }
    for (const child of Object.values(o)) walk(child);
  };
  walk(event);
  return [...found.values()];
}

/** Who acted, as officials read it: 李局长（部门主要负责人 · 县市场监督管理局）. */
export const personText = (name: string, role: string | null, department: string | null): string =>
  `${name}（${roleLabel(role)}${department ? ` · ${department}` : ''}）`;
