// 督办 (SPEC §6, 第四十五条): a supervisor urges the party holding an open process's turn. Who
// may urge follows the supervision chain of responsibility.ts: the authority urges 政务部门, the
// county government urges the authority; the city, which supervises the county government, has
// no account here. Reading chosen (README 督办): only a yellow or red deadline is urged — a green
// one has nothing to urge yet.
import { type DomainError, domainError } from './errors';
import { holderOf, type PartyKind, SUPERVISOR_OF, type Supervisor } from './responsibility';
import type { Role } from './roles';
import type { DeadlineLevel } from './working-days';

export const URGED_LEVELS: readonly DeadlineLevel[] = ['warning', 'overdue'];

/** The role that acts for each supervisor in this system; the city has none. */
const ROLE_OF_SUPERVISOR: Record<Supervisor, Role | null> = {
  authority: 'authority_reviewer',
  county_government: 'county_government',
  city: null,
};

/** The party to notify when `role` urges a process at `stage` and `level`, or why it may not. */
export function checkUrge(
  role: Role,
  p: { status: 'open' | 'closed'; stage: string; level: DeadlineLevel },
): { holder: PartyKind } | { refusal: DomainError } {
  const holder = p.status === 'open' ? holderOf(p.stage) : null;
  if (!holder) return { refusal: domainError(p.status === 'open' ? 'URGE_NO_HOLDER' : 'PROCESS_CLOSED') };
  if (ROLE_OF_SUPERVISOR[SUPERVISOR_OF[holder]] !== role) return { refusal: domainError('URGE_NOT_SUPERVISOR') };
  if (!URGED_LEVELS.includes(p.level)) return { refusal: domainError('URGE_NOT_DUE') };
  return { holder };
}

/**
 * 按时办结率 of closed processes, in per cent with one decimal: a process is late only when a
 * confirmed finding charges its department (the yearly evaluation's rule, 第四十五条), so a
 * finding withdrawn after a recount does not lower the rate. null when nothing closed.
 */
export const onTimeRate = (closed: number, late: number): number | null =>
  closed === 0 ? null : Math.round(((closed - late) * 1000) / closed) / 10;

/** The on-time ranking: the highest rate first, an equal rate an equal rank; no rate, no rank. */
export function rankByOnTime<T extends { onTimeRate: number | null }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const rates = rows.map((r) => r.onTimeRate).filter((r): r is number => r !== null);
  return rows.map((r) => ({ ...r, rank: r.onTimeRate === null ? null : 1 + rates.filter((x) => x > r.onTimeRate!).length }));
}

/** The `n` months ending with the month of `today` ('YYYY-MM-DD'), oldest first, as 'YYYY-MM'. */
export function monthsEndingWith(today: string, n: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - (n - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}
