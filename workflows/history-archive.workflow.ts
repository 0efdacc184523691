// SPEC §5, 第四十八条: started by the schedule `history-archive` (worker.ts): archives the full
// history of every closed process that has none yet. A separate workflow rather than a last
// activity in each process: a process cannot archive its own completion, and the existing
// process types (and their running executions) keep their command sequences unchanged.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ArchiveRound } from '../activities/history-archive.activities';
import { archiveActivity } from './options';

const { archiveClosedHistories } = proxyActivities<Activities>(archiveActivity);

/** Processes archived per round; the rest wait for the next. */
export const ARCHIVE_ROUND_LIMIT = 200;

export async function historyArchiveWorkflow(): Promise<ArchiveRound> {
  return archiveClosedHistories({ limit: ARCHIVE_ROUND_LIMIT });
}
