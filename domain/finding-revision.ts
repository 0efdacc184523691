// SPEC §2: a recount (a calendar change, a newly loaded year) revisits the findings recorded on
// the deadline it supersedes. Pure: the stage clock's activity asks this module.
import { type Deadline, isPast } from './deadline';
import type { FindingStatus } from './responsibility';

export interface FindingRevision {
  status: 'withdrawn' | 'notified';
  /** Chinese, for the timeline and the finding's review: the old and the new deadline */
  reason: string;
}

/** Only a finding still open to revision: a confirmed, contested or annulled one stays as its review left it. */
export const REVISABLE_STATUSES: readonly FindingStatus[] = ['provisional', 'notified'];

const dueOf = (d: Pick<Deadline, 'due' | 'provisional'>): string => `${d.due}${d.provisional ? '（暂定）' : ''}`;

/**
 * 第四十九条(八) charges a missed deadline, and the deadline is the one counted with the calendar
 * in force: when the recount moves it past `nowMs` (the period has not ended, or the process
 * was done in time) the finding is withdrawn; when it still stands on a deadline no longer
 * provisional, a provisional finding becomes notified. Otherwise nothing changes.
 */
export function reviseFinding(
  status: FindingStatus,
  superseded: Pick<Deadline, 'due' | 'provisional'>,
  deadline: Deadline,
  nowMs: number,
): FindingRevision | null {
  if (!REVISABLE_STATUSES.includes(status)) return null;
  const counted = `日历调整后重新计算期限：原期限 ${dueOf(superseded)}，新期限 ${dueOf(deadline)}`;
  if (!isPast(deadline, nowMs)) return { status: 'withdrawn', reason: `${counted}；新期限尚未届满，撤回该项认定` };
  if (status === 'provisional' && !deadline.provisional) {
    return { status: 'notified', reason: `${counted}；按已载入的官方安排仍已超期，认定成立并告知` };
  }
  return null;
}
